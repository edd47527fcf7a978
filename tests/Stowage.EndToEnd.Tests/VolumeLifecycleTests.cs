using System.Text.RegularExpressions;
using Stowage.EndToEnd.Tests.Harness;

namespace Stowage.EndToEnd.Tests;

/// <summary>
/// Issue 3 as a user sees it: binding (labels, selectors, size, access modes), phases, explanations,
/// release and the three reclaim policies on real directories, protection, and recovery after kill -9.
/// Each test uses its own server, so volumes of one test never satisfy claims of another.
/// </summary>
public sealed class VolumeLifecycleTests
{
    private static string Pv(string name, string size, string policy = "Retain", string? path = null, string labels = "{}", string modes = "ReadWriteOnce") =>
        $"{{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolume\",\"metadata\":{{\"name\":\"{name}\",\"labels\":{labels}}},\"spec\":{{\"capacity\":{{\"storage\":\"{size}\"}},\"accessModes\":[\"{modes}\"],\"persistentVolumeReclaimPolicy\":\"{policy}\",\"hostPath\":{{\"path\":\"{path ?? "/tmp/" + name}\"}}}}}}";

    private static string Claim(string name, string size, string? selector = null) =>
        $"{{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\",\"metadata\":{{\"name\":\"{name}\"}},\"spec\":{{\"accessModes\":[\"ReadWriteOnce\"],\"storageClassName\":\"\",{(selector is null ? "" : $"\"selector\":{selector},")}\"resources\":{{\"requests\":{{\"storage\":\"{size}\"}}}}}}}}";

    private static async Task<string> JsonPath(Kubectl k, string what, string path) =>
        (await k.RunAsync(["get", .. what.Split(' '), "-o", $"jsonpath={path}"])).Ok().Stdout;

    private static Task<string> WaitFor(Kubectl k, string what, string path, string expected) =>
        Eventually.WaitAsync(() => JsonPath(k, what, path), v => v == expected, TimeSpan.FromSeconds(20), $"{what} {path} == {expected}");

    [Fact]
    public async Task Label_directed_matching_binds_the_labelled_volume_as_in_the_seeds()
    {
        await using var server = await ServerProcess.StartAsync();
        using var k = new Kubectl(server.Kubeconfig);
        (await k.RunAsync("create -f pv0001.json")).Ok();
        (await k.RunAsync("create -f pv0002.json")).Ok();
        (await k.RunAsync("label pv pv0002 disktype=ssd")).Ok();
        (await k.RunAsync("create -f pvc0002.json")).Ok();

        await WaitFor(k, "pvc pvc0002", "{.status.phase}", "Bound");
        var table = (await k.RunAsync("get pv --show-labels")).Ok().Stdout;
        Assert.Matches(@"pv0001\s+5Gi\s+RWO\s+Retain\s+Available\s+<unset>\s+\S+\s+<none>", table);
        Assert.Matches(@"pv0002\s+5Gi\s+RWO\s+Retain\s+Bound\s+default/pvc0002\s+<unset>\s+\S+\s+disktype=ssd", table);
        var claims = (await k.RunAsync("get pvc")).Ok().Stdout;
        Assert.Matches(@"pvc0002\s+Bound\s+pv0002\s+5Gi\s+RWO", claims);
        Assert.Equal("yes", await JsonPath(k, "pvc pvc0002", "{.metadata.annotations.pv\\.kubernetes\\.io/bind-completed}"));
    }

    [Fact]
    public async Task The_registry_claim_binds_to_the_5Gi_nfs_volume_and_both_show_5Gi()
    {
        await using var server = await ServerProcess.StartAsync();
        using var k = new Kubectl(server.Kubeconfig);
        (await k.RunAsync("create -f pv0001.json")).Ok();
        (await k.RunAsync("create -f pvc-registry.json")).Ok();
        await WaitFor(k, "pvc docker-registry-claim", "{.status.phase}", "Bound");
        Assert.Matches(@"docker-registry-claim\s+Bound\s+pv0001\s+5Gi\s+RWO", (await k.RunAsync("get pvc")).Ok().Stdout);
        Assert.Matches(@"pv0001\s+5Gi\s+RWO\s+Retain\s+Bound\s+default/docker-registry-claim", (await k.RunAsync("get pv")).Ok().Stdout);
    }

    [Fact]
    public async Task A_claim_nothing_satisfies_stays_Pending_and_says_why_then_binds_when_a_volume_appears()
    {
        await using var server = await ServerProcess.StartAsync();
        using var k = new Kubectl(server.Kubeconfig);
        for (var i = 0; i < 50; i++)
        {
            (await k.RunAsync(["create", "-f", "-"], Pv($"fifty-{i}", "50Gi"))).Ok();
        }
        (await k.RunAsync(["create", "-f", "-"], Claim("hundred", "100Gi"))).Ok();
        var events = await Eventually.WaitAsync(
            async () => (await k.RunAsync("get events --field-selector involvedObject.name=hundred")).Ok().Stdout,
            s => s.Contains("WaitingForVolume", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "explanation event");
        Assert.Contains("no volume matches: 50 too small (largest 50Gi < 100Gi)", events);
        Assert.Equal("Pending", await JsonPath(k, "pvc hundred", "{.status.phase}"));

        (await k.RunAsync(["create", "-f", "-"], Pv("big-one", "200Gi"))).Ok();
        await WaitFor(k, "pvc hundred", "{.spec.volumeName}", "big-one");
    }

    [Fact]
    public async Task Match_expressions_In_and_NotIn_select_as_in_the_seeds()
    {
        await using var server = await ServerProcess.StartAsync();
        using var k = new Kubectl(server.Kubeconfig);
        (await k.RunAsync(["create", "-f", "-"], Pv("sz-testing", "1Gi", labels: "{\"region\":\"shenzhen\",\"env\":\"testing\"}"))).Ok();
        (await k.RunAsync(["create", "-f", "-"], Pv("bj-prod", "1Gi", labels: "{\"region\":\"beijing\",\"env\":\"prod\"}"))).Ok();
        (await k.RunAsync(["create", "-f", "-"], Pv("sz-prod", "1Gi", labels: "{\"region\":\"shenzhen\",\"env\":\"prod\"}"))).Ok();
        var selector = "{\"matchExpressions\":[{\"key\":\"region\",\"operator\":\"In\",\"values\":[\"shenzhen\"]},{\"key\":\"env\",\"operator\":\"NotIn\",\"values\":[\"testing\"]}]}";
        (await k.RunAsync(["create", "-f", "-"], Claim("expr", "1Gi", selector))).Ok();
        await WaitFor(k, "pvc expr", "{.spec.volumeName}", "sz-prod");
    }

    [Fact]
    public async Task Reclaim_policies_behave_on_real_directories()
    {
        await using var server = await ServerProcess.StartAsync();
        using var k = new Kubectl(server.Kubeconfig);
        var root = Path.Combine(Path.GetTempPath(), "stowage-reclaim-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            foreach (var policy in new[] { "Retain", "Recycle", "Delete" })
            {
                var dir = Path.Combine(root, policy.ToLowerInvariant());
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, "data.txt"), "precious");
                var name = "rc-" + policy.ToLowerInvariant();
                (await k.RunAsync(["create", "-f", "-"], Pv(name, "1Gi", policy, dir, labels: $"{{\"policy\":\"{policy.ToLowerInvariant()}\"}}"))).Ok();
                (await k.RunAsync(["create", "-f", "-"], Claim("claim-" + policy.ToLowerInvariant(), "1Gi", $"{{\"matchLabels\":{{\"policy\":\"{policy.ToLowerInvariant()}\"}}}}"))).Ok();
                await WaitFor(k, "pv " + name, "{.status.phase}", "Bound");
                (await k.RunAsync(["delete", "pvc", "claim-" + policy.ToLowerInvariant(), "--timeout=30s"])).Ok();
            }

            await WaitFor(k, "pv rc-retain", "{.status.phase}", "Released");
            Assert.True(File.Exists(Path.Combine(root, "retain", "data.txt")), "Retain keeps the data");

            await WaitFor(k, "pv rc-recycle", "{.status.phase}", "Available");
            Assert.True(Directory.Exists(Path.Combine(root, "recycle")));
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "recycle")));
            Assert.Equal("", await JsonPath(k, "pv rc-recycle", "{.spec.claimRef}"));

            await Eventually.WaitAsync(async () => (await k.RunAsync("get pv rc-delete")).ExitCode, c => c != 0, TimeSpan.FromSeconds(20), "rc-delete gone");
            Assert.False(Directory.Exists(Path.Combine(root, "delete")), "Delete removes the directory");
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_Delete_volume_no_plugin_can_delete_goes_Failed_with_Kubernetes_message()
    {
        await using var server = await ServerProcess.StartAsync();
        using var k = new Kubectl(server.Kubeconfig);
        (await k.RunAsync(["create", "-f", "-"], Pv("outside-tmp", "1Gi", "Delete", "/srv/stowage-e2e-data"))).Ok();
        (await k.RunAsync(["create", "-f", "-"], Claim("c-outside", "1Gi"))).Ok();
        await WaitFor(k, "pv outside-tmp", "{.status.phase}", "Bound");
        (await k.RunAsync("delete pvc c-outside --timeout=30s")).Ok();
        await WaitFor(k, "pv outside-tmp", "{.status.phase}", "Failed");
        Assert.Equal("host_path deleter only supports /tmp/.+ but received provided /srv/stowage-e2e-data", await JsonPath(k, "pv outside-tmp", "{.status.message}"));
    }

    [Fact]
    public async Task Deleting_a_bound_volume_waits_for_its_claim_and_the_claim_goes_Lost_never()
    {
        await using var server = await ServerProcess.StartAsync();
        using var k = new Kubectl(server.Kubeconfig);
        (await k.RunAsync(["create", "-f", "-"], Pv("protected", "1Gi"))).Ok();
        (await k.RunAsync(["create", "-f", "-"], Claim("holder", "1Gi"))).Ok();
        await WaitFor(k, "pvc holder", "{.status.phase}", "Bound");
        await WaitFor(k, "pv protected", "{.metadata.finalizers[0]}", "kubernetes.io/pv-protection");
        (await k.RunAsync("delete pv protected --wait=false")).Ok();
        Assert.Matches(@"protected\s+1Gi\s+RWO\s+Retain\s+Terminating", (await k.RunAsync("get pv protected")).Ok().Stdout);
        Assert.Equal("Bound", await JsonPath(k, "pvc holder", "{.status.phase}"));
        (await k.RunAsync("delete pvc holder --timeout=30s")).Ok();
        await Eventually.WaitAsync(async () => (await k.RunAsync("get pv protected")).ExitCode, c => c != 0, TimeSpan.FromSeconds(20), "pv gone after its claim");
    }

    [Fact]
    public async Task A_server_killed_during_binding_recovers_to_a_consistent_state()
    {
        await using var server = await ServerProcess.StartAsync();
        using var k = new Kubectl(server.Kubeconfig);
        for (var i = 0; i < 30; i++)
        {
            (await k.RunAsync(["create", "-f", "-"], Pv($"crash-pv-{i}", "1Gi"))).Ok();
        }
        // A JSON stream: kubectl reads one object after another.
        var claims = string.Join("\n", Enumerable.Range(0, 30).Select(i => Claim($"crash-claim-{i}", "1Gi")));
        (await k.RunAsync(["create", "-f", "-"], claims)).Ok();
        await server.KillAsync(); // somewhere in the middle of binding 30 pairs
        await server.StartAgainAsync();

        await Eventually.WaitAsync(async () => (await k.RunAsync(["get", "pvc", "-o", "jsonpath={range .items[*]}{.status.phase}{\"\\n\"}{end}"])).Ok().Stdout,
            s => s.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(p => p == "Bound") == 30, TimeSpan.FromSeconds(30), "all bound after restart");
        var pairs = (await k.RunAsync(["get", "pv", "-o", "jsonpath={range .items[*]}{.metadata.name}={.spec.claimRef.name}{\"\\n\"}{end}"])).Ok().Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var volumeOf = (await k.RunAsync(["get", "pvc", "-o", "jsonpath={range .items[*]}{.metadata.name}={.spec.volumeName}{\"\\n\"}{end}"])).Ok().Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(30, volumeOf.Values.Distinct().Count()); // no volume bound to two claims
        foreach (var (claim, volume) in volumeOf)
        {
            Assert.Equal(claim, pairs[volume]); // each claim's volume points back at it
        }
    }

    [Fact]
    public async Task Deleting_a_claim_used_by_a_scheduled_pod_waits_until_the_pod_is_gone()
    {
        await using var server = await ServerProcess.StartAsync();
        using var k = new Kubectl(server.Kubeconfig);
        (await k.RunAsync(["create", "-f", "-"], Pv("used-pv", "1Gi"))).Ok();
        (await k.RunAsync(["create", "-f", "-"], Claim("used", "1Gi"))).Ok();
        await WaitFor(k, "pvc used", "{.status.phase}", "Bound");
        var pod = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"user\"},\"spec\":{\"terminationGracePeriodSeconds\":1,\"containers\":[{\"name\":\"c\",\"image\":\"busybox\",\"command\":[\"sleep\",\"3600\"],\"volumeMounts\":[{\"name\":\"data\",\"mountPath\":\"/data\"}]}],\"volumes\":[{\"name\":\"data\",\"persistentVolumeClaim\":{\"claimName\":\"used\"}}]}}";
        (await k.RunAsync(["create", "-f", "-"], pod)).Ok();
        await WaitFor(k, "pvc used", "{.metadata.finalizers[0]}", "kubernetes.io/pvc-protection");
        Assert.Matches(@"Used By:\s+user", (await k.RunAsync("describe pvc used")).Ok().Stdout);

        (await k.RunAsync("delete pvc used --wait=false")).Ok();
        Assert.Matches(@"used\s+Terminating\s+used-pv", (await k.RunAsync("get pvc used")).Ok().Stdout);
        (await k.RunAsync("delete pod user")).Ok();
        await Eventually.WaitAsync(async () => (await k.RunAsync("get pvc used")).ExitCode, c => c != 0, TimeSpan.FromSeconds(20), "claim gone after its pod");
        await WaitFor(k, "pv used-pv", "{.status.phase}", "Released");
    }
}
