using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Core;
using Stowage.Api.Defaulting;
using Stowage.Api.Selectors;
using Stowage.Api.Validation;
using Stowage.Server.Printing;
using Stowage.Server.Resources;

namespace Stowage.Server.Strategies;

/// <summary>
/// core/v1 ReplicationControllers (pkg/registry/core/replicationcontroller): status and scale
/// subresources, generation bumped on spec changes, and — for backwards compatibility, as in
/// Kubernetes — dependents orphaned when a delete names no propagation policy.
/// </summary>
public sealed class ReplicationControllerStrategy : ResourceStrategy<ReplicationController>, IScaleStrategy<ReplicationController>
{
    /// <inheritdoc/>
    public override JsonTypeInfo<ReplicationController> TypeInfo => ApiJsonContext.Default.ReplicationController;

    /// <inheritdoc/>
    public override TablePrinter<ReplicationController> Printer => ReplicationControllerPrinter.Instance;

    /// <inheritdoc/>
    public override bool HasStatus => true;

    /// <inheritdoc/>
    public override bool TracksGeneration => true;

    /// <inheritdoc/>
    public override GarbageCollectionPolicy DefaultGarbageCollectionPolicy => GarbageCollectionPolicy.OrphanDependents;

    /// <summary>ControllerToSelectableFields.</summary>
    public override IReadOnlyDictionary<string, Func<ReplicationController, string?>> SelectableFields { get; } =
        new Dictionary<string, Func<ReplicationController, string?>>
        {
            ["status.replicas"] = rc => (rc.Status?.Replicas ?? 0).ToString(CultureInfo.InvariantCulture),
        };

    /// <inheritdoc/>
    public override ReplicationController Default(ReplicationController obj) => ApiDefaults.Apply(obj);

    /// <inheritdoc/>
    public override ReplicationController PrepareForCreate(ReplicationController obj, DateTimeOffset now) => obj with { Status = new ReplicationControllerStatus() };

    /// <inheritdoc/>
    public override ReplicationController PrepareForUpdate(ReplicationController obj, ReplicationController old, DateTimeOffset now) => obj with { Status = old.Status };

    /// <inheritdoc/>
    public override ReplicationController PrepareForStatusUpdate(ReplicationController obj, ReplicationController old, DateTimeOffset now) =>
        StatusWrites.KeepAllButStatus(old, obj) with { Status = obj.Status };

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> Validate(ReplicationController obj) => WorkloadValidation.Validate(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateUpdate(ReplicationController obj, ReplicationController old) => WorkloadValidation.ValidateUpdate(obj, old);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateStatusUpdate(ReplicationController obj, ReplicationController old) => WorkloadValidation.ValidateStatusUpdate(obj, old);

    /// <inheritdoc/>
    public int DesiredReplicas(ReplicationController obj) => obj.Spec?.Replicas ?? 0;

    /// <inheritdoc/>
    public int CurrentReplicas(ReplicationController obj) => obj.Status?.Replicas ?? 0;

    /// <inheritdoc/>
    public string Selector(ReplicationController obj) => Api.Selectors.Selector.FromSet(obj.Spec?.Selector).ToString();

    /// <inheritdoc/>
    public ReplicationController WithReplicas(ReplicationController obj, int replicas) =>
        obj with { Spec = (obj.Spec ?? new ReplicationControllerSpec()) with { Replicas = replicas } };
}
