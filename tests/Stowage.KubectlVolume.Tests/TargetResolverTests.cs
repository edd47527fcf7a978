using Stowage.KubectlVolume.CommandLine;

namespace Stowage.KubectlVolume.Tests;

public sealed class TargetResolverTests
{
    private static (IReadOnlyList<Target> Targets, string? Error, List<string> Notes) Resolve(string line)
    {
        var options = VolumeOptionsParser.Parse(line.Split(' ')).Options!;
        var notes = new List<string>();
        var (targets, error) = TargetResolver.Resolve(options, notes);
        return (targets, error, notes);
    }

    [Theory]
    [InlineData("deploy/a", "deployments")]
    [InlineData("deployment/a", "deployments")]
    [InlineData("deployments.apps/a", "deployments")]
    [InlineData("rc/a", "replicationcontrollers")]
    [InlineData("replicationcontroller/a", "replicationcontrollers")]
    [InlineData("rs/a", "replicasets")]
    [InlineData("sts/a", "statefulsets")]
    [InlineData("po/a", "pods")]
    [InlineData("pod/a", "pods")]
    public void Short_and_long_names_find_the_kind(string arg, string resource)
    {
        var (targets, error, _) = Resolve(arg);
        Assert.Null(error);
        Assert.Equal(resource, Assert.Single(targets).Kind.Resource);
    }

    [Fact]
    public void A_deployment_config_is_a_deployment_with_a_note()
    {
        var (targets, _, notes) = Resolve("dc/docker-registry");
        Assert.Equal(new Target(ResourceKinds.Deployments, "docker-registry"), Assert.Single(targets));
        Assert.Contains("Deployments", Assert.Single(notes), StringComparison.Ordinal);
    }

    [Fact]
    public void Type_and_names_as_separate_arguments()
    {
        var (targets, _, _) = Resolve("rc,deploy a b");
        Assert.Equal(["replicationcontrollers/a", "replicationcontrollers/b", "deployments/a", "deployments/b"],
            targets.Select(t => $"{t.Kind.Resource}/{t.Name}"));
        Assert.Equal([null], Resolve("pods --all").Targets.Select(t => t.Name));
    }

    [Theory]
    [InlineData("deploy", "resource(s) were provided, but no name was specified")]
    [InlineData("deploy deploy/a", "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'")]
    [InlineData("pvc/a", "the server doesn't have a resource type \"pvc\"")]
    [InlineData("deploy a -l app=x", "name cannot be provided when a selector is specified")]
    public void Bad_arguments_fail_as_kubectl_says(string line, string error) => Assert.Equal(error, Resolve(line).Error);
}
