using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Stowage.EndToEnd.Tests.Harness;

namespace Stowage.EndToEnd.Tests;

/// <summary>apply, patch, annotate, describe, watch, wait, delete, explain, api-resources and errors with the real kubectl.</summary>
public sealed class KubectlWorkflowTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public KubectlWorkflowTests(ServerFixture fixture) => _fixture = fixture;

    private Kubectl K => _fixture.Kubectl;

    [Fact]
    public async Task Client_side_apply_creates_then_is_unchanged_then_configured()
    {
        Assert.Equal("persistentvolume/pv-apply created\n", (await K.RunAsync("apply -f pv-apply.yaml")).Ok().Stdout);
        Assert.Equal("persistentvolume/pv-apply unchanged\n", (await K.RunAsync("apply -f pv-apply.yaml")).Ok().Stdout);
        var edited = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Manifests", "pv-apply.yaml")).Replace("tier: gold", "tier: silver").Replace("2Gi", "4Gi");
        Assert.Equal("persistentvolume/pv-apply configured\n", (await K.RunAsync(["apply", "-f", "-"], edited)).Ok().Stdout);
        var r = (await K.RunAsync(["get", "pv", "pv-apply", "-o", "jsonpath={.metadata.labels.tier} {.spec.capacity.storage}"])).Ok();
        Assert.Equal("silver 4Gi", r.Stdout);
    }

    [Fact]
    public async Task Server_side_apply_creates_and_updates_and_tracks_the_manager()
    {
        Assert.Equal("persistentvolume/pv-ssa serverside-applied\n", (await K.RunAsync("apply --server-side -f pv-ssa.yaml")).Ok().Stdout);
        Assert.Equal("persistentvolume/pv-ssa serverside-applied\n", (await K.RunAsync("apply --server-side -f pv-ssa.yaml")).Ok().Stdout);
        var json = JsonNode.Parse((await K.RunAsync("get pv pv-ssa -o json --show-managed-fields")).Ok().Stdout)!;
        var managers = json["metadata"]!["managedFields"]!.AsArray().Select(e => (e!["manager"]!.GetValue<string>(), e["operation"]!.GetValue<string>())).ToList();
        Assert.Contains(("kubectl", "Apply"), managers);
    }

    [Fact]
    public async Task Patch_with_all_three_types_and_no_change_is_reported()
    {
        (await K.RunAsync("create -f claim1.yaml")).Ok();
        var strategic = (await K.RunAsync(["patch", "pvc", "claim1", "-p", "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}"])).Ok();
        Assert.Equal("persistentvolumeclaim/claim1 patched\n", strategic.Stdout);
        var again = (await K.RunAsync(["patch", "pvc", "claim1", "-p", "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}"])).Ok();
        Assert.Equal("persistentvolumeclaim/claim1 patched (no change)\n", again.Stdout);
        (await K.RunAsync(["patch", "pvc", "claim1", "--type", "merge", "-p", "{\"metadata\":{\"annotations\":{\"note\":\"m\"}}}"])).Ok();
        (await K.RunAsync(["patch", "pvc", "claim1", "--type", "json", "-p", "[{\"op\":\"replace\",\"path\":\"/metadata/labels/app\",\"value\":\"db\"}]"])).Ok();
        var r = (await K.RunAsync(["get", "pvc", "claim1", "-o", "jsonpath={.metadata.labels.app} {.metadata.annotations.note}"])).Ok();
        Assert.Equal("db m", r.Stdout);
        var missing = (await K.RunAsync(["patch", "pvc", "claim1", "--type", "json", "-p", "[{\"op\":\"remove\",\"path\":\"/spec/nope\"}]"])).Fails();
        Assert.Contains("The request is invalid", missing.Stderr);
        var immutable = (await K.RunAsync(["patch", "pvc", "claim1", "-p", "{\"spec\":{\"accessModes\":[\"ReadWriteMany\"]}}"])).Fails();
        Assert.Contains("spec is immutable after creation", immutable.Stderr);
    }

    [Fact]
    public async Task Annotate_adds_and_removes_and_describe_shows_the_volume()
    {
        (await K.RunAsync("create -f pv0001.json")).Ok();
        Assert.Equal("persistentvolume/pv0001 annotated\n", (await K.RunAsync("annotate pv pv0001 owner=storage-team")).Ok().Stdout);
        var described = (await K.RunAsync("describe pv pv0001")).Ok().Stdout;
        Assert.Matches(@"Name:\s+pv0001", described);
        Assert.Matches(@"Annotations:\s+owner: storage-team", described);
        Assert.Matches(@"Reclaim Policy:\s+Retain", described);
        Assert.Matches(@"Access Modes:\s+RWO", described);
        Assert.Matches(@"Capacity:\s+5Gi", described);
        Assert.Matches(@"Type:\s+NFS", described);
        Assert.Matches(@"Server:\s+192.168.1.10", described);
        Assert.Equal("persistentvolume/pv0001 annotated\n", (await K.RunAsync("annotate pv pv0001 owner-")).Ok().Stdout);
        Assert.DoesNotContain("owner", (await K.RunAsync("describe pv pv0001")).Ok().Stdout);
    }

    [Fact]
    public async Task Get_watch_prints_a_row_for_a_change()
    {
        (await K.RunAsync(["create", "-f", "-"], Pv("pv-watched"))).Ok();
        using var watch = K.Start("get", "pv", "pv-watched", "-w");
        try
        {
            var header = await watch.StandardOutput.ReadLineAsync();
            Assert.StartsWith("NAME", header);
            var initial = await watch.StandardOutput.ReadLineAsync();
            Assert.StartsWith("pv-watched", initial);
            (await K.RunAsync("label pv pv-watched seen=yes")).Ok();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var changed = await watch.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.StartsWith("pv-watched", changed);
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await watch.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Wait_for_jsonpath_succeeds_when_the_condition_holds()
    {
        (await K.RunAsync(["create", "-f", "-"], Pv("pv-waited"))).Ok();
        (await K.RunAsync("label pv pv-waited ready=true")).Ok();
        var r = (await K.RunAsync(["wait", "--for=jsonpath={.metadata.labels.ready}=true", "pv/pv-waited", "--timeout=20s"])).Ok();
        Assert.Equal("persistentvolume/pv-waited condition met\n", r.Stdout);
        var timeout = (await K.RunAsync(["wait", "--for=jsonpath={.metadata.labels.ready}=false", "pv/pv-waited", "--timeout=2s"])).Fails();
        Assert.Contains("timed out waiting for the condition", timeout.Stderr);
    }

    [Fact]
    public async Task Delete_removes_and_a_second_delete_is_not_found()
    {
        (await K.RunAsync(["create", "-f", "-"], Pv("pv-deleted"))).Ok();
        Assert.Equal("persistentvolume \"pv-deleted\" deleted\n", (await K.RunAsync("delete pv pv-deleted")).Ok().Stdout);
        var again = (await K.RunAsync("delete pv pv-deleted")).Fails();
        Assert.Contains("Error from server (NotFound): persistentvolumes \"pv-deleted\" not found", again.Stderr);
    }

    [Fact]
    public async Task Explain_and_api_resources_describe_the_storage_kinds()
    {
        var explain = (await K.RunAsync("explain pv.spec.accessModes")).Ok().Stdout;
        Assert.Contains("KIND:       PersistentVolume", explain);
        Assert.Contains("FIELD: accessModes <[]string>", explain);
        Assert.Contains("accessModes contains all ways the volume can be mounted", explain);
        var resources = (await K.RunAsync("api-resources")).Ok().Stdout;
        Assert.Matches(@"persistentvolumes\s+pv\s+v1\s+false\s+PersistentVolume", resources);
        Assert.Matches(@"persistentvolumeclaims\s+pvc\s+v1\s+true\s+PersistentVolumeClaim", resources);
        Assert.Matches(@"storageclasses\s+sc\s+storage.k8s.io/v1\s+false\s+StorageClass", resources);
    }

    [Fact]
    public async Task Invalid_manifests_fail_with_Kubernetes_messages()
    {
        var invalid = (await K.RunAsync("create -f pv-invalid.json")).Fails();
        Assert.Contains("The PersistentVolume \"pvbad\" is invalid:", invalid.Stderr);
        Assert.Contains("spec.capacity: Required value", invalid.Stderr);
        Assert.Contains("Unsupported value: \"ReadWriteSometimes\"", invalid.Stderr);
        var unknown = (await K.RunAsync("create -f pv-unknown-field.json")).Fails();
        Assert.Contains("strict decoding error: unknown field \"spec.bogus\"", unknown.Stderr);
        var warned = (await K.RunAsync("create -f pv-unknown-field.json --validate=warn")).Ok();
        Assert.Contains("unknown field \"spec.bogus\"", warned.Stderr);
        var badSize = (await K.RunAsync(["create", "-f", "-"], Pv("pv-bad-size").Replace("1Gi", "1Gb"))).Fails();
        Assert.Contains("quantities must match the regular expression", badSize.Stderr);
    }

    [Fact]
    public async Task Namespaces_secrets_and_configmaps_created_by_kubectl_protobuf_and_namespace_delete_removes_content()
    {
        Assert.Equal("namespace/team-a created\n", (await K.RunAsync("create namespace team-a")).Ok().Stdout);
        Assert.Equal("secret/ceph-secret created\n", (await K.RunAsync("create secret generic ceph-secret -n team-a --from-literal=key=AQB")).Ok().Stdout);
        Assert.Equal("configmap/c1 created\n", (await K.RunAsync("create configmap c1 -n team-a --from-literal=a=b")).Ok().Stdout);
        Assert.Equal("QVFC", (await K.RunAsync(["get", "secret", "ceph-secret", "-n", "team-a", "-o", "jsonpath={.data.key}"])).Ok().Stdout);
        (await K.RunAsync("create -f claim1.yaml -n team-a")).Ok();
        Assert.Equal("namespace \"team-a\" deleted\n", (await K.RunAsync("delete namespace team-a --timeout=30s")).Ok().Stdout);
        var gone = (await K.RunAsync("get ns team-a")).Fails();
        Assert.Contains("namespaces \"team-a\" not found", gone.Stderr);
        var forbidden = (await K.RunAsync("delete namespace default")).Fails();
        Assert.Contains("this namespace may not be deleted", forbidden.Stderr);
    }

    private static string Pv(string name) =>
        $"apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: {name}\nspec:\n  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n  hostPath:\n    path: /tmp/{name}\n";
}
