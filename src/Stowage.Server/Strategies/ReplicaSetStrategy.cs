using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Apps;
using Stowage.Api.Defaulting;
using Stowage.Api.Validation;
using Stowage.Server.Printing;
using Stowage.Server.Resources;

namespace Stowage.Server.Strategies;

/// <summary>
/// apps/v1 ReplicaSets (pkg/registry/apps/replicaset): status and scale subresources, generation
/// bumped on spec changes, an immutable selector, dependents deleted in the background by default.
/// </summary>
public sealed class ReplicaSetStrategy : ResourceStrategy<ReplicaSet>, IScaleStrategy<ReplicaSet>
{
    /// <inheritdoc/>
    public override JsonTypeInfo<ReplicaSet> TypeInfo => ApiJsonContext.Default.ReplicaSet;

    /// <inheritdoc/>
    public override TablePrinter<ReplicaSet> Printer => ReplicaSetPrinter.Instance;

    /// <inheritdoc/>
    public override bool HasStatus => true;

    /// <inheritdoc/>
    public override bool TracksGeneration => true;

    /// <inheritdoc/>
    public override GarbageCollectionPolicy DefaultGarbageCollectionPolicy => GarbageCollectionPolicy.DeleteDependents;

    /// <summary>ReplicaSetToSelectableFields.</summary>
    public override IReadOnlyDictionary<string, Func<ReplicaSet, string?>> SelectableFields { get; } =
        new Dictionary<string, Func<ReplicaSet, string?>>
        {
            ["status.replicas"] = rs => (rs.Status?.Replicas ?? 0).ToString(CultureInfo.InvariantCulture),
        };

    /// <inheritdoc/>
    public override ReplicaSet Default(ReplicaSet obj) => ApiDefaults.Apply(obj);

    /// <inheritdoc/>
    public override ReplicaSet PrepareForCreate(ReplicaSet obj, DateTimeOffset now) => obj with { Status = new ReplicaSetStatus() };

    /// <inheritdoc/>
    public override ReplicaSet PrepareForUpdate(ReplicaSet obj, ReplicaSet old, DateTimeOffset now) => obj with { Status = old.Status };

    /// <inheritdoc/>
    public override ReplicaSet PrepareForStatusUpdate(ReplicaSet obj, ReplicaSet old, DateTimeOffset now) =>
        StatusWrites.KeepAllButStatus(old, obj) with { Status = obj.Status };

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> Validate(ReplicaSet obj) => WorkloadValidation.Validate(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateUpdate(ReplicaSet obj, ReplicaSet old) => WorkloadValidation.ValidateUpdate(obj, old);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateStatusUpdate(ReplicaSet obj, ReplicaSet old) => WorkloadValidation.ValidateStatusUpdate(obj, old);

    /// <inheritdoc/>
    public int DesiredReplicas(ReplicaSet obj) => obj.Spec?.Replicas ?? 0;

    /// <inheritdoc/>
    public int CurrentReplicas(ReplicaSet obj) => obj.Status?.Replicas ?? 0;

    /// <inheritdoc/>
    public string Selector(ReplicaSet obj) => WorkloadCells.SelectorString(obj.Spec?.Selector);

    /// <inheritdoc/>
    public ReplicaSet WithReplicas(ReplicaSet obj, int replicas) => obj with { Spec = (obj.Spec ?? new ReplicaSetSpec()) with { Replicas = replicas } };
}
