using Stowage.Api.Core;
using Stowage.Controllers.VolumeBinding;
using static Stowage.Controllers.Tests.VolumeBinding.IndexCases;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary><see cref="MatchExplanation"/>: one stable line that says why no volume fits.</summary>
public sealed class MatchExplanationTests
{
    private static readonly Dictionary<string, string> Ssd = new() { ["disktype"] = "ssd" };

    private static PersistentVolumeClaim Claim() => Pvc("5Gi", [Rwo, Rwx], "", Ssd) with
    {
        Metadata = new Api.Meta.ObjectMeta { Name = "data", Namespace = "default", Uid = "uid-data" },
    };

    private static PersistentVolume[] EveryReason() =>
    [
        Pv("a", "small-a", "512Mi", [Rwo, Rwx], labels: Ssd),
        Pv("b", "small-b", "1Gi", [Rwo, Rwx], labels: Ssd),
        Pv("c", "fast", "10Gi", [Rwo, Rwx], @class: "ssd", labels: Ssd),
        Pv("d", "unlabelled", "10Gi", [Rwo, Rwx]),
        Pv("e", "taken", "10Gi", [Rwo, Rwx], VolumePhase.Bound, labels: Ssd, claimRef: new ObjectReference { Namespace = "default", Name = "other", Uid = "x" }),
        Pv("f", "single-writer", "10Gi", [Rwo], labels: Ssd),
        Pv("g", "old", "10Gi", [Rwo, Rwx], VolumePhase.Released, labels: Ssd, claimRef: new ObjectReference { Namespace = "default", Name = "gone", Uid = "y" }),
    ];

    [Fact]
    public void Every_reason_is_counted_once_in_a_fixed_order()
    {
        Assert.Equal(
            "no volume matches: 2 too small (largest 1Gi < 5Gi), 1 in class \"ssd\" (claim asks \"\"), 1 lacks label disktype=ssd, "
            + "1 already bound to default/other, 1 lacks access mode ReadWriteMany, 1 not Available (Released)",
            MatchExplanation.Explain(Claim(), EveryReason()));
    }

    [Fact]
    public void The_text_does_not_depend_on_the_order_of_the_volumes()
    {
        var volumes = EveryReason();
        Assert.Equal(MatchExplanation.Explain(Claim(), volumes), MatchExplanation.Explain(Claim(), volumes.Reverse()));
    }

    [Fact]
    public void An_empty_cluster_says_so()
    {
        Assert.Equal("no persistent volumes exist", MatchExplanation.Explain(Claim(), []));
    }

    [Fact]
    public void Groups_of_several_volumes_read_in_the_plural_with_all_their_details()
    {
        PersistentVolume[] volumes =
        [
            Pv("a", "a", "10Gi", [Rwo, Rwx], @class: "ssd", labels: Ssd),
            Pv("b", "b", "10Gi", [Rwo, Rwx], @class: "gold", labels: Ssd),
            Pv("c", "c", "10Gi", [Rwo, Rwx]),
            Pv("d", "d", "10Gi", [Rwo, Rwx]),
            Pv("e", "e", "10Gi", [Rox], labels: Ssd),
            Pv("f", "f", "10Gi", [Rox], labels: Ssd),
            Pv("g", "g", "10Gi", [Rwo, Rwx], VolumePhase.Pending, labels: Ssd),
            Pv("h", "h", "10Gi", [Rwo, Rwx], VolumePhase.Failed, labels: Ssd, claimRef: new ObjectReference { Namespace = "default", Name = "gone", Uid = "y" }),
            Pv("i", "i", "10Gi", [Rwo, Rwx], labels: Ssd, volumeMode: "Block"),
        ];
        Assert.Equal(
            "no volume matches: 2 in classes \"gold\", \"ssd\" (claim asks \"\"), 2 lack label disktype=ssd, "
            + "2 lack access modes ReadWriteOnce, ReadWriteMany, 2 not Available (Pending, Failed), 1 is Block (claim asks Filesystem)",
            MatchExplanation.Explain(Claim(), volumes));
    }

    [Fact]
    public void A_volume_pre_bound_to_the_claim_is_judged_only_on_what_pre_binding_checks()
    {
        var preBound = Pv("p", "reserved", "1Gi", [Rwo, Rwx], VolumePhase.Pending, @class: "other",
            claimRef: new ObjectReference { Namespace = "default", Name = "data" });
        Assert.Equal("no volume matches: 1 too small (1Gi < 5Gi)", MatchExplanation.Explain(Claim(), [preBound]));
    }

    [Fact]
    public void Deletion_attributes_class_and_waiting_for_a_consumer_are_explained()
    {
        var deleting = Pv("a", "a", "10Gi", [Rwo, Rwx], labels: Ssd) with { Metadata = new Api.Meta.ObjectMeta { Name = "a", Labels = Ssd, DeletionTimestamp = Upstream.Now } };
        var attributes = Pv("b", "b", "10Gi", [Rwo, Rwx], labels: Ssd) with { Spec = Pv("b", "b", "10Gi", [Rwo, Rwx]).Spec! with { VolumeAttributesClassName = "fast" } };
        var waiting = Pv("c", "c", "10Gi", [Rwo, Rwx], labels: Ssd);
        Assert.Equal(
            "no volume matches: 1 has volume attributes class \"fast\" (claim asks \"\"), 1 being deleted, 1 waits for the first consumer (WaitForFirstConsumer)",
            MatchExplanation.Explain(Claim(), [deleting, attributes, waiting], delayBinding: true));
    }

    [Fact]
    public void A_volume_that_would_match_is_named()
    {
        Assert.Equal("volume \"fits\" matches", MatchExplanation.Explain(Claim(), [Pv("f", "fits", "10Gi", [Rwo, Rwx], labels: Ssd)]));
    }

    [Fact]
    public void The_view_overload_takes_wait_for_first_consumer_from_the_class()
    {
        var claim = Pvc("1Gi", [Rwo], Upstream.ClassWait);
        var volume = Pv("v", "v", "1Gi", [Rwo], @class: Upstream.ClassWait);
        var view = BindingView.Create([volume], [claim], Upstream.SyncClasses);
        Assert.Equal("no volume matches: 1 waits for the first consumer (WaitForFirstConsumer)", MatchExplanation.Explain(claim, view));
    }

    [Fact]
    public void Selector_requirements_other_than_equality_are_described()
    {
        var claim = Pvc("1Gi", [Rwo]) with
        {
            Spec = Pvc("1Gi", [Rwo]).Spec! with
            {
                Selector = new Api.Selectors.LabelSelector
                {
                    MatchExpressions =
                    [
                        new Api.Selectors.LabelSelectorRequirement { Key = "tier", Operator = "NotIn", Values = ["cold"] },
                        new Api.Selectors.LabelSelectorRequirement { Key = "zone", Operator = "In", Values = ["b", "a"] },
                    ],
                },
            },
        };
        PersistentVolume[] volumes =
        [
            Pv("a", "a", "1Gi", [Rwo], labels: new() { ["tier"] = "cold", ["zone"] = "a" }),
            Pv("b", "b", "1Gi", [Rwo], labels: new() { ["zone"] = "c" }),
        ];
        Assert.Equal("no volume matches: 1 has label tier=cold, 1 lacks label zone in (a,b)", MatchExplanation.Explain(claim, volumes));
    }
}
