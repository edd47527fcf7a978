using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Controllers.Workloads;

namespace Stowage.Controllers.Tests.Workloads;

/// <summary>The pod-template-hash: stable, sensitive to the template and the collision count, label-agnostic in comparisons.</summary>
public sealed class PodTemplateHashTests
{
    private static PodTemplateSpec Template(string image, params (string, string)[] labels) => new()
    {
        Metadata = new ObjectMeta { Labels = labels.ToDictionary(l => l.Item1, l => l.Item2) },
        Spec = new PodSpec { Containers = [new Container { Name = "c", Image = image }] },
    };

    [Fact]
    public void The_hash_is_stable_and_uses_the_safe_alphabet()
    {
        var a = PodTemplateHash.Compute(Template("nginx:1.25", ("app", "web")), null);
        Assert.Equal(a, PodTemplateHash.Compute(Template("nginx:1.25", ("app", "web")), null));
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]{1,10}$", a);
    }

    [Fact]
    public void Label_order_does_not_change_the_hash() =>
        Assert.Equal(
            PodTemplateHash.Compute(Template("i", ("a", "1"), ("b", "2")), null),
            PodTemplateHash.Compute(Template("i", ("b", "2"), ("a", "1")), null));

    [Fact]
    public void The_template_and_the_collision_count_change_the_hash()
    {
        var a = PodTemplateHash.Compute(Template("nginx:1.25", ("app", "web")), null);
        Assert.NotEqual(a, PodTemplateHash.Compute(Template("nginx:1.26", ("app", "web")), null));
        Assert.NotEqual(a, PodTemplateHash.Compute(Template("nginx:1.25", ("app", "web")), 1));
    }

    [Fact]
    public void Templates_compare_equal_ignoring_the_hash_label()
    {
        Assert.True(PodTemplateHash.EqualIgnoringHash(Template("i", ("app", "web")), Template("i", ("app", "web"), ("pod-template-hash", "abc"))));
        Assert.False(PodTemplateHash.EqualIgnoringHash(Template("i", ("app", "web")), Template("j", ("app", "web"), ("pod-template-hash", "abc"))));
    }
}
