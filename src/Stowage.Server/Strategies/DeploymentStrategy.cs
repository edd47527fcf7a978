using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Apps;
using Stowage.Api.Defaulting;
using Stowage.Api.Validation;
using Stowage.Server.Printing;
using Stowage.Server.Resources;

namespace Stowage.Server.Strategies;

/// <summary>
/// apps/v1 Deployments (pkg/registry/apps/deployment): status and scale subresources, an immutable
/// selector, and a generation bumped by changes of the spec or of the annotations (they are copied
/// to the replica sets, so the controller must see them) but not by status writes.
/// </summary>
public sealed class DeploymentStrategy : ResourceStrategy<Deployment>, IScaleStrategy<Deployment>
{
    /// <inheritdoc/>
    public override JsonTypeInfo<Deployment> TypeInfo => ApiJsonContext.Default.Deployment;

    /// <inheritdoc/>
    public override TablePrinter<Deployment> Printer => DeploymentPrinter.Instance;

    /// <inheritdoc/>
    public override bool HasStatus => true;

    /// <inheritdoc/>
    public override bool TracksGeneration => true;

    /// <inheritdoc/>
    public override GarbageCollectionPolicy DefaultGarbageCollectionPolicy => GarbageCollectionPolicy.DeleteDependents;

    /// <inheritdoc/>
    public override Deployment Default(Deployment obj) => ApiDefaults.Apply(obj);

    /// <inheritdoc/>
    public override Deployment PrepareForCreate(Deployment obj, DateTimeOffset now) => obj with { Status = new DeploymentStatus() };

    /// <inheritdoc/>
    public override Deployment PrepareForUpdate(Deployment obj, Deployment old, DateTimeOffset now) =>
        SameAnnotations(obj.Metadata.Annotations, old.Metadata.Annotations)
            ? obj with { Status = old.Status }
            : obj with { Status = old.Status, Metadata = obj.Metadata with { Generation = (old.Metadata.Generation ?? 0) + 1 } };

    /// <summary>
    /// A status write keeps the stored spec and metadata except annotations: the deployment
    /// controller records the revision there with the status (Kubernetes' deployment status strategy
    /// does not reset annotations), without bumping the generation.
    /// </summary>
    public override Deployment PrepareForStatusUpdate(Deployment obj, Deployment old, DateTimeOffset now) =>
        StatusWrites.KeepAllButStatus(old, obj) is var kept
            ? kept with { Status = obj.Status, Metadata = kept.Metadata with { Annotations = obj.Metadata.Annotations } }
            : obj;

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> Validate(Deployment obj) => WorkloadValidation.Validate(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateUpdate(Deployment obj, Deployment old) => WorkloadValidation.ValidateUpdate(obj, old);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateStatusUpdate(Deployment obj, Deployment old) => WorkloadValidation.ValidateStatusUpdate(obj, old);

    /// <inheritdoc/>
    public int DesiredReplicas(Deployment obj) => obj.Spec?.Replicas ?? 0;

    /// <inheritdoc/>
    public int CurrentReplicas(Deployment obj) => obj.Status?.Replicas ?? 0;

    /// <inheritdoc/>
    public string Selector(Deployment obj) => WorkloadCells.SelectorString(obj.Spec?.Selector);

    /// <inheritdoc/>
    public Deployment WithReplicas(Deployment obj, int replicas) => obj with { Spec = (obj.Spec ?? new DeploymentSpec()) with { Replicas = replicas } };

    private static bool SameAnnotations(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a ?? new Dictionary<string, string>()).All(p => b!.TryGetValue(p.Key, out var v) && v == p.Value);
}
