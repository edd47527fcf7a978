using System.Text.Json.Serialization.Metadata;
using Stowage.Api.Meta;
using Stowage.Api.Validation;
using Stowage.Server.Printing;

namespace Stowage.Server.Resources;

/// <summary>
/// The kind-specific half of a resource (Kubernetes' RESTCreateStrategy/RESTUpdateStrategy):
/// defaulting, what a write may change, validation, admission, selectable fields and printing. The
/// generic half — metadata, preconditions, storage, watch — is <see cref="ResourceStore{T}"/>.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public abstract class ResourceStrategy<T>
    where T : class, IApiObject<T>
{
    /// <summary>The JSON contract of the type.</summary>
    public abstract JsonTypeInfo<T> TypeInfo { get; }

    /// <summary>The table printer.</summary>
    public abstract TablePrinter<T> Printer { get; }

    /// <summary>True when the kind has a status subresource (main writes keep status, status writes keep the rest).</summary>
    public virtual bool HasStatus => false;

    /// <summary>Defaults applied on create (and when decoding, as Kubernetes defaults on decode).</summary>
    public virtual T Default(T obj) => obj;

    /// <summary>Shapes a new object before validation (e.g. resets status).</summary>
    public virtual T PrepareForCreate(T obj, DateTimeOffset now) => obj;

    /// <summary>Shapes an update of the main resource (e.g. keeps the stored status).</summary>
    public virtual T PrepareForUpdate(T obj, T old, DateTimeOffset now) => obj;

    /// <summary>Shapes an update through another subresource (e.g. a namespace's finalize).</summary>
    public virtual T PrepareForSubresourceUpdate(string subresource, T obj, T old, DateTimeOffset now) => PrepareForUpdate(obj, old, now);

    /// <summary>Shapes an update through the status subresource (keeps everything but status).</summary>
    public virtual T PrepareForStatusUpdate(T obj, T old, DateTimeOffset now) => obj;

    /// <summary>Validates a new object.</summary>
    public virtual IReadOnlyList<FieldError> Validate(T obj) => [];

    /// <summary>Validates an update of the main resource.</summary>
    public virtual IReadOnlyList<FieldError> ValidateUpdate(T obj, T old) => Validate(obj);

    /// <summary>Validates an update through another subresource (e.g. a pod's binding); by default as an update.</summary>
    public virtual IReadOnlyList<FieldError> ValidateSubresourceUpdate(string subresource, T obj, T old) => ValidateUpdate(obj, old);

    /// <summary>Validates an update of the status subresource.</summary>
    public virtual IReadOnlyList<FieldError> ValidateStatusUpdate(T obj, T old) => [];

    /// <summary>Admission: may mutate or refuse (throw ApiException) a write, reading other objects.</summary>
    public virtual ValueTask<T> AdmitAsync(AdmissionRequest<T> request, CancellationToken cancellationToken) => ValueTask.FromResult(request.Object);

    /// <summary>Kind-specific fields for field selectors (metadata.name/namespace are handled generically).</summary>
    public virtual IReadOnlyDictionary<string, Func<T, string?>> SelectableFields { get; } = new Dictionary<string, Func<T, string?>>();

    /// <summary>Finalizers added to every new object (e.g. pv-protection), as admission does in Kubernetes.</summary>
    public virtual IReadOnlyList<string> DefaultFinalizers(T obj) => [];

    /// <summary>
    /// What a delete does to dependents when it names no propagation policy; Unsupported kinds ignore
    /// propagation (the garbage collector does not watch them).
    /// </summary>
    public virtual GarbageCollectionPolicy DefaultGarbageCollectionPolicy => GarbageCollectionPolicy.Unsupported;

    /// <summary>True when metadata.generation counts changes of the desired state.</summary>
    public virtual bool TracksGeneration => false;

    /// <summary>True when the desired state (everything but metadata and status) differs.</summary>
    public virtual bool SpecChanged(T obj, T old)
    {
        var a = System.Text.Json.JsonSerializer.SerializeToNode(obj, TypeInfo)!.AsObject();
        var b = System.Text.Json.JsonSerializer.SerializeToNode(old, TypeInfo)!.AsObject();
        foreach (var name in new[] { "metadata", "status", "apiVersion", "kind" })
        {
            a.Remove(name);
            b.Remove(name);
        }
        return !System.Text.Json.Nodes.JsonNode.DeepEquals(a, b);
    }

    /// <summary>Kind-specific finalizers that hold a deletion (a namespace's spec.finalizers).</summary>
    public virtual bool HasKindFinalizers(T obj) => false;

    /// <summary>Shapes an object whose deletion was just requested (e.g. a namespace turns Terminating).</summary>
    public virtual T MarkDeleting(T obj) => obj;

    /// <summary>Refuses a deletion by throwing an ApiException (e.g. the default namespace).</summary>
    public virtual ValueTask BeforeDeleteAsync(T obj, ResourceCatalog catalog, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Kubernetes' CheckGracefulDelete: the grace period a delete gives the object (a pod's agent
    /// stops its containers meanwhile), or 0 to delete at once. Kinds without graceful deletion return 0.
    /// </summary>
    public virtual long GracePeriodSeconds(T obj, DeleteOptions options) => 0;
}
