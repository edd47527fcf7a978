using Stowage.EndToEnd.Tests.Harness;

namespace Stowage.EndToEnd.Tests;

/// <summary>
/// The seeds' walkthroughs exactly as docs/walkthroughs.md tells a user to run them, with the real
/// kubectl (and the kubectl volume plugin) against a real stowage process whose node runs the pods
/// with runc. Each walkthrough has its own namespace and cleans up what it made, cluster-scoped
/// volumes included, with the commands the docs end with.
/// </summary>
[Collection(RuncCollection.Name)]
public sealed class WalkthroughTests : IClassFixture<ServerFixture>
{
    private const string Registry = "walkthroughs/registry/";
    private const string Mysql = "walkthroughs/mysql/";
    private const string Provisioning = "walkthroughs/provisioning/";

    // What the registry holds: a 3 MiB layer and an index that its httpd serves.
    private const string PushImage =
        "mkdir -p /registry/docker/registry/v2/blobs && dd if=/dev/urandom of=/registry/docker/registry/v2/blobs/layer.tar bs=1M count=3 2>/dev/null && echo busybox:latest > /registry/index.html";

    private readonly ServerFixture _fixture;

    public WalkthroughTests(ServerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Label_directed_matching_binds_the_claim_to_the_labelled_volume()
    {
        await using var walk = await Walkthrough.StartAsync(_fixture.Server, "microservices");
        try
        {
            (await walk.RunAsync("create", "-f", "pv0001.json")).Ok();
            (await walk.RunAsync("create", "-f", "pv0002.json")).Ok();
            Assert.Matches(@"(?m)^pv0002\s+5Gi\s+RWO\s+Retain\s+Available\s+<unset>\s+\d+s\s+<none>$", (await walk.RunAsync("get", "pv", "--show-labels")).Ok().Stdout);
            Assert.Equal("persistentvolume/pv0002 labeled\n", (await walk.RunAsync("label", "pv", "pv0002", "disktype=ssd")).Ok().Stdout);
            Assert.Matches(@"(?m)^pv0002\s+5Gi\s+RWO\s+Retain\s+Available\s+<unset>\s+\d+s\s+disktype=ssd$", (await walk.RunAsync("get", "pv", "--show-labels")).Ok().Stdout);

            (await walk.RunAsync("create", "-f", "pvc0002.json")).Ok();
            await walk.WaitForAsync("pvc/pvc0002", "{.status.phase}", "Bound");
            var labelled = (await walk.RunAsync("get", "pv", "--show-labels")).Ok().Stdout;
            Assert.Matches(@"(?m)^pv0001\s+5Gi\s+RWO\s+Retain\s+Available\s+<unset>\s+\d+s\s+<none>$", labelled);
            Assert.Matches(@"(?m)^pv0002\s+5Gi\s+RWO\s+Retain\s+Bound\s+microservices/pvc0002\s+<unset>\s+\d+s\s+disktype=ssd$", labelled);

            (await walk.RunAsync("create", "-f", "walkthroughs/labels/pvc0003.yaml")).Ok();
            await walk.WaitForAsync("pvc/pvc0003", "{.status.phase}", "Bound");
            var claims = (await walk.RunAsync("get", "pvc")).Ok().Stdout;
            Assert.Matches(@"(?m)^pvc0002\s+Bound\s+pv0002\s+5Gi\s+RWO\s+<unset>\s+\d+s$", claims);
            Assert.Matches(@"(?m)^pvc0003\s+Bound\s+pv0001\s+5Gi\s+RWO\s+<unset>\s+\d+s$", claims);
        }
        finally
        {
            await CleanUpAsync(walk, "microservices", "pv0001", "pv0002");
        }
    }

    [Fact]
    public async Task Two_containers_share_an_emptyDir_and_the_reader_logs_hello_world()
    {
        await using var walk = await Walkthrough.StartAsync(_fixture.Server, "emptydir");
        try
        {
            (await walk.RunAsync("create", "-f", "test-pd.yaml")).Ok();
            await walk.WaitForAsync("pod/test-pd", "{.status.phase}", "Running");
            Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\ntest-pd\s+2/2\s+Running\s+0\s+\d+s\n$", (await walk.RunAsync("get", "pod", "test-pd")).Ok().Stdout);
            var logs = await Eventually.WaitAsync(async () => (await walk.Kubectl.RunAsync(["logs", "test-pd", "-c", "read-conta"])).Stdout,
                l => l.Length > 0, TimeSpan.FromSeconds(60), "read-conta's log");
            Assert.Equal("hello world\n", logs);
            Assert.Equal("hello world\n", (await walk.RunAsync("logs", "test-pd", "-c", "read-conta")).Ok().Stdout);

            // Where the emptyDir is on the node, as the seed finds it under /var/lib/kubelet/pods.
            var uid = (await walk.RunAsync("get", "pod", "test-pd", "-o", "jsonpath={.metadata.uid}")).Ok().Stdout;
            var onNode = Path.Combine(_fixture.Server.DataDir, "node", "pods", uid, "volumes", "kubernetes.io~empty-dir", "cache-volume", "hello");
            Assert.Equal("hello world\n", await File.ReadAllTextAsync(onNode));
            Assert.Equal("pod \"test-pd\" deleted\n", (await walk.RunAsync("delete", "pod", "test-pd", "--now")).Ok().Stdout);
            Assert.False(File.Exists(onNode), "the emptyDir goes with its pod");
        }
        finally
        {
            await CleanUpAsync(walk, "emptydir");
        }
    }

    [Fact]
    public async Task The_registry_loses_its_data_with_its_pod_until_its_volume_is_switched_to_a_claim()
    {
        await using var walk = await Walkthrough.StartAsync(_fixture.Server, "registry");
        using var plugin = await KubectlPlugin.InstallAsync(walk.Kubeconfig);
        async Task<KubectlResult> Volume(params string[] args) => walk.Record("kubectl volume " + string.Join(' ', args), await plugin.VolumeAsync(args));
        try
        {
            (await walk.RunAsync("create", "-f", Registry + "docker-registry.yaml")).Ok();
            (await walk.RunAsync("rollout", "status", "deploy/docker-registry")).Ok();
            var first = await walk.OnlyPodAsync("deployment=docker-registry");
            Assert.Equal("deployments/docker-registry\n  empty directory as registry-storage\n    mounted at /registry\n",
                (await Volume("deploy/docker-registry", "--all")).Ok().Stdout);

            // Push something, and see the registry serve it.
            (await walk.RunAsync("exec", "deploy/docker-registry", "--", "sh", "-c", PushImage)).Ok();
            Assert.Equal("3.0M\t/registry\n", (await walk.RunAsync("exec", "deploy/docker-registry", "--", "du", "-sh", "/registry")).Ok().Stdout);
            Assert.Equal("busybox:latest\n", (await walk.RunAsync("exec", "deploy/docker-registry", "--", "wget", "-qO-", "http://127.0.0.1:5000/index.html")).Ok().Stdout);

            // Back it up (the seeds: oc rsync).
            var backup = Path.Combine(walk.Scratch, "registry-backup");
            Directory.CreateDirectory(backup);
            (await walk.RunAsync("cp", $"{first}:/registry", Path.Combine(backup, "registry"))).Ok();
            Assert.Equal(3 * 1024 * 1024, new FileInfo(Path.Combine(backup, "registry", "docker", "registry", "v2", "blobs", "layer.tar")).Length);
            Assert.Equal("busybox:latest\n", await File.ReadAllTextAsync(Path.Combine(backup, "registry", "index.html")));

            // The storage, its volume and the claim.
            var storage = Path.Combine(walk.HostRoot, "pv0001");
            Directory.CreateDirectory(storage);
            (await walk.CreateAsync("create", Registry + "pv.json")).Ok();
            Assert.Matches(@"(?m)^pv0001\s+5Gi\s+RWO\s+Retain\s+Available\s+<unset>\s+\d+s$", (await walk.RunAsync("get", "pv")).Ok().Stdout);
            (await walk.RunAsync("create", "-f", Registry + "pvc.json")).Ok();
            await walk.WaitForAsync("pvc/docker-registry-claim", "{.status.phase}", "Bound");
            Assert.Matches(@"(?m)^docker-registry-claim\s+Bound\s+pv0001\s+5Gi\s+RWO\s+<unset>\s+\d+s$", (await walk.RunAsync("get", "pvc")).Ok().Stdout);
            Assert.Matches(@"(?m)^pv0001\s+5Gi\s+RWO\s+Retain\s+Bound\s+registry/docker-registry-claim\s+<unset>\s+\d+s$", (await walk.RunAsync("get", "pv")).Ok().Stdout);

            // Restore the backup onto the volume before the registry uses it, as the seeds do
            // (they copy onto the NFS export; here a helper pod mounts the claim).
            (await walk.RunAsync("create", "-f", Registry + "registry-restore.yaml")).Ok();
            (await walk.RunAsync("wait", "--for=condition=Ready", "pod/registry-restore", "--timeout=60s")).Ok();
            (await walk.RunAsync("cp", Path.Combine(backup, "registry") + "/.", "registry-restore:/registry")).Ok();
            Assert.Equal("3.0M\t/registry\n", (await walk.RunAsync("exec", "registry-restore", "--", "du", "-sh", "/registry")).Ok().Stdout);
            Assert.Equal("busybox:latest\n", await File.ReadAllTextAsync(Path.Combine(storage, "index.html")));
            (await walk.RunAsync("delete", "pod", "registry-restore")).Ok();

            // The registry's pod is deleted; its replica set makes a new one, whose emptyDir is empty.
            Assert.Equal($"pod \"{first}\" deleted\n", (await walk.RunAsync("delete", "pod", first)).Ok().Stdout);
            (await walk.RunAsync("rollout", "status", "deploy/docker-registry")).Ok();
            var second = await walk.OnlyPodAsync("deployment=docker-registry", first);
            Assert.Matches(@"(?m)^docker-registry-\S+\s+1/1\s+Running\s+0\s+\d+s$", (await walk.RunAsync("get", "pod")).Ok().Stdout);
            Assert.Equal("4.0K\t/registry\n", (await walk.RunAsync("exec", "deploy/docker-registry", "--", "du", "-sh", "/registry")).Ok().Stdout);
            Assert.Equal("", (await walk.RunAsync("exec", "deploy/docker-registry", "--", "ls", "-A", "/registry")).Ok().Stdout);

            // Switch registry-storage to the claim: the deployment rolls out a pod that finds the data.
            Assert.Equal("deployment.apps/docker-registry volume updated\n",
                (await Volume("deploy/docker-registry", "--add", "--name=registry-storage", "-t", "pvc", "--claim-name=docker-registry-claim", "--overwrite")).Ok().Stdout);
            (await walk.RunAsync("rollout", "status", "deploy/docker-registry")).Ok();
            await walk.OnlyPodAsync("deployment=docker-registry", first, second);
            Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\ndocker-registry-\S+\s+1/1\s+Running\s+0\s+\d+s\n$", (await walk.RunAsync("get", "pod")).Ok().Stdout);
            Assert.Equal("3.0M\t/registry\n", (await walk.RunAsync("exec", "deploy/docker-registry", "--", "du", "-sh", "/registry")).Ok().Stdout);
            Assert.Equal("busybox:latest\n", (await walk.RunAsync("exec", "deploy/docker-registry", "--", "wget", "-qO-", "http://127.0.0.1:5000/index.html")).Ok().Stdout);
            Assert.Equal("deployments/docker-registry\n  pvc/docker-registry-claim (allocated 5GiB) as registry-storage\n    mounted at /registry\n",
                (await Volume("deploy/docker-registry", "--all")).Ok().Stdout);
        }
        finally
        {
            await CleanUpAsync(walk, "registry", "pv0001");
        }
    }

    [Fact]
    public async Task The_registry_of_a_replication_controller_finds_the_data_copied_onto_its_storage_once_its_pod_is_replaced()
    {
        await using var walk = await Walkthrough.StartAsync(_fixture.Server, "registry-rc");
        using var plugin = await KubectlPlugin.InstallAsync(walk.Kubeconfig);
        async Task<KubectlResult> Volume(params string[] args) => walk.Record("kubectl volume " + string.Join(' ', args), await plugin.VolumeAsync(args));
        try
        {
            (await walk.RunAsync("create", "-f", Registry + "docker-registry-rc.yaml")).Ok();
            var first = await walk.OnlyPodAsync("deploymentconfig=docker-registry");

            // The seeds' restore: the backup goes straight onto the storage (cp -r backup/registry/. DIR).
            var storage = Path.Combine(walk.HostRoot, "pv0001");
            Directory.CreateDirectory(Path.Combine(storage, "docker", "registry", "v2"));
            await File.WriteAllTextAsync(Path.Combine(storage, "index.html"), "busybox:latest\n");
            (await walk.CreateAsync("create", Registry + "pv.json")).Ok();
            (await walk.RunAsync("create", "-f", Registry + "pvc.json")).Ok();
            await walk.WaitForAsync("pvc/docker-registry-claim", "{.status.phase}", "Bound");

            Assert.Equal("replicationcontroller/docker-registry volume updated\n",
                (await Volume("rc/docker-registry", "--add", "--name=registry-storage", "-t", "pvc", "--claim-name=docker-registry-claim", "--overwrite")).Ok().Stdout);
            // A replication controller does not roll out: its running pod keeps the emptyDir...
            Assert.Equal("", (await walk.RunAsync("exec", first, "--", "ls", "-A", "/registry")).Ok().Stdout);
            // ...and the pod that replaces it has the claim.
            (await walk.RunAsync("delete", "pod", first)).Ok();
            var second = await walk.OnlyPodAsync("deploymentconfig=docker-registry", first);
            (await walk.RunAsync("wait", "--for=condition=Ready", "pod/" + second, "--timeout=60s")).Ok();
            Assert.Equal("busybox:latest\n", (await walk.RunAsync("exec", second, "--", "wget", "-qO-", "http://127.0.0.1:5000/index.html")).Ok().Stdout);
            Assert.Equal("replicationcontrollers/docker-registry\n  pvc/docker-registry-claim (allocated 5GiB) as registry-storage\n    mounted at /registry\n",
                (await Volume("rc/docker-registry", "--all")).Ok().Stdout);
        }
        finally
        {
            await CleanUpAsync(walk, "registry-rc", "pv0001");
        }
    }

    [Fact]
    public async Task A_database_deployment_finds_its_rows_after_its_pod_is_replaced()
    {
        await using var walk = await Walkthrough.StartAsync(_fixture.Server, "mysql");
        try
        {
            (await walk.CreateAsync("apply", Mysql + "mysql-pv.yml")).Ok();
            (await walk.RunAsync("apply", "-f", Mysql + "mysql-pvc.yml")).Ok();
            await walk.WaitForAsync("pvc/mysql-pvc", "{.status.phase}", "Bound");
            var bound = (await walk.RunAsync("get", "pv,pvc")).Ok().Stdout;
            Assert.Matches(@"(?m)^persistentvolume/mysql-pv\s+1Gi\s+RWO\s+Retain\s+Bound\s+mysql/mysql-pvc\s+manual\s+<unset>\s+\d+s$", bound);
            Assert.Matches(@"(?m)^persistentvolumeclaim/mysql-pvc\s+Bound\s+mysql-pv\s+1Gi\s+RWO\s+manual\s+<unset>\s+\d+s$", bound);

            (await walk.RunAsync("apply", "-f", Mysql + "mysql.yml")).Ok();
            (await walk.RunAsync("rollout", "status", "deploy/mysql")).Ok();
            var first = await walk.OnlyPodAsync("app=mysql");
            Assert.Equal($"mysqld on {first} ready, table my_id has 0 rows\n", await LogAsync(walk, "deploy/mysql"));
            (await walk.RunAsync("exec", "deploy/mysql", "--", "sh", "-c", "echo 111 >> /var/lib/mysql/my_id")).Ok();
            (await walk.RunAsync("exec", "deploy/mysql", "--", "sh", "-c", "echo 222 >> /var/lib/mysql/my_id")).Ok();
            Assert.Equal("111\n222\n", (await walk.RunAsync("exec", "deploy/mysql", "--", "cat", "/var/lib/mysql/my_id")).Ok().Stdout);

            // The seed powers its node off; with one node, the pod is taken away instead.
            Assert.Equal($"pod \"{first}\" deleted\n", (await walk.RunAsync("delete", "pod", "-l", "app=mysql")).Ok().Stdout);
            (await walk.RunAsync("rollout", "status", "deploy/mysql")).Ok();
            var second = await walk.OnlyPodAsync("app=mysql", first);
            Assert.Matches($@"(?m)^{second}\s+1/1\s+Running\s+0\s+\d+s$", (await walk.RunAsync("get", "pod")).Ok().Stdout);
            Assert.Equal($"mysqld on {second} ready, table my_id has 2 rows\n", await LogAsync(walk, "deploy/mysql"));
            Assert.Equal("111\n222\n", (await walk.RunAsync("exec", "deploy/mysql", "--", "cat", "/var/lib/mysql/my_id")).Ok().Stdout);
            Assert.Equal("111\n222\n", await File.ReadAllTextAsync(Path.Combine(walk.HostRoot, "mysql-pv", "my_id")));
        }
        finally
        {
            await CleanUpAsync(walk, "mysql", "mysql-pv");
        }
    }

    [Fact]
    public async Task Claims_naming_a_class_get_volumes_of_their_size_on_demand()
    {
        await using var walk = await Walkthrough.StartAsync(_fixture.Server, "provisioning");
        try
        {
            Assert.Matches(@"(?m)^local \(default\)\s+stowage\.io/local\s+Delete\s+Immediate\s+true\s+\S+$", (await walk.RunAsync("get", "sc")).Ok().Stdout);
            (await walk.RunAsync("create", "-f", Provisioning + "sc-standard.yaml")).Ok();
            Assert.Matches(@"(?m)^standard\s+stowage\.io/local\s+Retain\s+Immediate\s+true\s+\d+s$", (await walk.RunAsync("get", "sc")).Ok().Stdout);

            (await walk.RunAsync("create", "-f", Provisioning + "claims.yaml")).Ok();
            await walk.WaitForAsync("pvc/data", "{.status.phase}", "Bound");
            await walk.WaitForAsync("pvc/kept", "{.status.phase}", "Bound");
            var claims = (await walk.RunAsync("get", "pvc")).Ok().Stdout;
            Assert.Matches(@"(?m)^data\s+Bound\s+pvc-[0-9a-f-]{36}\s+64Mi\s+RWO\s+local\s+<unset>\s+\d+s$", claims);
            Assert.Matches(@"(?m)^kept\s+Bound\s+pvc-[0-9a-f-]{36}\s+32Mi\s+RWO\s+standard\s+<unset>\s+\d+s$", claims);
            var volumes = (await walk.RunAsync("get", "pv", "--show-labels")).Ok().Stdout;
            Assert.Matches(@"(?m)^pvc-[0-9a-f-]{36}\s+64Mi\s+RWO\s+Delete\s+Bound\s+provisioning/data\s+local\s+<unset>\s+\d+s\s+<none>$", volumes);
            Assert.Matches(@"(?m)^pvc-[0-9a-f-]{36}\s+32Mi\s+RWO\s+Retain\s+Bound\s+provisioning/kept\s+standard\s+<unset>\s+\d+s\s+tier=standard$", volumes);

            (await walk.RunAsync("create", "-f", Provisioning + "writer.yaml")).Ok();
            (await walk.RunAsync("wait", "--for=condition=Ready", "pod/writer", "--timeout=60s")).Ok();
            var df = (await walk.RunAsync("exec", "writer", "--", "df", "-h", "/data", "/kept")).Ok().Stdout;
            Assert.Matches(@"(?m)^/dev/loop\d+\s+64\.0M\s+.*\s/data$", df);
            Assert.Matches(@"(?m)^/dev/loop\d+\s+32\.0M\s+.*\s/kept$", df);
            var full = await walk.RunAsync("exec", "writer", "--", "dd", "if=/dev/zero", "of=/data/big", "bs=1M", "count=100");
            Assert.Equal(1, full.ExitCode);
            Assert.Contains("dd: error writing '/data/big': No space left on device", full.Stderr, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^/dev/loop\d+\s+64\.0M\s+6\d\.\d+M\s+.*\s+9\d%\s+/data$", (await walk.RunAsync("exec", "writer", "--", "df", "-h", "/data")).Ok().Stdout);

            // Deleting the claims: local's volume goes (Delete), standard's stays Released (Retain).
            (await walk.RunAsync("delete", "pod", "writer")).Ok();
            (await walk.RunAsync("delete", "pvc", "data", "kept")).Ok();
            await Eventually.WaitAsync(async () => (await walk.Kubectl.RunAsync(["get", "pv", "--no-headers"])).Stdout,
                l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries) is [var only] && only.Contains("Released", StringComparison.Ordinal),
                TimeSpan.FromSeconds(60), "only the retained volume left");
            Assert.Matches(@"^NAME\s+CAPACITY\s.*\npvc-[0-9a-f-]{36}\s+32Mi\s+RWO\s+Retain\s+Released\s+provisioning/kept\s+standard\s+<unset>\s+\d+s\n$",
                (await walk.RunAsync("get", "pv")).Ok().Stdout);
        }
        finally
        {
            await CleanUpAsync(walk, "provisioning");
            (await walk.RunAsync("delete", "pv", "-l", "tier=standard")).Ok();
            (await walk.RunAsync("delete", "sc", "standard", "--ignore-not-found")).Ok();
        }
    }

    private static async Task<string> LogAsync(Walkthrough walk, string target)
    {
        await Eventually.WaitAsync(async () => (await walk.Kubectl.RunAsync(["logs", target])).Stdout, l => l.Length > 0, TimeSpan.FromSeconds(60), "a log line");
        return (await walk.RunAsync("logs", target)).Ok().Stdout;
    }

    /// <summary>
    /// The docs' clean-up: the namespace (with its pods and claims), then the volumes. It runs in
    /// finally blocks, so a volume that a failed walkthrough never made is no further failure.
    /// </summary>
    private static async Task CleanUpAsync(Walkthrough walk, string ns, params string[] volumes)
    {
        (await walk.RunAsync("config", "set-context", "--current", "--namespace=default")).Ok();
        (await walk.RunAsync("delete", "namespace", ns)).Ok();
        if (volumes.Length > 0)
        {
            var deleted = await walk.RunAsync(["delete", "pv", .. volumes]);
            Assert.True(deleted.ExitCode == 0 || deleted.Stderr.Contains("NotFound", StringComparison.Ordinal), deleted.Stderr);
        }
    }
}
