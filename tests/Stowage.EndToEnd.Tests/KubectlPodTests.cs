using System.Text.RegularExpressions;
using Stowage.EndToEnd.Tests.Harness;

namespace Stowage.EndToEnd.Tests;

/// <summary>
/// Pods and nodes with the real kubectl against a real stowage process: kubectl run, get (wide, all,
/// short names, field selectors), describe, the seeds' emptyDir and claim pods, describe pvc's
/// "Used By", strategic merge patches of images, the pod update rule, nodes and cordon.
/// </summary>
public sealed class KubectlPodTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public KubectlPodTests(ServerFixture fixture) => _fixture = fixture;

    private Kubectl K => _fixture.Kubectl;

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Run_creates_a_pod_that_the_node_runs_and_get_pods_shows_with_the_1_32_columns()
    {
        Assert.Equal("pod/web created\n", (await K.RunAsync("run web --image=busybox --restart=Never -- sleep 3600")).Ok().Stdout);

        await Eventually.WaitAsync(async () => (await K.RunAsync(["get", "pod", "web", "-o", "jsonpath={.status.phase}"])).Stdout, p => p == "Running",
            TimeSpan.FromSeconds(60), "web running");
        var lines = Lines((await K.RunAsync("get pods web")).Ok().Stdout);
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$", lines[0]);
        Assert.Matches(@"^web\s+1/1\s+Running\s+0\s+\d+s$", lines[1]);

        var wide = Lines((await K.RunAsync("get po web -o wide")).Ok().Stdout);
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$", wide[0]);
        Assert.Matches($@"^web\s+1/1\s+Running\s+0\s+\d+s\s+<none>\s+{Regex.Escape(Environment.MachineName.ToLowerInvariant())}\s+<none>\s+<none>$", wide[1]);

        var spec = (await K.RunAsync(["get", "pod", "web", "-o",
            "jsonpath={.spec.restartPolicy} {.spec.containers[0].args} {.spec.containers[0].imagePullPolicy} {.status.qosClass} {.metadata.labels.run}"])).Ok();
        Assert.Equal("Never [\"sleep\",\"3600\"] Always BestEffort web", spec.Stdout);
    }

    [Fact]
    public async Task Get_all_lists_pods_through_the_all_category()
    {
        (await K.RunAsync("create namespace everything")).Ok();
        (await K.RunAsync("run lone --image=busybox --restart=Never -n everything")).Ok();
        var all = (await K.RunAsync("get all -n everything")).Ok().Stdout;
        Assert.Matches(@"(?m)^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$", all);
        Assert.Matches(@"(?m)^(pod/)?lone\s+[01]/1\s+\S+\s+0\s+\d+s$", all);
        var resources = (await K.RunAsync("api-resources")).Ok().Stdout;
        Assert.Matches(@"pods\s+po\s+v1\s+true\s+Pod", resources);
        Assert.Matches(@"nodes\s+no\s+v1\s+false\s+Node", resources);
    }

    [Fact]
    public async Task Describe_pod_shows_its_containers_qos_and_default_tolerations()
    {
        // A node selector no node matches keeps it Pending, with the scheduler's reason.
        (await K.RunAsync(["run", "described", "--image=busybox:1.36", "--restart=Never", "--overrides={\"spec\":{\"nodeSelector\":{\"disktype\":\"none\"}}}", "--", "sleep", "3600"])).Ok();
        var described = await Eventually.WaitAsync(async () => (await K.RunAsync("describe pod described")).Ok().Stdout,
            d => d.Contains("FailedScheduling", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "FailedScheduling");
        Assert.Matches(@"Warning\s+FailedScheduling\s+.*default-scheduler\s+0/\d+ nodes are available: .*\d+ node\(s\) didn't match Pod's node affinity/selector", described);
        Assert.Matches(@"Name:\s+described", described);
        Assert.Matches(@"Namespace:\s+default", described);
        Assert.Matches(@"Status:\s+Pending", described);
        Assert.Matches(@"Node:\s+<none>", described);
        Assert.Matches(@"Containers:\s+described:\s+Image:\s+busybox:1.36", described);
        Assert.Matches(@"QoS Class:\s+BestEffort", described);
        Assert.Matches(@"Tolerations:\s+node.kubernetes.io/not-ready:NoExecute op=Exists for 300s", described);
    }

    [Fact]
    public async Task The_seed_emptyDir_pod_is_created_with_its_volume_shared_by_two_containers()
    {
        Assert.Equal("pod/test-pd created\n", (await K.RunAsync("create -f test-pd.yaml")).Ok().Stdout);
        var volumes = (await K.RunAsync(["get", "pod", "test-pd", "-o", "jsonpath={.spec.volumes[0].name} {.spec.volumes[0].emptyDir}"])).Ok();
        Assert.Equal("cache-volume {}", volumes.Stdout);
        var mounts = (await K.RunAsync(["get", "pod", "test-pd", "-o", "jsonpath={range .spec.containers[*]}{.name}={.volumeMounts[0].name}:{.volumeMounts[0].mountPath} {end}"])).Ok();
        Assert.Equal("test-conta=cache-volume:/cache read-conta=cache-volume:/cache ", mounts.Stdout);
        Assert.Matches(@"(?m)^test-pd\s+[012]/2\s+\S+\s+0\s+\d+s$", (await K.RunAsync("get pods")).Ok().Stdout);
        var described = (await K.RunAsync("describe pod test-pd")).Ok().Stdout;
        Assert.Matches(@"cache-volume:\s+Type:\s+EmptyDir", described);
    }

    [Fact]
    public async Task Describe_pvc_shows_the_pods_that_mount_the_claim()
    {
        var applied = (await K.RunAsync("apply -f mypod1.yaml")).Ok().Stdout;
        Assert.Equal("persistentvolumeclaim/mypvc1 created\npod/mypod1 created\n", applied);
        Assert.Matches(@"Used By:\s+mypod1", (await K.RunAsync("describe pvc mypvc1")).Ok().Stdout);

        (await K.RunAsync("create -f claim1.yaml")).Ok();
        Assert.Matches(@"Used By:\s+<none>", (await K.RunAsync("describe pvc claim1")).Ok().Stdout);

        Assert.Equal("persistentvolumeclaim/mypvc1 unchanged\npod/mypod1 unchanged\n", (await K.RunAsync("apply -f mypod1.yaml")).Ok().Stdout);
    }

    [Fact]
    public async Task Nodes_show_Ready_or_NotReady_from_their_conditions_and_cordon_disables_scheduling()
    {
        Assert.Equal("node/node-1 created\nnode/node-2 created\n", (await K.RunAsync("create -f nodes.yaml")).Ok().Stdout);
        var lines = Lines((await K.RunAsync("get nodes")).Ok().Stdout);
        Assert.Matches(@"^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$", lines[0]);
        Assert.Matches(@"^node-1\s+Ready\s+control-plane\s+\d+s\s+v1.32.4$", lines[1]);
        Assert.Matches(@"^node-2\s+NotReady\s+<none>\s+\d+s\s*$", lines[2]);

        var wide = Lines((await K.RunAsync("get no -o wide")).Ok().Stdout);
        Assert.Matches(@"^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME$", wide[0]);
        Assert.Matches(@"^node-1\s+Ready\s+control-plane\s+\d+s\s+v1.32.4\s+192.168.1.10\s+<none>\s+Debian GNU/Linux 12 \(bookworm\)\s+6.1.0-13-amd64\s+runc://1.1.12$", wide[1]);

        Assert.Equal("node/node-2 cordoned\n", (await K.RunAsync("cordon node-2")).Ok().Stdout);
        Assert.Matches(@"(?m)^node-2\s+NotReady,SchedulingDisabled\s", (await K.RunAsync("get nodes")).Ok().Stdout);
        Assert.Equal("node/node-2\n", (await K.RunAsync("get nodes --field-selector spec.unschedulable=true -o name")).Ok().Stdout);

        var described = (await K.RunAsync("describe node node-1")).Ok().Stdout;
        Assert.Matches(@"Ready\s+True\s+.*KubeletReady", described);
        Assert.Matches(@"InternalIP:\s+192.168.1.10", described);
    }

    [Fact]
    public async Task Strategic_merge_patch_changes_a_container_image_but_not_other_fields()
    {
        (await K.RunAsync("run patched --image=busybox --restart=Never -- sleep 3600")).Ok();
        var patched = (await K.RunAsync(["patch", "pod", "patched", "-p", "{\"spec\":{\"containers\":[{\"name\":\"patched\",\"image\":\"busybox:1.36\"}]}}"])).Ok();
        Assert.Equal("pod/patched patched\n", patched.Stdout);
        Assert.Equal("busybox:1.36 [\"sleep\",\"3600\"]",
            (await K.RunAsync(["get", "pod", "patched", "-o", "jsonpath={.spec.containers[0].image} {.spec.containers[0].args}"])).Ok().Stdout);

        var setImage = (await K.RunAsync("set image pod/patched patched=busybox:1.37")).Ok();
        Assert.Equal("pod/patched image updated\n", setImage.Stdout);
        Assert.Equal("", setImage.Stderr);
        Assert.Equal("busybox:1.37", (await K.RunAsync(["get", "pod", "patched", "-o", "jsonpath={.spec.containers[0].image}"])).Ok().Stdout);

        var forbidden = (await K.RunAsync(["patch", "pod", "patched", "-p", "{\"spec\":{\"containers\":[{\"name\":\"patched\",\"args\":[\"sleep\",\"1\"]}]}}"])).Fails();
        Assert.Contains("The Pod \"patched\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`", forbidden.Stderr);
        var added = (await K.RunAsync(["patch", "pod", "patched", "-p", "{\"spec\":{\"containers\":[{\"name\":\"second\",\"image\":\"busybox\"}]}}"])).Fails();
        Assert.Contains("spec.containers: Forbidden: pod updates may not add or remove containers", added.Stderr);
    }

    [Fact]
    public async Task Invalid_pods_fail_with_Kubernetes_causes()
    {
        const string manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\nspec:\n  restartPolicy: Sometimes\n  containers:\n  - name: c\n    image: busybox\n    volumeMounts:\n    - name: x\n      mountPath: /x\n";
        var invalid = (await K.RunAsync(["create", "-f", "-"], manifest)).Fails();
        Assert.Contains("The Pod \"broken\" is invalid:", invalid.Stderr);
        Assert.Contains("spec.containers[0].volumeMounts[0].name: Not found: \"x\"", invalid.Stderr);
        Assert.Contains("spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"", invalid.Stderr);

        var unknown = (await K.RunAsync(["create", "-f", "-"], manifest.Replace("restartPolicy: Sometimes", "restartPolicy: Never\n  bogus: 1"))).Fails();
        Assert.Contains("strict decoding error: unknown field \"spec.bogus\"", unknown.Stderr);
    }

    [Fact]
    public async Task Delete_removes_a_pod_at_once_and_field_selectors_filter_pods()
    {
        (await K.RunAsync(["run", "gone", "--image=busybox", "--restart=Never", "--overrides={\"spec\":{\"nodeSelector\":{\"disktype\":\"none\"}}}"])).Ok();
        (await K.RunAsync("run stays --image=busybox")).Ok();
        var never = (await K.RunAsync("get pods --field-selector spec.restartPolicy=Never,status.phase=Pending -o name")).Ok().Stdout;
        Assert.Contains("pod/gone\n", never);
        Assert.DoesNotContain("pod/stays", never);
        Assert.Contains("pod/stays", (await K.RunAsync("get pods --field-selector spec.restartPolicy=Always -o name")).Ok().Stdout);

        Assert.Equal("pod \"gone\" deleted\n", (await K.RunAsync("delete pod gone")).Ok().Stdout);
        var again = (await K.RunAsync("get pod gone")).Fails();
        Assert.Contains("Error from server (NotFound): pods \"gone\" not found", again.Stderr);
    }

    [Fact]
    public async Task Explain_describes_pod_fields()
    {
        var explain = (await K.RunAsync("explain pod.spec.volumes.emptyDir")).Ok().Stdout;
        Assert.Contains("KIND:       Pod", explain);
        Assert.Contains("FIELD: emptyDir <EmptyDirVolumeSource>", explain);
        Assert.Contains("sizeLimit\t<Quantity>", explain);
        Assert.Matches(new Regex(@"mountPath\s+<string> -required-"), (await K.RunAsync("explain pod.spec.containers.volumeMounts")).Ok().Stdout);
    }
}
