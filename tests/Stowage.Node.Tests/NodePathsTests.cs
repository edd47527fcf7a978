using Stowage.Node.Containers;

namespace Stowage.Node.Tests;

public sealed class NodePathsTests
{
    [Fact]
    public void A_containers_attempts_log_under_its_pod_one_file_per_attempt()
    {
        var paths = new NodePaths("/n");
        Assert.Equal(Path.Combine("/n", "pods", "u1", "logs", "web", "2.log"), paths.ContainerLog("u1", "web", 2));
        Assert.Equal("u1-web", ContainerIds.For("u1", "web"));
        Assert.Equal(Path.Combine("/n", "containers", "u1-web"), paths.ContainerBundle(ContainerIds.For("u1", "web")));
    }
}
