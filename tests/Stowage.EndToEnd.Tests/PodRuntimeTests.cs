using System.Security.Cryptography;
using Stowage.EndToEnd.Tests.Harness;

namespace Stowage.EndToEnd.Tests;

/// <summary>
/// Issue 5's acceptance with the real kubectl against a real stowage process whose node agent runs
/// pods as runc containers: the seeds' emptyDir pod, a claim's data outliving its pod, read-only
/// mounts, df of a pool volume, logs (-f, --previous, -c), exec, cp both ways, graceful deletion,
/// CrashLoopBackOff, ImagePullBackOff, a claim in use held until its pod is gone, and nothing left
/// on the node once a pod is deleted.
/// </summary>
[Collection(RuncCollection.Name)]
public sealed class PodRuntimeTests : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan PodTimeout = TimeSpan.FromSeconds(60);
    private readonly ServerFixture _fixture;

    public PodRuntimeTests(ServerFixture fixture) => _fixture = fixture;

    private Kubectl K => _fixture.Kubectl;

    private Task<string> JsonPathAsync(string ns, string resource, string path) =>
        K.RunAsync(["get", resource, "-n", ns, "-o", "jsonpath=" + path]).ContinueWith(t => t.Result.ExitCode == 0 ? t.Result.Stdout : "", TaskScheduler.Default);

    private async Task<string> NamespaceAsync(string name)
    {
        (await K.RunAsync(["create", "namespace", name])).Ok();
        return name;
    }

    private Task WaitPhaseAsync(string ns, string pod, string phase) =>
        Eventually.WaitAsync(() => JsonPathAsync(ns, "pod/" + pod, "{.status.phase}"), p => p == phase, PodTimeout, $"pod {pod} {phase}");

    private async Task ApplyAsync(string ns, string yaml) => (await K.RunAsync(["apply", "-n", ns, "-f", "-"], yaml)).Ok();

    private static string PodYaml(string name, string command, string restart = "Never", string volumes = "", string mounts = "", string image = "busybox", int grace = 2) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        spec:
          restartPolicy: {restart}
          terminationGracePeriodSeconds: {grace}
          containers:
          - name: main
            image: {image}
            command: ["sh", "-c", {System.Text.Json.JsonSerializer.Serialize(command)}]
        {mounts}
        {volumes}
        """;

    [Fact]
    public async Task The_seeds_emptyDir_pod_runs_and_the_reader_prints_what_the_writer_wrote()
    {
        var ns = await NamespaceAsync("seed-emptydir");
        (await K.RunAsync(["create", "-n", ns, "-f", "test-pd.yaml"])).Ok();
        await WaitPhaseAsync(ns, "test-pd", "Running");
        var logs = await Eventually.WaitAsync(async () => (await K.RunAsync(["logs", "-n", ns, "test-pd", "-c", "read-conta"])).Stdout,
            l => l.Length > 0, PodTimeout, "read-conta's log");
        Assert.Equal("hello world\n", logs);
        var row = (await K.RunAsync(["get", "pod", "test-pd", "-n", ns, "--no-headers"])).Ok().Stdout;
        Assert.Matches(@"^test-pd\s+2/2\s+Running\s+0\s+\d+s", row);
        var node = await JsonPathAsync(ns, "pod/test-pd", "{.spec.nodeName}");
        Assert.NotEmpty(node);
        var events = (await K.RunAsync(["get", "events", "-n", ns, "--field-selector", "involvedObject.name=test-pd", "-o", "jsonpath={range .items[*]}{.reason} {end}"])).Ok().Stdout;
        Assert.Contains("Scheduled", events, StringComparison.Ordinal);
        Assert.Contains("Started", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claims_data_outlives_its_pod_a_read_only_mount_refuses_writes_and_df_shows_the_claims_size()
    {
        var ns = await NamespaceAsync("claim-data");
        await ApplyAsync(ns, """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: data
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 64Mi
            """);
        const string volume = """
              volumes:
              - name: data
                persistentVolumeClaim:
                  claimName: data
            """;
        const string mount = """
                volumeMounts:
                - name: data
                  mountPath: /data
            """;
        await ApplyAsync(ns, PodYaml("writer", "echo kept > /data/file && df -h /data && sleep 3600", "Always", volume, mount));
        await WaitPhaseAsync(ns, "writer", "Running");
        var df = await Eventually.WaitAsync(async () => (await K.RunAsync(["logs", "-n", ns, "writer"])).Stdout, l => l.Contains("/data", StringComparison.Ordinal), PodTimeout, "df output");
        Assert.Matches(@"6[0-4](\.\d)?M\s", df); // the claim's 64Mi, not the host's disk
        (await K.RunAsync(["delete", "pod", "writer", "-n", ns, "--timeout=60s"])).Ok();

        await ApplyAsync(ns, PodYaml("reader", "cat /data/file", "Never", volume, mount));
        await WaitPhaseAsync(ns, "reader", "Succeeded");
        Assert.Equal("kept\n", (await K.RunAsync(["logs", "-n", ns, "reader"])).Ok().Stdout);

        const string readOnlyMount = """
                volumeMounts:
                - name: data
                  mountPath: /data
                  readOnly: true
            """;
        await ApplyAsync(ns, PodYaml("read-only", "echo more > /data/other", "Never", volume, readOnlyMount));
        await WaitPhaseAsync(ns, "read-only", "Failed");
        Assert.Contains("Read-only file system", (await K.RunAsync(["logs", "-n", ns, "read-only"])).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_passes_streams_and_exit_codes_and_cp_copies_both_ways()
    {
        var ns = await NamespaceAsync("exec-cp");
        await ApplyAsync(ns, PodYaml("shell", "sleep 3600", "Always"));
        await WaitPhaseAsync(ns, "shell", "Running");

        var exec = await K.RunAsync(["exec", "-n", ns, "shell", "--", "sh", "-c", "echo out; echo err >&2; exit 3"]);
        Assert.Equal(3, exec.ExitCode);
        Assert.Equal("out\n", exec.Stdout);
        Assert.Contains("err", exec.Stderr, StringComparison.Ordinal);
        var piped = await K.RunAsync(["exec", "-i", "-n", ns, "shell", "--", "sh", "-c", "tr a-z A-Z"], "shout\n");
        Assert.Equal("SHOUT\n", piped.Ok().Stdout);

        var dir = Directory.CreateTempSubdirectory("stowage-cp-");
        try
        {
            var source = Path.Combine(dir.FullName, "blob.bin");
            var bytes = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
            await File.WriteAllBytesAsync(source, bytes);
            (await K.RunAsync(["cp", source, $"{ns}/shell:/tmp/blob.bin"], timeout: TimeSpan.FromSeconds(120))).Ok();
            Assert.Equal((3 * 1024 * 1024 + 17).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n",
                (await K.RunAsync(["exec", "-n", ns, "shell", "--", "sh", "-c", "wc -c < /tmp/blob.bin"])).Ok().Stdout.TrimStart());
            var back = Path.Combine(dir.FullName, "back.bin");
            (await K.RunAsync(["cp", $"{ns}/shell:/tmp/blob.bin", back], timeout: TimeSpan.FromSeconds(120))).Ok();
            Assert.Equal(bytes, await File.ReadAllBytesAsync(back));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Logs_follow_until_the_container_exits_and_the_pod_completes()
    {
        var ns = await NamespaceAsync("logs-follow");
        await ApplyAsync(ns, PodYaml("counter", "for i in 1 2 3; do echo line $i; sleep 1; done", "Never"));
        await Eventually.WaitAsync(() => JsonPathAsync(ns, "pod/counter", "{.status.phase}"), p => p is "Running" or "Succeeded", PodTimeout, "counter started");
        var follow = await K.RunAsync(["logs", "-f", "-n", ns, "counter"], timeout: TimeSpan.FromSeconds(60));
        Assert.Equal("line 1\nline 2\nline 3\n", follow.Ok().Stdout);
        await WaitPhaseAsync(ns, "counter", "Succeeded");
        Assert.Matches(@"^counter\s+0/1\s+Completed\s+0\s+\d+s", (await K.RunAsync(["get", "pod", "counter", "-n", ns, "--no-headers"])).Ok().Stdout);
    }

    [Fact]
    public async Task A_crashing_container_reaches_CrashLoopBackOff_and_its_previous_log_is_kept()
    {
        var ns = await NamespaceAsync("crash-loop");
        await ApplyAsync(ns, PodYaml("crasher", "echo boom; exit 1", "Always"));
        await Eventually.WaitAsync(() => JsonPathAsync(ns, "pod/crasher", "{.status.containerStatuses[0].state.waiting.reason}"),
            r => r == "CrashLoopBackOff", PodTimeout, "CrashLoopBackOff");
        var row = (await K.RunAsync(["get", "pod", "crasher", "-n", ns, "--no-headers"])).Ok().Stdout;
        Assert.Matches(@"^crasher\s+0/1\s+CrashLoopBackOff\s+[1-9]", row);
        Assert.Equal("1", await JsonPathAsync(ns, "pod/crasher", "{.status.containerStatuses[0].lastState.terminated.exitCode}"));
        Assert.Equal("boom\n", (await K.RunAsync(["logs", "-n", ns, "crasher", "--previous"])).Ok().Stdout);
        var described = (await K.RunAsync(["describe", "pod", "crasher", "-n", ns])).Ok().Stdout;
        Assert.Contains("Back-off restarting failed container main in pod crasher_crash-loop", described, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_image_reaches_ImagePullBackOff_with_how_to_import_it()
    {
        var ns = await NamespaceAsync("image-pull");
        await ApplyAsync(ns, PodYaml("web", "true", "Always", image: "nginx:1.25"));
        await Eventually.WaitAsync(() => JsonPathAsync(ns, "pod/web", "{.status.containerStatuses[0].state.waiting.reason}"),
            r => r == "ImagePullBackOff", PodTimeout, "ImagePullBackOff");
        var described = (await K.RunAsync(["describe", "pod", "web", "-n", ns])).Ok().Stdout;
        Assert.Contains("stowage image import", described, StringComparison.Ordinal);
        Assert.Contains("Failed to pull image \"nginx:1.25\"", described, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_claim_in_use_waits_for_its_pod_then_completes()
    {
        var ns = await NamespaceAsync("claim-in-use");
        await ApplyAsync(ns, """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: held
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 16Mi
            """);
        await ApplyAsync(ns, PodYaml("user", "sleep 3600", "Always", """
              volumes:
              - name: held
                persistentVolumeClaim:
                  claimName: held
            """, """
                volumeMounts:
                - name: held
                  mountPath: /held
            """));
        await WaitPhaseAsync(ns, "user", "Running");
        (await K.RunAsync(["delete", "pvc", "held", "-n", ns, "--wait=false"])).Ok();
        Assert.Matches(@"^held\s+Terminating", (await K.RunAsync(["get", "pvc", "held", "-n", ns, "--no-headers"])).Ok().Stdout);
        (await K.RunAsync(["delete", "pod", "user", "-n", ns, "--timeout=60s"])).Ok();
        await Eventually.WaitAsync(async () => (await K.RunAsync(["get", "pvc", "held", "-n", ns])).ExitCode, c => c != 0, PodTimeout, "claim gone");
    }

    private const string DataVolume = """
          volumes:
          - name: data
            persistentVolumeClaim:
              claimName: data
        """;

    private const string DataMount = """
            volumeMounts:
            - name: data
              mountPath: /data
        """;

    [Fact]
    public async Task A_pod_using_a_pending_claim_waits_with_the_schedulers_reason_and_runs_once_the_claim_binds()
    {
        var ns = await NamespaceAsync("pending-claim");
        await ApplyAsync(ns, """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: data
            spec:
              storageClassName: ""
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
            """);
        await ApplyAsync(ns, PodYaml("waiter", "sleep 3600", "Always", DataVolume, DataMount));
        var described = await Eventually.WaitAsync(async () => (await K.RunAsync(["describe", "pod", "waiter", "-n", ns])).Ok().Stdout,
            d => d.Contains("FailedScheduling", StringComparison.Ordinal), PodTimeout, "FailedScheduling");
        Assert.Contains("0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.", described, StringComparison.Ordinal);
        Assert.Equal("Pending", await JsonPathAsync(ns, "pod/waiter", "{.status.phase}"));

        var dir = Directory.CreateTempSubdirectory("stowage-pv-");
        try
        {
            var pv = "{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolume\",\"metadata\":{\"name\":\"pending-claim-pv\"},"
                + "\"spec\":{\"capacity\":{\"storage\":\"1Gi\"},\"accessModes\":[\"ReadWriteOnce\"],\"persistentVolumeReclaimPolicy\":\"Retain\","
                + "\"hostPath\":{\"path\":\"" + dir.FullName + "\"}}}";
            (await K.RunAsync(["create", "-f", "-"], pv)).Ok();
            await WaitPhaseAsync(ns, "waiter", "Running");
            (await K.RunAsync(["exec", "-n", ns, "waiter", "--", "sh", "-c", "echo landed > /data/proof"])).Ok();
            Assert.Equal("landed\n", await File.ReadAllTextAsync(Path.Combine(dir.FullName, "proof")));
            (await K.RunAsync(["delete", "pod", "waiter", "-n", ns, "--grace-period=1", "--timeout=60s"])).Ok();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_ReadWriteOncePod_claim_admits_one_pod_at_a_time()
    {
        var ns = await NamespaceAsync("rwop");
        await ApplyAsync(ns, """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: data
            spec:
              accessModes: [ReadWriteOncePod]
              resources:
                requests:
                  storage: 16Mi
            """);
        await ApplyAsync(ns, PodYaml("first", "sleep 3600", "Always", DataVolume, DataMount));
        await WaitPhaseAsync(ns, "first", "Running");
        await ApplyAsync(ns, PodYaml("second", "sleep 3600", "Always", DataVolume, DataMount));
        var described = await Eventually.WaitAsync(async () => (await K.RunAsync(["describe", "pod", "second", "-n", ns])).Ok().Stdout,
            d => d.Contains("FailedScheduling", StringComparison.Ordinal), PodTimeout, "FailedScheduling");
        Assert.Contains("ReadWriteOncePod", described, StringComparison.Ordinal);
        (await K.RunAsync(["delete", "pod", "first", "-n", ns, "--timeout=60s"])).Ok();
        await WaitPhaseAsync(ns, "second", "Running");
    }

    [Fact]
    public async Task A_WaitForFirstConsumer_claim_is_provisioned_on_the_node_its_first_pod_is_scheduled_to()
    {
        var ns = await NamespaceAsync("wffc");
        (await K.RunAsync(["apply", "-f", "-"], """
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata:
              name: local-wffc
            provisioner: stowage.io/local
            volumeBindingMode: WaitForFirstConsumer
            """)).Ok();
        await ApplyAsync(ns, """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: data
            spec:
              storageClassName: local-wffc
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 16Mi
            """);
        var waiting = await Eventually.WaitAsync(async () => (await K.RunAsync(["describe", "pvc", "data", "-n", ns])).Ok().Stdout,
            d => d.Contains("WaitForFirstConsumer", StringComparison.Ordinal), PodTimeout, "WaitForFirstConsumer event");
        Assert.Matches(@"Status:\s+Pending", waiting);

        await ApplyAsync(ns, PodYaml("consumer", "df -h /data && sleep 3600", "Always", DataVolume, DataMount));
        await WaitPhaseAsync(ns, "consumer", "Running");
        var node = await JsonPathAsync(ns, "pod/consumer", "{.spec.nodeName}");
        Assert.Equal(node, await JsonPathAsync(ns, "pvc/data", "{.metadata.annotations.volume\\.kubernetes\\.io/selected-node}"));
        Assert.Equal("Bound", await JsonPathAsync(ns, "pvc/data", "{.status.phase}"));
        (await K.RunAsync(["delete", "pod", "consumer", "-n", ns, "--grace-period=1", "--timeout=60s"])).Ok();
    }

    [Fact]
    public async Task A_volume_this_node_cannot_mount_keeps_the_pod_ContainerCreating_with_a_FailedMount_that_says_why()
    {
        var ns = await NamespaceAsync("failed-mount");
        await ApplyAsync(ns, PodYaml("nfs-user", "sleep 3600", "Always", """
              volumes:
              - name: share
                nfs:
                  server: 127.0.0.1
                  path: /exports
            """, """
                volumeMounts:
                - name: share
                  mountPath: /share
            """));
        var described = await Eventually.WaitAsync(async () => (await K.RunAsync(["describe", "pod", "nfs-user", "-n", ns])).Ok().Stdout,
            d => d.Contains("FailedMount", StringComparison.Ordinal), PodTimeout, "FailedMount");
        Assert.Contains("MountVolume.SetUp failed for volume \"share\"", described, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^nfs-user\s+0/1\s+ContainerCreating\s", (await K.RunAsync(["get", "pod", "nfs-user", "-n", ns, "--no-headers"])).Ok().Stdout);
        (await K.RunAsync(["delete", "pod", "nfs-user", "-n", ns, "--timeout=60s"])).Ok();
    }

    [Fact]
    public async Task A_restarted_server_adopts_its_running_containers_and_cleans_up_after_pods_deleted_meanwhile()
    {
        await using var server = await ServerProcess.StartAsync();
        using var k = new Kubectl(server.Kubeconfig);
        (await k.RunAsync(["apply", "-f", "-"], PodYaml("survivor", "echo started; sleep 3600", "Always"))).Ok();
        (await k.RunAsync(["apply", "-f", "-"], PodYaml("doomed", "sleep 3600", "Always", grace: 1))).Ok();
        foreach (var pod in new[] { "survivor", "doomed" })
        {
            await Eventually.WaitAsync(async () => (await k.RunAsync(["get", "pod", pod, "-o", "jsonpath={.status.phase}"])).Stdout, p => p == "Running", PodTimeout, pod);
        }
        var started = (await k.RunAsync(["get", "pod", "survivor", "-o", "jsonpath={.status.containerStatuses[0].state.running.startedAt}"])).Ok().Stdout;
        var doomedUid = (await k.RunAsync(["get", "pod", "doomed", "-o", "jsonpath={.metadata.uid}"])).Ok().Stdout;

        await server.KillAsync();
        await server.StartAgainAsync();
        // Deleted while no agent ran: a forced delete removes the object at once; the agent finds its leftovers.
        (await k.RunAsync(["delete", "pod", "doomed", "--force", "--grace-period=0"])).Ok();

        await Eventually.WaitAsync(async () => (await k.RunAsync(["get", "pod", "survivor", "-o", "jsonpath={.status.phase}"])).Stdout, p => p == "Running", PodTimeout, "survivor");
        Assert.Equal("0", (await k.RunAsync(["get", "pod", "survivor", "-o", "jsonpath={.status.containerStatuses[0].restartCount}"])).Ok().Stdout);
        Assert.Equal(started, (await k.RunAsync(["get", "pod", "survivor", "-o", "jsonpath={.status.containerStatuses[0].state.running.startedAt}"])).Ok().Stdout);
        // The restarted agent publishes its new streaming port when it registers again.
        Assert.Equal("started\n", await Eventually.WaitAsync(async () => (await k.RunAsync(["logs", "survivor"])).Stdout, l => l.Length > 0, PodTimeout, "logs after restart"));
        var node = Path.Combine(server.DataDir, "node");
        await Eventually.WaitAsync(() => Task.FromResult(Directory.Exists(Path.Combine(node, "pods", doomedUid))), exists => !exists, PodTimeout, "doomed pod's directory removed");
        Assert.False(File.Exists(Stowage.Node.Containers.PodSandbox.NamespacePath(doomedUid)), "the deleted pod's network namespace is removed");
        Assert.Empty(Directory.GetDirectories(Path.Combine(node, "containers"), doomedUid + "*"));
    }

    [Fact]
    public async Task Deleting_a_pod_stops_it_gracefully_and_leaves_no_container_mount_or_directory()
    {
        var ns = await NamespaceAsync("clean-delete");
        await ApplyAsync(ns, PodYaml("polite", "trap 'echo bye; exit 0' TERM; while true; do sleep 1; done", "Always", """
              volumes:
              - name: scratch
                emptyDir:
                  medium: Memory
                  sizeLimit: 8Mi
            """, """
                volumeMounts:
                - name: scratch
                  mountPath: /scratch
            """, grace: 30));
        await WaitPhaseAsync(ns, "polite", "Running");
        var uid = await JsonPathAsync(ns, "pod/polite", "{.metadata.uid}");
        Assert.NotEmpty(uid);
        Assert.Contains(File.ReadAllLines("/proc/self/mountinfo"), l => l.Contains(uid, StringComparison.Ordinal));
        var metrics = (await K.RunAsync(["get", "--raw", "/metrics"])).Ok().Stdout;
        Assert.Matches(@"stowage_pod_volume_capacity_bytes\{node=""[^""]+"",namespace=""clean-delete"",pod=""polite"",volume=""scratch""\} 8388608", metrics);

        var started = DateTime.UtcNow;
        (await K.RunAsync(["delete", "pod", "polite", "-n", ns, "--timeout=60s"])).Ok();
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(25), "a container that exits on SIGTERM is not held for its 30s grace period");

        Assert.DoesNotContain(File.ReadAllLines("/proc/self/mountinfo"), l => l.Contains(uid, StringComparison.Ordinal));
        var node = Path.Combine(_fixture.Server.DataDir, "node");
        Assert.False(Directory.Exists(Path.Combine(node, "pods", uid)), "the pod's directory is removed");
        Assert.Empty(Directory.Exists(Path.Combine(node, "containers")) ? Directory.GetDirectories(Path.Combine(node, "containers"), uid + "*") : []);
    }
}

/// <summary>Tests that run real containers share the machine's few CPUs: one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class RuncCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "runc";
}
