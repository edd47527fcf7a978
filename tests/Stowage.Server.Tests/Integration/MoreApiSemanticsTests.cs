using System.Text.Json.Nodes;

namespace Stowage.Server.Tests.Integration;

/// <summary>Compaction, event API conversion, deletecollection, dry runs, generateName and the status subresource.</summary>
public sealed class MoreApiSemanticsTests : IClassFixture<ApiServerFixture>
{
    private readonly ApiServerFixture _fx;

    public MoreApiSemanticsTests(ApiServerFixture fx) => _fx = fx;

    private HttpClient C => _fx.Client;

    [Fact]
    public async Task New_volumes_and_claims_carry_their_protection_finalizer_from_creation_and_the_creator_does_not_own_it()
    {
        var (pvCode, pv, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", Http.Pv("adm-pv"));
        var (pvcCode, pvc, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/persistentvolumeclaims",
            """{"metadata":{"name":"adm-pvc"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}""");

        Assert.Equal((201, 201), (pvCode, pvcCode));
        Assert.Equal(["kubernetes.io/pv-protection"], pv!["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(["kubernetes.io/pvc-protection"], pvc!["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Null(pv["metadata"]!["managedFields"]![0]!["fieldsV1"]!["f:metadata"]?["f:finalizers"]);
        Assert.Null(pvc["metadata"]!["managedFields"]![0]!["fieldsV1"]!["f:metadata"]?["f:finalizers"]);
    }

    [Fact]
    public async Task A_watch_from_a_compacted_revision_gets_an_ERROR_event_with_410_Expired()
    {
        var (_, pv, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", Http.Pv("gone-1"));
        var old = pv!["metadata"]!["resourceVersion"]!.GetValue<string>();
        await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", Http.Pv("gone-2"));
        var current = await _fx.Server.Store.GetCurrentRevisionAsync(CancellationToken.None);
        await _fx.Server.Store.CompactAsync(current, CancellationToken.None);

        using var response = await C.GetAsync($"/api/v1/persistentvolumes?watch=true&resourceVersion={old}", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var line = JsonNode.Parse((await reader.ReadLineAsync(timeout.Token))!)!;
        Assert.Equal("ERROR", line["type"]!.GetValue<string>());
        Assert.Equal(410, line["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", line["object"]!["reason"]!.GetValue<string>());
        Assert.StartsWith("too old resource version", line["object"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Events_written_through_events_k8s_io_read_back_through_core_v1_and_field_selectors()
    {
        var e = """{"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"e1","namespace":"default"},"eventTime":"2026-01-01T00:00:00.000000Z","reportingController":"test","reportingInstance":"test-1","action":"Binding","reason":"Tested","note":"hello","type":"Normal","regarding":{"kind":"PersistentVolumeClaim","namespace":"default","name":"c1","uid":"u1"}}""";
        var (code, _, _) = await C.SendAsync(HttpMethod.Post, "/apis/events.k8s.io/v1/namespaces/default/events", e);
        Assert.Equal(201, code);
        var (_, core, _) = await C.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/events/e1");
        Assert.Equal("hello", core!["message"]!.GetValue<string>());
        Assert.Equal("c1", core["involvedObject"]!["name"]!.GetValue<string>());
        var (_, list, _) = await C.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dc1,involvedObject.kind%3DPersistentVolumeClaim");
        Assert.Single(list!["items"]!.AsArray());
        var (_, none, _) = await C.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dother");
        Assert.Empty(none!["items"]!.AsArray());
        var (bad, status, _) = await C.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/events?fieldSelector=spec.nope%3Dx");
        Assert.Equal(400, bad);
        Assert.Equal("field label not supported: spec.nope", status!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deletecollection_removes_only_what_the_selector_matches()
    {
        for (var i = 0; i < 3; i++)
        {
            await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", Http.Pv($"dc-yes-{i}", labels: """{"dc":"yes"}"""));
        }
        await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", Http.Pv("dc-no", labels: """{"dc":"no"}"""));
        var (code, _, _) = await C.SendAsync(HttpMethod.Delete, "/api/v1/persistentvolumes?labelSelector=dc%3Dyes");
        Assert.Equal(200, code);
        // pv-protection (added on create) holds each deleted volume until the finalizer goes; only the
        // matched ones are marked, and they go once it is removed.
        var (_, marked, _) = await C.SendAsync(HttpMethod.Get, "/api/v1/persistentvolumes?labelSelector=dc");
        Assert.Equal(["dc-yes-0", "dc-yes-1", "dc-yes-2"], marked!["items"]!.AsArray()
            .Where(i => i!["metadata"]!["deletionTimestamp"] is not null).Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        for (var i = 0; i < 3; i++)
        {
            await C.SendAsync(HttpMethod.Patch, $"/api/v1/persistentvolumes/dc-yes-{i}", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        }
        var (_, left, _) = await C.SendAsync(HttpMethod.Get, "/api/v1/persistentvolumes?labelSelector=dc");
        Assert.Equal(["dc-no"], left!["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Dry_run_validates_and_answers_without_storing()
    {
        var (code, obj, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes?dryRun=All", Http.Pv("dry"));
        Assert.Equal(201, code);
        Assert.Equal("dry", obj!["metadata"]!["name"]!.GetValue<string>());
        var (after, _, _) = await C.SendAsync(HttpMethod.Get, "/api/v1/persistentvolumes/dry");
        Assert.Equal(404, after);
    }

    [Fact]
    public async Task GenerateName_makes_a_unique_name_with_the_prefix()
    {
        var body = Http.Pv("x").Replace("\"name\":\"x\"", "\"generateName\":\"gen-\"");
        var (code, a, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", body);
        var (_, b, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", body);
        Assert.Equal(201, code);
        var na = a!["metadata"]!["name"]!.GetValue<string>();
        var nb = b!["metadata"]!["name"]!.GetValue<string>();
        Assert.Matches("^gen-[a-z0-9]{5}$", na);
        Assert.NotEqual(na, nb);
    }

    [Fact]
    public async Task Main_resource_writes_ignore_status_and_status_writes_ignore_spec()
    {
        var (_, pv, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", Http.Pv("st"));
        pv!["status"]!["phase"] = "Bound";
        pv["spec"]!["persistentVolumeReclaimPolicy"] = "Delete";
        var (_, main, _) = await C.SendAsync(HttpMethod.Put, "/api/v1/persistentvolumes/st", pv.ToJsonString());
        Assert.Equal("Pending", main!["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("Delete", main["spec"]!["persistentVolumeReclaimPolicy"]!.GetValue<string>());

        main["status"]!["phase"] = "Available";
        main["spec"]!["persistentVolumeReclaimPolicy"] = "Retain";
        var (_, status, _) = await C.SendAsync(HttpMethod.Put, "/api/v1/persistentvolumes/st/status", main.ToJsonString());
        Assert.Equal("Available", status!["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("Delete", status["spec"]!["persistentVolumeReclaimPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Finalizers_hold_a_deleted_object_until_they_are_removed()
    {
        var body = Http.Pv("fin").Replace("\"labels\":{}", "\"labels\":{},\"finalizers\":[\"example.com/hold\"]");
        await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", body);
        var (code, deleting, _) = await C.SendAsync(HttpMethod.Delete, "/api/v1/persistentvolumes/fin");
        Assert.Equal(200, code);
        Assert.NotNull(deleting!["metadata"]!["deletionTimestamp"]);
        var (still, _, _) = await C.SendAsync(HttpMethod.Get, "/api/v1/persistentvolumes/fin");
        Assert.Equal(200, still);
        await C.SendAsync(HttpMethod.Patch, "/api/v1/persistentvolumes/fin", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        var (gone, _, _) = await C.SendAsync(HttpMethod.Get, "/api/v1/persistentvolumes/fin");
        Assert.Equal(404, gone);
    }
}
