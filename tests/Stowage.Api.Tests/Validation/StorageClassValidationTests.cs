using Stowage.Api.Storage;
using Stowage.Api.Validation;
using static Stowage.Api.Tests.Validation.Fixtures;

namespace Stowage.Api.Tests.Validation;

public sealed class StorageClassValidationTests
{
    private static readonly Dictionary<string, (StorageClass Sc, string[] Causes)> Invalid = new()
    {
        ["no provisioner"] = (Class() with { Provisioner = "" }, ["provisioner: Required value"]),
        ["a provisioner that is not a qualified name"] = (Class() with { Provisioner = "kubernetes.io/aws ebs" },
            ["provisioner: Invalid value: \"kubernetes.io/aws ebs\": " + Messages.QualifiedNamePart]),
        ["Recycle"] = (Class() with { ReclaimPolicy = "Recycle" },
            ["reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\""]),
        ["no binding mode (not defaulted)"] = (Class() with { VolumeBindingMode = null }, ["volumeBindingMode: Required value"]),
        ["an unknown binding mode"] = (Class() with { VolumeBindingMode = "Later" },
            ["volumeBindingMode: Unsupported value: \"Later\": supported values: \"Immediate\", \"WaitForFirstConsumer\""]),
        ["an empty parameter key"] = (Class() with { Parameters = new Dictionary<string, string> { [""] = "x" } },
            ["parameters: Invalid value: \"\": field can not be empty."]),
        ["parameters over 256 KiB"] = (Class() with { Parameters = new Dictionary<string, string> { ["blob"] = new string('x', 256 * 1024) } },
            ["parameters: Too long: must have at most 262144 bytes"]),
        ["a topology requirement without values, twice the same key"] = (Class() with
            {
                AllowedTopologies =
                [
                    new TopologySelectorTerm
                    {
                        MatchLabelExpressions =
                        [
                            new TopologySelectorLabelRequirement { Key = "topology.kubernetes.io/zone", Values = [] },
                            new TopologySelectorLabelRequirement { Key = "topology.kubernetes.io/zone", Values = ["a", "a"] },
                        ],
                    },
                ],
            },
            ["allowedTopologies[0].matchLabelExpressions[0].values: Required value",
             "allowedTopologies[0].matchLabelExpressions[1].values[1]: Duplicate value: \"a\"",
             "allowedTopologies[0].matchLabelExpressions[1].key: Duplicate value: \"topology.kubernetes.io/zone\""]),
        ["two identical topology terms"] = (Class() with
            {
                AllowedTopologies =
                [
                    new TopologySelectorTerm { MatchLabelExpressions = [new TopologySelectorLabelRequirement { Key = "zone", Values = ["a", "b"] }] },
                    new TopologySelectorTerm { MatchLabelExpressions = [new TopologySelectorLabelRequirement { Key = "zone", Values = ["b", "a"] }] },
                ],
            },
            ["allowedTopologies[1].matchLabelExpressions: Duplicate value: \"\""]),
    };

    public static TheoryData<string> InvalidCases => new(Invalid.Keys);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Rejects_an_invalid_class_with_Kubernetes_causes(string name)
    {
        var (sc, expected) = Invalid[name];
        Causes.AssertExactly(StorageClassValidation.Validate(sc), expected);
    }

    [Fact]
    public void Parameters_provisioner_reclaim_policy_and_binding_mode_cannot_change()
    {
        var old = Class() with { Metadata = Class().Metadata with { ResourceVersion = "3" } };
        var changed = old with
        {
            Provisioner = "ebs.csi.aws.com",
            Parameters = new Dictionary<string, string> { ["type"] = "gp3" },
            ReclaimPolicy = "Retain",
            VolumeBindingMode = "WaitForFirstConsumer",
        };
        Causes.AssertExactly(StorageClassValidation.ValidateUpdate(changed, old),
            "parameters: Forbidden: updates to parameters are forbidden.",
            "provisioner: Forbidden: updates to provisioner are forbidden.",
            "reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.",
            "volumeBindingMode: Invalid value: \"WaitForFirstConsumer\": field is immutable");
    }

    [Fact]
    public void Expansion_mount_options_topologies_and_the_default_annotation_stay_mutable()
    {
        var old = Class() with { Metadata = Class().Metadata with { ResourceVersion = "3" } };
        var changed = old with
        {
            AllowVolumeExpansion = true,
            MountOptions = ["debug"],
            AllowedTopologies = [new TopologySelectorTerm { MatchLabelExpressions = [new TopologySelectorLabelRequirement { Key = "topology.kubernetes.io/zone", Values = ["us-east-1a"] }] }],
            Metadata = old.Metadata with { Annotations = new Dictionary<string, string> { ["storageclass.kubernetes.io/is-default-class"] = "true" } },
        };
        Causes.AssertNone(StorageClassValidation.ValidateUpdate(changed, old));
    }
}
