using System.Text.Json.Nodes;

namespace Stowage.Server.Tests.Integration;

/// <summary>Graceful pod deletion (podStrategy.CheckGracefulDelete).</summary>
public sealed class PodDeletionTests : IClassFixture<ApiServerFixture>
{
    private readonly ApiServerFixture _fx;

    public PodDeletionTests(ApiServerFixture fx) => _fx = fx;

    private HttpClient C => _fx.Client;

    private static string PodJson(string name, string? node, long? grace = null) => new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["nodeName"] = node,
            ["terminationGracePeriodSeconds"] = grace,
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "busybox" }),
        },
    }.ToJsonString();

    [Fact]
    public async Task A_pod_on_a_node_is_marked_for_its_grace_period_and_removed_by_a_delete_with_grace_zero()
    {
        var (created, pod, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", PodJson("graceful", "node-a", 45));
        Assert.Equal(201, created);
        var (code, marked, _) = await C.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/pods/graceful");
        Assert.Equal(200, code);
        Assert.Equal(45, marked!["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>());
        var (getCode, still, _) = await C.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/pods/graceful");
        Assert.Equal(200, getCode);
        Assert.NotNull(still!["metadata"]!["deletionTimestamp"]);

        // A shorter grace period shortens the mark; grace 0 with the UID precondition removes it (the agent's delete).
        var (_, shorter, _) = await C.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/pods/graceful", """{"gracePeriodSeconds":5}""");
        Assert.Equal(5, shorter!["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>());
        var uid = pod!["metadata"]!["uid"]!.GetValue<string>();
        var (finalCode, _, _) = await C.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/pods/graceful",
            "{\"gracePeriodSeconds\":0,\"preconditions\":{\"uid\":\"" + uid + "\"}}");
        Assert.Equal(200, finalCode);
        var (goneCode, _, _) = await C.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/pods/graceful");
        Assert.Equal(404, goneCode);
    }

    [Fact]
    public async Task A_pod_no_node_runs_is_deleted_at_once()
    {
        await C.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", PodJson("unscheduled", null));
        var (code, _, _) = await C.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/pods/unscheduled");
        Assert.Equal(200, code);
        var (goneCode, _, _) = await C.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/pods/unscheduled");
        Assert.Equal(404, goneCode);
    }
}
