using Stowage.EndToEnd.Tests.Harness;

namespace Stowage.EndToEnd.Tests;

/// <summary>
/// The kubectl-volume plugin (OpenShift's <c>oc set volume</c>, which the seeds call <c>oc volume</c>),
/// installed with <c>stowage plugin install</c> and run by the real kubectl as <c>kubectl volume</c>.
/// </summary>
public sealed class KubectlVolumeTests : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private readonly ServerFixture _fixture;
    private KubectlPlugin? _plugin;

    public KubectlVolumeTests(ServerFixture fixture) => _fixture = fixture;

    private Kubectl K => _fixture.Kubectl;

    private KubectlPlugin Plugin => _plugin ?? throw new InvalidOperationException("not installed");

    public async Task InitializeAsync() => _plugin = await KubectlPlugin.InstallAsync(_fixture.Server.Kubeconfig);

    public Task DisposeAsync()
    {
        _plugin?.Dispose();
        return Task.CompletedTask;
    }

    private async Task WaitBoundAsync(string claim, string ns = "default") =>
        await Eventually.WaitAsync(async () => (await K.RunAsync(["get", "pvc", claim, "-n", ns, "-o", "jsonpath={.status.phase}"])).Stdout,
            phase => phase == "Bound", TimeSpan.FromSeconds(30), $"claim {claim} Bound");

    [Fact]
    public async Task Install_puts_the_plugin_where_kubectl_finds_it()
    {
        Assert.StartsWith($"installed {Path.Combine(Plugin.BinDir, "kubectl-volume")}\n", Plugin.InstallOutput, StringComparison.Ordinal);
        var list = await Plugin.KubectlAsync("plugin", "list");
        Assert.Contains(Path.Combine(Plugin.BinDir, "kubectl-volume"), list.Stdout, StringComparison.Ordinal);
        Assert.Contains("kubectl volume RESOURCE/NAME", (await Plugin.VolumeAsync("--help")).Ok().Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_the_volumes_of_the_seed_emptyDir_pod_as_oc_does()
    {
        (await K.RunAsync("create -f test-pd.yaml")).Ok();
        var listed = (await Plugin.VolumeAsync("pod/test-pd --all")).Ok();
        Assert.Equal("""
            pods/test-pd
              empty directory as cache-volume
                mounted at /cache in container test-conta
                mounted at /cache in container read-conta

            """, listed.Stdout);
        Assert.Equal(listed.Stdout, (await Plugin.VolumeAsync("po test-pd -n default")).Ok().Stdout);
        Assert.Equal("pods/test-pd\n  empty directory as cache-volume\n    mounted at /cache in container read-conta\n",
            (await Plugin.VolumeAsync("pods --all --containers=read-*")).Ok().Stdout);
    }

    [Fact]
    public async Task Lists_a_claim_with_its_allocation_once_bound()
    {
        (await K.RunAsync("create namespace registry")).Ok();
        (await K.RunAsync("create -f pvc-registry.json -n registry")).Ok();
        await WaitBoundAsync("docker-registry-claim", "registry");
        (await K.RunAsync("create -n registry -f -", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: docker-registry-1-blpar
            spec:
              containers:
              - name: registry
                image: busybox
                volumeMounts:
                - name: registry-storage
                  mountPath: /registry
                - name: config
                  mountPath: /etc/registry
              volumes:
              - name: registry-storage
                persistentVolumeClaim:
                  claimName: docker-registry-claim
              - name: config
                secret:
                  secretName: registry-config
              - name: missing
                persistentVolumeClaim:
                  claimName: not-there
            """)).Ok();
        var listed = (await Plugin.VolumeAsync("pod/docker-registry-1-blpar --all -n registry")).Ok();
        Assert.Equal("""
            pods/docker-registry-1-blpar
              pvc/docker-registry-claim (allocated 3GiB) as registry-storage
                mounted at /registry
              secret/registry-config as config
                mounted at /etc/registry
              pvc/not-there (does not exist) as missing

            """, listed.Stdout);
    }

    [Fact]
    public async Task Errors_read_as_kubectls()
    {
        var missing = (await Plugin.VolumeAsync("pod/nope")).Fails();
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("Error from server (NotFound): pods \"nope\" not found\n", missing.Stderr);

        Assert.Equal("error: must provide --confirm for removing more than one volume\n", (await Plugin.VolumeAsync("pod/nope --remove")).Fails().Stderr);
        Assert.Equal("error: the server doesn't have a resource type \"pvc\"\n", (await Plugin.VolumeAsync("pvc/x")).Fails().Stderr);
    }

    [Fact]
    public async Task A_pods_volumes_cannot_be_changed()
    {
        (await K.RunAsync("run fixed --image=busybox --restart=Never -- sleep 3600")).Ok();
        var refused = (await Plugin.VolumeAsync("pod/fixed --add --name=data -m /data")).Fails();
        Assert.StartsWith("error: pods/fixed the volumes of a pod cannot be changed once it is created", refused.Stderr, StringComparison.Ordinal);
    }

    [ServedFact("", "v1", "replicationcontrollers")]
    public async Task The_seed_registry_switches_its_emptyDir_to_a_claim_and_keeps_the_mount_path()
    {
        // Seed 000 "实战：持久化的镜像仓库" and seed 001 §5, with a ReplicationController for the DeploymentConfig.
        (await K.RunAsync("create -f -", """
            apiVersion: v1
            kind: ReplicationController
            metadata:
              name: docker-registry
            spec:
              replicas: 1
              selector:
                app: docker-registry
              template:
                metadata:
                  labels:
                    app: docker-registry
                spec:
                  containers:
                  - name: registry
                    image: busybox
                    command: ["sleep", "3600"]
                    volumeMounts:
                    - name: registry-storage
                      mountPath: /registry
                  volumes:
                  - name: registry-storage
                    emptyDir: {}
            """)).Ok();
        Assert.Equal("replicationcontrollers/docker-registry\n  empty directory as registry-storage\n    mounted at /registry\n",
            (await Plugin.VolumeAsync("rc/docker-registry --all")).Ok().Stdout);

        (await K.RunAsync("create -f pvc-registry.json")).Ok();
        await WaitBoundAsync("docker-registry-claim");
        var exists = (await Plugin.VolumeAsync("rc/docker-registry --add --name=registry-storage -t pvc --claim-name=docker-registry-claim")).Fails();
        Assert.Equal("error: replicationcontrollers/docker-registry volume 'registry-storage' already exists. Use --overwrite to replace\n", exists.Stderr);

        var updated = (await Plugin.VolumeAsync("rc/docker-registry --add --name=registry-storage -t pvc --claim-name=docker-registry-claim --overwrite")).Ok();
        Assert.Equal("replicationcontroller/docker-registry volume updated\n", updated.Stdout);
        Assert.Equal("replicationcontrollers/docker-registry\n  pvc/docker-registry-claim (allocated 3GiB) as registry-storage\n    mounted at /registry\n",
            (await Plugin.VolumeAsync("rc/docker-registry --all")).Ok().Stdout);
        var template = (await K.RunAsync(["get", "rc", "docker-registry", "-o",
            "jsonpath={.spec.template.spec.volumes[0].persistentVolumeClaim.claimName} {.spec.template.spec.containers[0].volumeMounts[0].mountPath}"])).Ok();
        Assert.Equal("docker-registry-claim /registry", template.Stdout);

        Assert.Equal("replicationcontroller/docker-registry volume updated\n",
            (await Plugin.VolumeAsync("rc/docker-registry --remove --name=registry-storage")).Ok().Stdout);
        Assert.Equal("replicationcontrollers/docker-registry\n", (await Plugin.VolumeAsync("rc/docker-registry")).Ok().Stdout);
    }

    [ServedFact("apps", "v1", "deployments")]
    public async Task A_deployment_gets_a_new_claim_and_loses_its_volumes()
    {
        (await K.RunAsync("create deployment web --image=busybox -- sleep 3600")).Ok();
        var dryRun = (await Plugin.VolumeAsync("deploy/web --add --name=data --claim-name=web-data --claim-size=1Gi -m /data --dry-run=client -o yaml")).Ok();
        Assert.Contains("kind: PersistentVolumeClaim", dryRun.Stdout, StringComparison.Ordinal);
        Assert.Contains("claimName: web-data", dryRun.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(0, (await K.RunAsync("get pvc web-data")).ExitCode);

        var added = (await Plugin.VolumeAsync("deploy/web --add --name=data --claim-name=web-data --claim-size=1Gi -m /data")).Ok();
        Assert.Equal("persistentvolumeclaim/web-data created\ndeployment.apps/web volume updated\n", added.Stdout);
        (await K.RunAsync("get pvc web-data")).Ok();

        var note = (await Plugin.VolumeAsync("dc/web --all")).Ok();
        Assert.Equal("deployments/web\n  pvc/web-data (waiting for 1GiB allocation) as data\n    mounted at /data\n",
            note.Stdout.Replace("(allocated 1GiB)", "(waiting for 1GiB allocation)", StringComparison.Ordinal));
        Assert.Contains("DeploymentConfigs", note.Stderr, StringComparison.Ordinal);

        Assert.Equal("deployment.apps/web volume updated\n", (await Plugin.VolumeAsync("deployments/web --remove --all --confirm")).Ok().Stdout);
        Assert.Equal("deployments/web\n", (await Plugin.VolumeAsync("deployment web")).Ok().Stdout);
    }
}
