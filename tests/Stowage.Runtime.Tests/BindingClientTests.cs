using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Runtime.Client;

namespace Stowage.Runtime.Tests;

public sealed class BindingClientTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public BindingClientTests(ServerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task BindAsync_sets_the_node_once_and_a_second_bind_conflicts()
    {
        using var client = new ApiClient(_fixture.Connection, "test-scheduler");
        var pod = await client.CreateAsync(ResourceTypes.Pods, new Pod
        {
            Metadata = new ObjectMeta { Name = "to-bind", Namespace = "default" },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "busybox" }] },
        }, CancellationToken.None);

        await client.BindAsync("default", "to-bind", "node-1", CancellationToken.None, pod.Metadata.Uid);

        var bound = await client.GetAsync(ResourceTypes.Pods, "default", "to-bind", CancellationToken.None);
        Assert.Equal("node-1", bound!.Spec!.NodeName);
        var conflict = await Assert.ThrowsAsync<ApiClientException>(() => client.BindAsync("default", "to-bind", "node-2", CancellationToken.None));
        Assert.Equal(409, conflict.Status?.Code);
        Assert.Equal("Operation cannot be fulfilled on pods/binding \"to-bind\": pod to-bind is already assigned to node \"node-1\"", conflict.Status?.Message);
    }
}
