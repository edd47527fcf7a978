using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Selectors;
using Stowage.Api.Validation;
using static Stowage.Api.Tests.Validation.Fixtures;

namespace Stowage.Api.Tests.Validation;

public sealed class PersistentVolumeClaimValidationTests
{
    private const string ImmutableSpec = "spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";

    private static LabelSelector Expression(string key, string op, params string[] values) =>
        new() { MatchExpressions = [new LabelSelectorRequirement { Key = key, Operator = op, Values = values }] };

    private static readonly Dictionary<string, (PersistentVolumeClaim Pvc, string[] Causes)> Invalid = new()
    {
        ["no access modes"] = (Claim().Spec(s => s with { AccessModes = null }),
            ["spec.accessModes: Required value: at least 1 access mode is required"]),
        ["an unknown access mode"] = (Claim().Spec(s => s with { AccessModes = ["ReadWriteSometimes"] }),
            ["spec.accessModes: Unsupported value: \"ReadWriteSometimes\": " + Messages.AccessModes]),
        ["ReadWriteOncePod with ReadOnlyMany"] = (Claim().Spec(s => s with { AccessModes = ["ReadOnlyMany", "ReadWriteOncePod"] }),
            ["spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes"]),
        ["no storage request"] = (Claim().Spec(s => s with { Resources = new VolumeResourceRequirements() }),
            ["spec.resources[storage]: Required value"]),
        ["a negative storage request"] = (Claim(size: "-1Gi"),
            ["spec.resources[storage]: Invalid value: \"-1Gi\": must be greater than zero"]),
        ["In without values"] = (Claim().Spec(s => s with { Selector = Expression("region", "In") }),
            ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]),
        ["Exists with values"] = (Claim().Spec(s => s with { Selector = Expression("region", "Exists", "shenzhen") }),
            ["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]),
        ["an unknown selector operator"] = (Claim().Spec(s => s with { Selector = Expression("region", "Equals", "shenzhen") }),
            ["spec.selector.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator"]),
        ["a selector key that is not a qualified name"] = (Claim().Spec(s => s with { Selector = Expression("-region", "Exists") }),
            ["spec.selector.matchExpressions[0].key: Invalid value: \"-region\": " + Messages.QualifiedNamePart]),
        ["a selector value that is not a label value"] = (Claim().Spec(s => s with { Selector = Expression("env", "NotIn", "test ing") }),
            ["spec.selector.matchExpressions[0].values[0]: Invalid value: \"test ing\": " + Messages.LabelValue]),
        ["match labels with a bad value"] = (Claim().Spec(s => s with { Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["disktype"] = "ssd!" } } }),
            ["spec.selector.matchLabels: Invalid value: \"ssd!\": " + Messages.LabelValue]),
        ["no namespace"] = (Claim() with { Metadata = new ObjectMeta { Name = "claim1" } }, ["metadata.namespace: Required value"]),
        ["no name"] = (Claim() with { Metadata = new ObjectMeta { Namespace = "default" } },
            ["metadata.name: Required value: name or generateName is required"]),
        ["a class name that is not a subdomain"] = (Claim().Spec(s => s with { StorageClassName = "Gold" }),
            ["spec.storageClassName: Invalid value: \"Gold\": " + Messages.Subdomain]),
        ["an unknown volume mode"] = (Claim().Spec(s => s with { VolumeMode = "block" }),
            ["spec.volumeMode: Unsupported value: \"block\": supported values: \"Block\", \"Filesystem\""]),
        ["a data source of a core kind other than a claim"] = (Claim().Spec(s => s with { DataSource = new TypedLocalObjectReference { Kind = "Secret", Name = "s" } }),
            ["spec.dataSource: Invalid value: \"Secret\": must be 'PersistentVolumeClaim' when referencing the default apiGroup"]),
        ["a data source without name and kind"] = (Claim().Spec(s => s with { DataSource = new TypedLocalObjectReference { ApiGroup = "snapshot.storage.k8s.io" } }),
            ["spec.dataSource.name: Required value", "spec.dataSource.kind: Required value"]),
    };

    public static TheoryData<string> InvalidCases => new(Invalid.Keys);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Rejects_an_invalid_claim_with_Kubernetes_causes(string name)
    {
        var (pvc, expected) = Invalid[name];
        Causes.AssertExactly(PersistentVolumeClaimValidation.Validate(pvc), expected);
    }

    [Fact]
    public void Accepts_claims_with_selectors_classes_and_snapshot_sources()
    {
        Causes.AssertNone(PersistentVolumeClaimValidation.Validate(Claim()));
        Causes.AssertNone(PersistentVolumeClaimValidation.Validate(Claim().Spec(s => s with
        {
            Selector = new LabelSelector
            {
                MatchLabels = new Dictionary<string, string> { ["disktype"] = "ssd" },
                MatchExpressions =
                [
                    new LabelSelectorRequirement { Key = "region", Operator = "In", Values = ["shenzhen"] },
                    new LabelSelectorRequirement { Key = "env", Operator = "NotIn", Values = ["testing"] },
                    new LabelSelectorRequirement { Key = "zone", Operator = "DoesNotExist" },
                ],
            },
            StorageClassName = "",
            DataSource = new TypedLocalObjectReference { ApiGroup = "snapshot.storage.k8s.io", Kind = "VolumeSnapshot", Name = "snap-1" },
            DataSourceRef = new TypedObjectReference { ApiGroup = "snapshot.storage.k8s.io", Kind = "VolumeSnapshot", Name = "snap-1" },
        })));
    }

    [Fact]
    public void Data_source_and_ref_must_match()
    {
        var pvc = Claim().Spec(s => s with
        {
            DataSource = new TypedLocalObjectReference { Kind = "PersistentVolumeClaim", Name = "a" },
            DataSourceRef = new TypedObjectReference { Kind = "PersistentVolumeClaim", Name = "b" },
        });
        var cause = Assert.Single(PersistentVolumeClaimValidation.Validate(pvc));
        Assert.Equal(new FieldError(FieldErrorType.Invalid, "spec", "spec.dataSource", "must match dataSourceRef"), cause);
    }

    [Fact]
    public void The_spec_of_an_unbound_claim_is_immutable_including_its_size()
    {
        var old = Claim(size: "1Gi").Stored();
        var errors = PersistentVolumeClaimValidation.ValidateUpdate(old.Requesting("2Gi"), old);
        var cause = Assert.Single(errors);
        Assert.StartsWith(ImmutableSpec["spec: Forbidden: ".Length..] + "\n", cause.Detail, StringComparison.Ordinal);
        Assert.Equal("spec", cause.Field);
        Assert.Contains("resources.requests.storage: \"2Gi\"", cause.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bound_claim_may_grow()
    {
        var old = Claim(size: "1Gi").Stored().BoundWithCapacity("1Gi");
        Causes.AssertNone(PersistentVolumeClaimValidation.ValidateUpdate(old.Requesting("2Gi"), old));
    }

    [Fact]
    public void A_bound_claim_may_shrink_only_to_above_its_status_capacity()
    {
        // A failed expansion from 1Gi to 10Gi is recovered by asking for less than 10Gi, but more than 1Gi.
        var old = Claim(size: "10Gi").Stored().BoundWithCapacity("1Gi");
        Causes.AssertNone(PersistentVolumeClaimValidation.ValidateUpdate(old.Requesting("2Gi"), old));
        Causes.AssertExactly(PersistentVolumeClaimValidation.ValidateUpdate(old.Requesting("1Gi"), old),
            "spec.resources.requests.storage: Forbidden: field can not be less than status.capacity");
        Causes.AssertExactly(PersistentVolumeClaimValidation.ValidateUpdate(old.Requesting("512Mi"), old),
            "spec.resources.requests.storage: Forbidden: field can not be less than status.capacity");
    }

    [Fact]
    public void The_spec_compares_semantically_not_by_its_serialization()
    {
        // The same selector with its labels in another order, and an empty list for an unset one, are the same spec
        // (apiequality.Semantic.DeepEqual); a changed label value is not.
        var old = Claim().Stored().Spec(s => s with
        {
            Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } },
        });
        var reordered = old.Spec(s => s with
        {
            Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" }, MatchExpressions = [] },
        });
        Causes.AssertNone(PersistentVolumeClaimValidation.ValidateUpdate(reordered, old));

        var changed = old.Spec(s => s with { Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["a"] = "1", ["b"] = "3" } } });
        var cause = Assert.Single(PersistentVolumeClaimValidation.ValidateUpdate(changed, old));
        Assert.Equal("spec", cause.Field);
        Assert.EndsWith("\n  - selector.matchLabels.b: \"2\"\n  + selector.matchLabels.b: \"3\"", cause.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Volume_name_can_be_set_once()
    {
        var unbound = Claim().Stored();
        var bound = unbound.Spec(s => s with { VolumeName = "pv0001" });
        Causes.AssertNone(PersistentVolumeClaimValidation.ValidateUpdate(bound, unbound));

        var errors = PersistentVolumeClaimValidation.ValidateUpdate(bound.Spec(s => s with { VolumeName = "pv0002" }), bound);
        var cause = Assert.Single(errors);
        Assert.Equal(ImmutableSpec + "\n  - volumeName: \"pv0001\"\n  + volumeName: \"pv0002\"", cause.ToString());
    }

    [Fact]
    public void Storage_class_may_go_from_nil_to_a_value_but_not_change()
    {
        var noClass = Claim().Stored();
        var gold = noClass.Spec(s => s with { StorageClassName = "gold" });
        Causes.AssertNone(PersistentVolumeClaimValidation.ValidateUpdate(gold, noClass));

        var cause = Assert.Single(PersistentVolumeClaimValidation.ValidateUpdate(gold.Spec(s => s with { StorageClassName = "silver" }), gold));
        Assert.Equal(ImmutableSpec + "\n  - storageClassName: \"gold\"\n  + storageClassName: \"silver\"", cause.ToString());

        var explicitNone = noClass.Spec(s => s with { StorageClassName = "" });
        Assert.Single(PersistentVolumeClaimValidation.ValidateUpdate(gold, explicitNone));
    }

    [Fact]
    public void The_beta_class_annotation_can_move_into_the_field_but_not_change()
    {
        var annotated = Claim().Stored() with
        {
            Metadata = Claim().Stored().Metadata with { Annotations = new Dictionary<string, string> { ["volume.beta.kubernetes.io/storage-class"] = "gold" } },
        };
        Causes.AssertNone(PersistentVolumeClaimValidation.ValidateUpdate(annotated.Spec(s => s with { StorageClassName = "gold" }), annotated));

        var changed = annotated with
        {
            Metadata = annotated.Metadata with { Annotations = new Dictionary<string, string> { ["volume.beta.kubernetes.io/storage-class"] = "silver" } },
        };
        Causes.AssertExactly(PersistentVolumeClaimValidation.ValidateUpdate(changed, annotated),
            "metadata.annotations.volume.beta.kubernetes.io/storage-class: Invalid value: \"silver\": field is immutable");
    }

    [Fact]
    public void Volume_mode_change_is_reported_twice_as_in_Kubernetes()
    {
        var old = Claim().Stored();
        var errors = PersistentVolumeClaimValidation.ValidateUpdate(old.Spec(s => s with { VolumeMode = "Block" }), old);
        Assert.Equal(2, errors.Count);
        Assert.StartsWith(ImmutableSpec, errors[0].ToString(), StringComparison.Ordinal);
        Assert.Equal("volumeMode: Invalid value: \"Block\": field is immutable", errors[1].ToString());
    }

    [Fact]
    public void An_update_keeps_create_rules_and_metadata_rules()
    {
        var old = Claim().Stored();
        var changed = old.Spec(s => s with { AccessModes = [] }) with { Metadata = old.Metadata with { Namespace = "other" } };
        var rendered = PersistentVolumeClaimValidation.ValidateUpdate(changed, old).Select(e => e.ToString()).ToList();
        Assert.Equal("metadata.namespace: Invalid value: \"other\": field is immutable", rendered[0]);
        Assert.Equal("spec.accessModes: Required value: at least 1 access mode is required", rendered[1]);
        Assert.StartsWith(ImmutableSpec, rendered[2], StringComparison.Ordinal);
        Assert.Equal(3, rendered.Count);
    }

    [Fact]
    public void A_bad_label_on_update_is_reported_once()
    {
        var old = Claim().Stored();
        var relabelled = old with { Metadata = old.Metadata with { Labels = new Dictionary<string, string> { ["app"] = "db!" } } };
        Causes.AssertExactly(PersistentVolumeClaimValidation.ValidateUpdate(relabelled, old),
            "metadata.labels: Invalid value: \"db!\": " + Messages.LabelValue);
    }

    [Fact]
    public void A_claim_created_with_an_invalid_selector_value_can_still_be_updated()
    {
        var old = Claim().Spec(s => s with { Selector = Expression("env", "In", "bad value") }).Stored();
        var relabelled = old with { Metadata = old.Metadata with { Labels = new Dictionary<string, string> { ["app"] = "db" } } };
        Causes.AssertNone(PersistentVolumeClaimValidation.ValidateUpdate(relabelled, old));
    }

    [Fact]
    public void A_status_update_checks_resize_bookkeeping()
    {
        var old = Claim().Stored();
        var updated = old with
        {
            Status = new PersistentVolumeClaimStatus
            {
                Phase = "Bound",
                AllocatedResourceStatuses = new Dictionary<string, string> { ["storage"] = "Growing", ["cpu"] = "ControllerResizeInProgress" },
            },
        };
        Causes.AssertExactly(PersistentVolumeClaimValidation.ValidateStatusUpdate(updated, old),
            "status.allocatedResourceStatus: Unsupported value: \"cpu\": supported values: \"storage\"",
            "status.allocatedResourceStatus: Unsupported value: \"storage\": supported values: \"ControllerResizeInProgress\", \"ControllerResizeInfeasible\", \"NodeResizeInProgress\", \"NodeResizeInfeasible\", \"NodeResizePending\"");
    }
}
