using System.Text.RegularExpressions;
using Stowage.EndToEnd.Tests.Harness;

namespace Stowage.EndToEnd.Tests;

/// <summary>Durability: what the server acknowledged survives kill -9 and a clean stop; resourceVersions keep increasing.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Acknowledged_writes_survive_kill_9_and_resource_versions_keep_increasing()
    {
        await using var server = await ServerProcess.StartAsync();
        using var k = new Kubectl(server.Kubeconfig);
        for (var i = 0; i < 20; i++)
        {
            (await k.RunAsync(["create", "-f", "-"], $"apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: durable-{i}\nspec:\n  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n  hostPath:\n    path: /tmp/durable-{i}\n")).Ok();
        }
        var before = long.Parse((await k.RunAsync(["get", "pv", "durable-19", "-o", "jsonpath={.metadata.resourceVersion}"])).Ok().Stdout);

        await server.KillAsync();
        await server.StartAgainAsync();

        var names = (await k.RunAsync("get pv -o name")).Ok().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(20, names.Count(n => n.StartsWith("persistentvolume/durable-", StringComparison.Ordinal)));
        (await k.RunAsync("label pv durable-0 after=restart")).Ok();
        var after = long.Parse((await k.RunAsync(["get", "pv", "durable-0", "-o", "jsonpath={.metadata.resourceVersion}"])).Ok().Stdout);
        Assert.True(after > before, $"resourceVersion {after} should be greater than {before}");

        Assert.Equal(0, await server.StopAsync());
        await server.StartAgainAsync();
        Assert.Equal("restart", (await k.RunAsync(["get", "pv", "durable-0", "-o", "jsonpath={.metadata.labels.after}"])).Ok().Stdout);
    }
}
