using System.Text.RegularExpressions;
using Stowage.EndToEnd.Tests.Harness;

namespace Stowage.EndToEnd.Tests;

/// <summary>
/// Deployments, replica sets, replication controllers and cascading deletion with the real kubectl
/// against a real stowage process. Pods are reported ready by <see cref="SimulatedNode"/> in place
/// of the node agent.
/// </summary>
public sealed class KubectlWorkloadTests : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan RolloutTimeout = TimeSpan.FromSeconds(60);
    private readonly ServerFixture _fixture;

    public KubectlWorkloadTests(ServerFixture fixture) => _fixture = fixture;

    private Kubectl K => _fixture.Kubectl;

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private async Task<string> NamespaceAsync(string name)
    {
        (await K.RunAsync($"create namespace {name}")).Ok();
        return name;
    }

    private async Task<string> GetAsync(string ns, params string[] args) =>
        (await K.RunAsync([.. args, "-n", ns])).Ok().Stdout;

    [Fact]
    public async Task A_deployment_rolls_out_updates_rolls_back_scales_and_restarts()
    {
        var ns = await NamespaceAsync("rollout");
        await using var node = new SimulatedNode(_fixture.Server, ns);
        Assert.Equal("deployment.apps/web created\n", (await K.RunAsync($"create deployment web --image=nginx:1.25 --replicas=3 -n {ns}")).Ok().Stdout);

        var status = (await K.RunAsync(["rollout", "status", "deploy/web", "-n", ns, "--timeout=60s"], timeout: RolloutTimeout)).Ok().Stdout;
        Assert.EndsWith("deployment \"web\" successfully rolled out\n", status, StringComparison.Ordinal);
        var deploy = Lines(await GetAsync(ns, "get", "deploy", "web"));
        Assert.Matches(@"^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$", deploy[0]);
        Assert.Matches(@"^web\s+3/3\s+3\s+3\s+\d+s$", deploy[1]);
        var rs = Lines(await GetAsync(ns, "get", "rs", "-o", "wide"));
        Assert.Matches(@"^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$", rs[0]);
        Assert.Matches(@"^web-[bcdfghjklmnpqrstvwxz2456789]+\s+3\s+3\s+3\s+\d+s\s+nginx\s+nginx:1\.25\s+app=web,pod-template-hash=[a-z0-9]+$", rs[1]);
        var firstSet = rs[1].Split(' ')[0];

        (await K.RunAsync($"set image deploy/web nginx=nginx:1.26 -n {ns}")).Ok();
        (await K.RunAsync(["rollout", "status", "deploy/web", "-n", ns, "--timeout=60s"], timeout: RolloutTimeout)).Ok();
        var sets = await GetAsync(ns, "get", "rs", "-o", "jsonpath={range .items[*]}{.metadata.name}={.spec.replicas}/{.spec.template.spec.containers[0].image} {end}");
        Assert.Contains($"{firstSet}=0/nginx:1.25", sets, StringComparison.Ordinal);
        Assert.Matches(@"web-[a-z0-9]+=3/nginx:1\.26", sets);

        var history = await GetAsync(ns, "rollout", "history", "deploy/web");
        Assert.Matches(@"(?m)^REVISION\s+CHANGE-CAUSE$", history);
        Assert.Matches(@"(?m)^1\s+<none>$", history);
        Assert.Matches(@"(?m)^2\s+<none>$", history);
        Assert.Contains("Image:\tnginx:1.25", await GetAsync(ns, "rollout", "history", "deploy/web", "--revision=1"), StringComparison.Ordinal);

        Assert.Equal("deployment.apps/web rolled back\n", (await K.RunAsync($"rollout undo deploy/web -n {ns}")).Ok().Stdout);
        (await K.RunAsync(["rollout", "status", "deploy/web", "-n", ns, "--timeout=60s"], timeout: RolloutTimeout)).Ok();
        Assert.Equal("nginx:1.25", await GetAsync(ns, "get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}"));
        Assert.Equal("3", await GetAsync(ns, "get", "rs", firstSet, "-o", "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}"));

        Assert.Equal("deployment.apps/web scaled\n", (await K.RunAsync($"scale deploy/web --replicas=5 -n {ns}")).Ok().Stdout);
        await Eventually.WaitAsync(() => GetAsync(ns, "get", "deploy", "web", "-o", "jsonpath={.status.availableReplicas}"), s => s == "5", RolloutTimeout, "five available");
        Assert.Equal(5, Lines(await GetAsync(ns, "get", "pods", "--no-headers")).Length);

        (await K.RunAsync($"rollout restart deploy/web -n {ns}")).Ok();
        (await K.RunAsync(["rollout", "status", "deploy/web", "-n", ns, "--timeout=60s"], timeout: RolloutTimeout)).Ok();
        Assert.NotEmpty(await GetAsync(ns, "get", "deploy", "web", "-o", "jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}"));
        var conditions = await GetAsync(ns, "get", "deploy", "web", "-o", "jsonpath={range .status.conditions[*]}{.type}={.reason} {end}");
        Assert.Contains("Available=MinimumReplicasAvailable", conditions, StringComparison.Ordinal);
        Assert.Contains("Progressing=NewReplicaSetAvailable", conditions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replication_controller_replaces_a_deleted_pod_and_get_all_lists_the_workloads()
    {
        var ns = await NamespaceAsync("registry");
        const string manifest = """
            apiVersion: v1
            kind: ReplicationController
            metadata:
              name: registry
            spec:
              replicas: 2
              template:
                metadata:
                  labels: {app: registry}
                spec:
                  containers:
                  - name: registry
                    image: registry:2
            """;
        (await K.RunAsync(["apply", "-n", ns, "-f", "-"], manifest)).Ok();
        var pods = await Eventually.WaitAsync(() => GetAsync(ns, "get", "pods", "-o", "name"), s => Lines(s).Length == 2, what: "two pods");
        var victim = Lines(pods)[0];
        (await K.RunAsync($"delete {victim} -n {ns}")).Ok();
        await Eventually.WaitAsync(() => GetAsync(ns, "get", "pods", "-o", "name"),
            s => Lines(s).Length == 2 && !Lines(s).Contains(victim), what: "a replacement pod");

        var rc = Lines(await GetAsync(ns, "get", "rc"));
        Assert.Matches(@"^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE$", rc[0]);
        Assert.Matches(@"^registry\s+2\s+2\s+0\s+\d+s$", rc[1]);
        var owner = await GetAsync(ns, "get", victim == Lines(pods)[0] ? Lines(pods)[1] : victim, "-o", "jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}/{.metadata.ownerReferences[0].blockOwnerDeletion}");
        Assert.Equal("ReplicationController/registry/true", owner);

        (await K.RunAsync($"create deployment api --image=busybox -n {ns}")).Ok();
        var all = await Eventually.WaitAsync(() => GetAsync(ns, "get", "all"), s => s.Contains("replicaset.apps/api-", StringComparison.Ordinal), what: "get all");
        Assert.Matches(@"(?m)^replicationcontroller/registry\s+2\s+2\s+\d+\s+\d+s$", all);
        Assert.Matches(@"(?m)^deployment\.apps/api\s+\d/1\s+\d\s+\d\s+\d+s$", all);
        Assert.Matches(@"(?m)^pod/registry-[a-z0-9]{5}\s", all);
    }

    [Fact]
    public async Task Deleting_a_deployment_removes_its_replica_sets_and_pods_in_the_background()
    {
        var ns = await NamespaceAsync("background");
        (await K.RunAsync($"create deployment gone --image=busybox --replicas=2 -n {ns}")).Ok();
        await Eventually.WaitAsync(() => GetAsync(ns, "get", "pods", "-o", "name"), s => Lines(s).Length == 2, what: "two pods");
        Assert.Equal("deployment.apps \"gone\" deleted\n", (await K.RunAsync($"delete deploy gone -n {ns}")).Ok().Stdout);
        await Eventually.WaitAsync(() => GetAsync(ns, "get", "rs,pods", "-o", "name"), s => s.Length == 0, what: "replica sets and pods gone");
    }

    [Fact]
    public async Task Cascade_orphan_leaves_replica_sets_and_pods_without_owner_references()
    {
        var ns = await NamespaceAsync("orphans");
        (await K.RunAsync($"create deployment left --image=busybox --replicas=2 -n {ns}")).Ok();
        await Eventually.WaitAsync(() => GetAsync(ns, "get", "pods", "-o", "name"), s => Lines(s).Length == 2, what: "two pods");
        (await K.RunAsync($"delete deploy left --cascade=orphan -n {ns}")).Ok();
        Assert.Equal("", await GetAsync(ns, "get", "deploy", "-o", "name"));
        var owners = await Eventually.WaitAsync(() => GetAsync(ns, "get", "rs", "-o", "jsonpath={range .items[*]}{.metadata.name}:{.metadata.ownerReferences}{end}"),
            s => Regex.IsMatch(s, @"^left-[a-z0-9]+:$"), what: "the replica set orphaned");
        Assert.Matches(@"^left-[a-z0-9]+:$", owners);
        // The replica set still owns its pods, and keeps them.
        Assert.Equal(2, Lines(await GetAsync(ns, "get", "pods", "-o", "name")).Length);
    }

    [Fact]
    public async Task Cascade_foreground_keeps_the_deployment_until_its_dependents_are_gone()
    {
        var ns = await NamespaceAsync("foreground");
        (await K.RunAsync($"create deployment held --image=busybox -n {ns}")).Ok();
        var pod = Lines(await Eventually.WaitAsync(() => GetAsync(ns, "get", "pods", "-o", "name"), s => Lines(s).Length == 1, what: "a pod"))[0];
        // A finalizer on the pod holds its deletion, and with it the whole foreground deletion.
        (await K.RunAsync(["patch", pod, "-n", ns, "--type=merge", "-p", """{"metadata":{"finalizers":["example.com/hold"]}}"""])).Ok();
        (await K.RunAsync($"delete deploy held --cascade=foreground --wait=false -n {ns}")).Ok();

        await Eventually.WaitAsync(() => GetAsync(ns, "get", pod, "-o", "jsonpath={.metadata.deletionTimestamp}"), s => s.Length > 0, what: "the pod being deleted");
        Assert.Equal("foregroundDeletion", await GetAsync(ns, "get", "deploy", "held", "-o", "jsonpath={.metadata.finalizers[0]}"));
        Assert.Equal("foregroundDeletion", await GetAsync(ns, "get", "rs", "-o", "jsonpath={.items[0].metadata.finalizers[0]}"));

        (await K.RunAsync(["patch", pod, "-n", ns, "--type=merge", "-p", """{"metadata":{"finalizers":null}}"""])).Ok();
        await Eventually.WaitAsync(() => GetAsync(ns, "get", "deploy,rs,pods", "-o", "name"), s => s.Length == 0, what: "everything gone");
    }
}
