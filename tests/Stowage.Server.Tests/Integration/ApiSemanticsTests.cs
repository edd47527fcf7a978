using System.Text.Json.Nodes;

namespace Stowage.Server.Tests.Integration;

/// <summary>Kubernetes API semantics over real HTTPS: metadata, concurrency, errors, lists and watches.</summary>
public sealed class ApiSemanticsTests : IClassFixture<ApiServerFixture>
{
    private readonly ApiServerFixture _fx;

    public ApiSemanticsTests(ApiServerFixture fx) => _fx = fx;

    private HttpClient C => _fx.Client;

    [Fact]
    public async Task Unauthenticated_requests_get_401_but_health_and_version_are_open()
    {
        using var anonymous = _fx.CreateClient(authenticated: false);
        var (code, body, _) = await anonymous.SendAsync(HttpMethod.Get, "/api/v1/persistentvolumes");
        Assert.Equal(401, code);
        Assert.Equal("Unauthorized", body!["reason"]!.GetValue<string>());
        Assert.Equal("ok", await anonymous.GetStringAsync("/readyz"));
        var version = JsonNode.Parse(await anonymous.GetStringAsync("/version"))!;
        Assert.Equal("32", version["minor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_stamps_metadata_and_defaults_and_resets_status_to_Pending()
    {
        var (code, pv, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", Http.Pv("it-create"));
        Assert.Equal(201, code);
        Assert.Equal("PersistentVolume", pv!["kind"]!.GetValue<string>());
        Assert.Equal("v1", pv["apiVersion"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(pv["metadata"]!["uid"]!.GetValue<string>()));
        Assert.Matches("^[0-9]+$", pv["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.NotNull(pv["metadata"]!["creationTimestamp"]);
        Assert.Equal("Retain", pv["spec"]!["persistentVolumeReclaimPolicy"]!.GetValue<string>());
        Assert.Equal("Filesystem", pv["spec"]!["volumeMode"]!.GetValue<string>());
        Assert.Equal("Pending", pv["status"]!["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task Creating_twice_is_409_AlreadyExists_with_Kubernetes_message()
    {
        await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", Http.Pv("it-twice"));
        var (code, status, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", Http.Pv("it-twice"));
        Assert.Equal(409, code);
        Assert.Equal("AlreadyExists", status!["reason"]!.GetValue<string>());
        Assert.Equal("persistentvolumes \"it-twice\" already exists", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stale_resourceVersion_on_update_is_409_Conflict_and_noop_keeps_resourceVersion()
    {
        var (_, pv, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", Http.Pv("it-cas"));
        var rv = pv!["metadata"]!["resourceVersion"]!.GetValue<string>();

        var (code1, same, _) = await C.SendAsync(HttpMethod.Put, "/api/v1/persistentvolumes/it-cas", pv.ToJsonString());
        Assert.Equal(200, code1);
        Assert.Equal(rv, same!["metadata"]!["resourceVersion"]!.GetValue<string>());

        pv["metadata"]!["labels"] = new JsonObject { ["a"] = "b" };
        var (code2, changed, _) = await C.SendAsync(HttpMethod.Put, "/api/v1/persistentvolumes/it-cas", pv.ToJsonString());
        Assert.Equal(200, code2);
        Assert.NotEqual(rv, changed!["metadata"]!["resourceVersion"]!.GetValue<string>());

        var (code3, conflict, _) = await C.SendAsync(HttpMethod.Put, "/api/v1/persistentvolumes/it-cas", pv.ToJsonString());
        Assert.Equal(409, code3);
        Assert.Equal("Operation cannot be fulfilled on persistentvolumes \"it-cas\": the object has been modified; please apply your changes to the latest version and try again",
            conflict!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_input_gets_a_Status_and_nothing_is_written()
    {
        var (c1, s1, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", "{not json");
        Assert.Equal(400, c1);
        Assert.Equal("BadRequest", s1!["reason"]!.GetValue<string>());

        var (c2, _, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", "{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolume\",\"metadata\":{\"name\":\"" + new string('x', 4 * 1024 * 1024) + "\"}}");
        Assert.Equal(413, c2);

        var (c3, s3, _) = await C.SendAsync(HttpMethod.Get, "/api/v1/frobnicators");
        Assert.Equal(404, c3);
        Assert.Equal("Status", s3!["kind"]!.GetValue<string>());

        var (c4, s4, _) = await C.SendAsync(HttpMethod.Put, "/api/v1/persistentvolumes/it-url", Http.Pv("it-body"));
        Assert.Equal(400, c4);
        Assert.Contains("does not match the name on the URL", s4!["message"]!.GetValue<string>());

        var (c5, _, _) = await C.SendAsync(HttpMethod.Get, "/api/v1/persistentvolumes/it-body");
        Assert.Equal(404, c5);
    }

    [Fact]
    public async Task Namespaced_create_in_a_missing_namespace_is_404_for_the_namespace()
    {
        var claim = """{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"c"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}""";
        var (code, status, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/namespaces/nope/persistentvolumeclaims", claim);
        Assert.Equal(404, code);
        Assert.Equal("namespaces \"nope\" not found", status!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_pages_with_limit_and_continue_form_one_consistent_list()
    {
        for (var i = 0; i < 7; i++)
        {
            await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", Http.Pv($"it-page-{i}", labels: """{"set":"paging"}"""));
        }
        var names = new List<string>();
        string? cont = null;
        string? firstRv = null;
        do
        {
            var url = "/api/v1/persistentvolumes?labelSelector=set%3Dpaging&limit=3" + (cont is null ? "" : "&continue=" + Uri.EscapeDataString(cont));
            var (code, list, _) = await C.SendAsync(HttpMethod.Get, url);
            Assert.Equal(200, code);
            Assert.Equal("PersistentVolumeList", list!["kind"]!.GetValue<string>());
            firstRv ??= list["metadata"]!["resourceVersion"]!.GetValue<string>();
            Assert.Equal(firstRv, list["metadata"]!["resourceVersion"]!.GetValue<string>());
            names.AddRange(list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
            cont = list["metadata"]!["continue"]?.GetValue<string>();
        } while (cont is not null);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"it-page-{i}"), names);
    }

    [Fact]
    public async Task Watch_from_a_resourceVersion_streams_later_changes_only()
    {
        var (_, pv, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", Http.Pv("it-watch"));
        var rv = pv!["metadata"]!["resourceVersion"]!.GetValue<string>();
        using var watchClient = _fx.CreateClient(authenticated: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/persistentvolumes?watch=true&resourceVersion={rv}&fieldSelector=metadata.name%3Dit-watch");
        using var response = await watchClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        await C.SendAsync(HttpMethod.Patch, "/api/v1/persistentvolumes/it-watch", """{"metadata":{"labels":{"w":"1"}}}""", "application/merge-patch+json");
        await C.SendAsync(HttpMethod.Delete, "/api/v1/persistentvolumes/it-watch");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var first = JsonNode.Parse((await reader.ReadLineAsync(timeout.Token))!)!;
        Assert.Equal("MODIFIED", first["type"]!.GetValue<string>());
        Assert.Equal("1", first["object"]!["metadata"]!["labels"]!["w"]!.GetValue<string>());
        Assert.Equal("PersistentVolume", first["object"]!["kind"]!.GetValue<string>());
        // pv-protection (added on create, as admission does) holds the volume: the delete marks it, and
        // it goes once the finalizer is removed.
        var second = JsonNode.Parse((await reader.ReadLineAsync(timeout.Token))!)!;
        Assert.Equal("MODIFIED", second["type"]!.GetValue<string>());
        Assert.NotNull(second["object"]!["metadata"]!["deletionTimestamp"]);
        await C.SendAsync(HttpMethod.Patch, "/api/v1/persistentvolumes/it-watch", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        var third = JsonNode.Parse((await reader.ReadLineAsync(timeout.Token))!)!;
        Assert.Equal("DELETED", third["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_lists_short_names_for_kubectl()
    {
        var (code, body, response) = await C.SendAsync(HttpMethod.Get, "/api", accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        Assert.Equal(200, code);
        Assert.Contains("as=APIGroupDiscoveryList", response.Content.Headers.ContentType!.ToString());
        var resources = body!["items"]![0]!["versions"]![0]!["resources"]!.AsArray();
        var pv = resources.First(r => r!["resource"]!.GetValue<string>() == "persistentvolumes")!;
        Assert.Equal("pv", pv["shortNames"]![0]!.GetValue<string>());
        Assert.Equal("Cluster", pv["scope"]!.GetValue<string>());
    }
}
