using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Defaulting;
using Stowage.Api.Validation;
using Stowage.Api.Core;
using Stowage.Server.Errors;
using Stowage.Server.Printing;
using Stowage.Server.Resources;

namespace Stowage.Server.Strategies;

/// <summary>
/// Namespaces: the "kubernetes" spec finalizer holds a deleted namespace in Terminating until the
/// namespace lifecycle has removed its content; the system namespaces cannot be deleted.
/// </summary>
public sealed class NamespaceStrategy : ResourceStrategy<Namespace>
{
    /// <summary>The spec finalizer of every namespace.</summary>
    public const string KubernetesFinalizer = "kubernetes";

    /// <summary>Namespaces that always exist.</summary>
    public static IReadOnlyList<string> SystemNamespaces { get; } = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <inheritdoc/>
    public override JsonTypeInfo<Namespace> TypeInfo => ApiJsonContext.Default.Namespace;

    /// <inheritdoc/>
    public override TablePrinter<Namespace> Printer => NamespacePrinter.Instance;

    /// <inheritdoc/>
    public override bool HasStatus => true;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, Func<Namespace, string?>> SelectableFields { get; } =
        new Dictionary<string, Func<Namespace, string?>> { ["status.phase"] = ns => ns.Status?.Phase ?? "" };

    /// <inheritdoc/>
    public override Namespace Default(Namespace obj)
    {
        var labels = obj.Metadata.Labels?.ToDictionary() ?? [];
        if (obj.Metadata.Name is { } name)
        {
            labels["kubernetes.io/metadata.name"] = name;
        }
        return ApiDefaults.Apply(obj.WithMetadata(obj.Metadata with { Labels = labels }));
    }

    /// <inheritdoc/>
    public override Namespace PrepareForCreate(Namespace obj, DateTimeOffset now) => obj with
    {
        Spec = new NamespaceSpec { Finalizers = [KubernetesFinalizer] },
        Status = new NamespaceStatus { Phase = "Active" },
    };

    /// <inheritdoc/>
    public override Namespace PrepareForUpdate(Namespace obj, Namespace old, DateTimeOffset now) =>
        obj with { Spec = old.Spec, Status = old.Status };

    /// <inheritdoc/>
    public override Namespace PrepareForSubresourceUpdate(string subresource, Namespace obj, Namespace old, DateTimeOffset now) =>
        subresource == "finalize"
            ? StatusWrites.KeepAllButStatus(old, obj) with { Spec = obj.Spec }
            : PrepareForUpdate(obj, old, now);

    /// <inheritdoc/>
    public override Namespace PrepareForStatusUpdate(Namespace obj, Namespace old, DateTimeOffset now) =>
        StatusWrites.KeepAllButStatus(old, obj) with { Status = obj.Status };

    /// <inheritdoc/>
    public override bool HasKindFinalizers(Namespace obj) => obj.Spec?.Finalizers is { Count: > 0 };

    /// <inheritdoc/>
    public override Namespace MarkDeleting(Namespace obj) =>
        obj with { Status = (obj.Status ?? new NamespaceStatus()) with { Phase = "Terminating" } };

    /// <inheritdoc/>
    public override ValueTask BeforeDeleteAsync(Namespace obj, ResourceCatalog catalog, CancellationToken cancellationToken)
    {
        if (obj.Metadata.Name is "default" or "kube-system" or "kube-public")
        {
            throw new ApiException(StatusErrors.Forbidden("namespaces", "", obj.Metadata.Name, "this namespace may not be deleted"));
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> Validate(Namespace obj) => NamespaceValidation.Validate(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateUpdate(Namespace obj, Namespace old) => NamespaceValidation.ValidateUpdate(obj, old);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateStatusUpdate(Namespace obj, Namespace old) => NamespaceValidation.ValidateStatusUpdate(obj, old);
}
