using Microsoft.Extensions.Logging.Abstractions;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Controllers.Hosting;
using Stowage.Controllers.Provisioning;
using Stowage.Runtime.Client;
using Stowage.Runtime.Leadership;
using Stowage.Server.Hosting;

namespace Stowage.Controllers.Tests.Provisioning;

/// <summary>The local provisioner and expander against a real API server and controller manager, with an in-memory pool.</summary>
public sealed class ProvisioningTests : IAsyncLifetime
{
    private const long Gi = 1024L * 1024 * 1024;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "stowage-prov-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly CancellationTokenSource _stop = new();
    private readonly InMemoryPool _pool = new(10 * Gi);
    private StowageServer _server = null!;
    private ApiClient _client = null!;
    private Task _manager = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _server = await StowageServer.StartAsync(new ServerOptions { DataDir = _dir, Port = 0 }, null, CancellationToken.None);
        var connection = new ApiConnection(_server.Url, _server.Credentials.CertificateAuthorityPem, _server.Credentials.AdminToken);
        _client = new ApiClient(connection, "test");
        _pool.Add("pvc-orphan-left-by-a-crash", Gi);
        var manager = new ControllerManager(connection, "test", NullLoggerFactory.Instance, TimeProvider.System,
            new LeaderElectionTimings(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100)), _pool, "node-a");
        _manager = manager.RunAsync(_stop.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await _client.GetAsync(ResourceTypes.StorageClasses, null, "local", CancellationToken.None) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the local class was not installed");
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _manager;
        _client.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
        _stop.Dispose();
    }

    private static PersistentVolumeClaim Claim(string name, string size, string? storageClass = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            StorageClassName = storageClass,
            Resources = new VolumeResourceRequirements { Requests = new Dictionary<string, Quantity> { ["storage"] = Quantity.Parse(size) } },
        },
    };

    private async Task<PersistentVolumeClaim> WaitClaimAsync(string name, Func<PersistentVolumeClaim, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var claim = await _client.GetAsync(ResourceTypes.PersistentVolumeClaims, "default", name, CancellationToken.None);
            if (claim is not null && condition(claim)) return claim;
            Assert.True(DateTime.UtcNow < deadline, $"claim {name} did not reach the condition; last: {claim?.Status?.Phase}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_claim_without_class_gets_the_default_local_class_and_a_pvc_uid_volume_with_node_affinity()
    {
        var created = await _client.CreateAsync(ResourceTypes.PersistentVolumeClaims, Claim("auto", "1Gi"), CancellationToken.None);
        var sc = await _client.GetAsync(ResourceTypes.StorageClasses, null, "local", CancellationToken.None);
        Assert.Equal("true", sc!.Metadata.Annotations!["storageclass.kubernetes.io/is-default-class"]);
        var bound = await WaitClaimAsync("auto", c => c.Status?.Phase == "Bound");
        Assert.Equal("local", bound.Spec!.StorageClassName); // given by the controller: no class-less volume matched
        Assert.Equal("pvc-" + created.Metadata.Uid, bound.Spec!.VolumeName);
        Assert.Equal("1Gi", bound.Status!.Capacity!["storage"].ToString());
        var pv = await _client.GetAsync(ResourceTypes.PersistentVolumes, null, bound.Spec.VolumeName!, CancellationToken.None);
        Assert.Equal("stowage.io/local", pv!.Metadata.Annotations!["pv.kubernetes.io/provisioned-by"]);
        Assert.Equal("Delete", pv.Spec!.PersistentVolumeReclaimPolicy);
        Assert.Equal("node-a", pv.Spec.NodeAffinity!.Required!.NodeSelectorTerms![0].MatchExpressions![0].Values![0]);
        Assert.True(_pool.Volumes.ContainsKey(pv.Metadata.Name!));
    }

    [Fact]
    public async Task A_claim_larger_than_the_free_pool_stays_Pending_with_a_message_that_says_so()
    {
        await _client.CreateAsync(ResourceTypes.PersistentVolumeClaims, Claim("huge", "50Gi"), CancellationToken.None);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var events = await _client.ListAsync(ResourceTypes.Events, "default", CancellationToken.None, fieldSelector: "involvedObject.name=huge,reason=ProvisioningFailed");
            if (events.Items.Count > 0)
            {
                Assert.Contains("cannot provision", events.Items[0].Message);
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "no ProvisioningFailed event");
            await Task.Delay(20);
        }
        var claim = await _client.GetAsync(ResourceTypes.PersistentVolumeClaims, "default", "huge", CancellationToken.None);
        Assert.Equal("Pending", claim!.Status!.Phase);
    }

    [Fact]
    public async Task Deleting_the_claim_deletes_the_volume_and_its_storage()
    {
        var created = await _client.CreateAsync(ResourceTypes.PersistentVolumeClaims, Claim("temp", "1Gi"), CancellationToken.None);
        var bound = await WaitClaimAsync("temp", c => c.Status?.Phase == "Bound");
        await _client.DeleteAsync(ResourceTypes.PersistentVolumeClaims, "default", "temp", CancellationToken.None);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await _client.GetAsync(ResourceTypes.PersistentVolumes, null, bound.Spec!.VolumeName!, CancellationToken.None) is not null || _pool.Volumes.ContainsKey(bound.Spec.VolumeName!))
        {
            Assert.True(DateTime.UtcNow < deadline, "volume not deleted");
            await Task.Delay(20);
        }
        Assert.Equal("pvc-" + created.Metadata.Uid, bound.Spec.VolumeName);
    }

    [Fact]
    public async Task Raising_a_bound_claims_request_grows_the_volume_and_both_capacities()
    {
        await _client.CreateAsync(ResourceTypes.PersistentVolumeClaims, Claim("grow", "1Gi"), CancellationToken.None);
        var bound = await WaitClaimAsync("grow", c => c.Status?.Phase == "Bound");
        await _client.MergePatchAsync(ResourceTypes.PersistentVolumeClaims, "default", "grow", "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"2Gi\"}}}}", CancellationToken.None);
        var grown = await WaitClaimAsync("grow", c => c.Status?.Capacity?["storage"].ToString() == "2Gi");
        Assert.Null(grown.Status!.Conditions);
        var pv = await _client.GetAsync(ResourceTypes.PersistentVolumes, null, bound.Spec!.VolumeName!, CancellationToken.None);
        Assert.Equal("2Gi", pv!.Spec!.Capacity!["storage"].ToString());
        Assert.Equal(2 * Gi, _pool.Volumes[pv.Metadata.Name!]);
    }

    [Fact]
    public async Task A_volume_in_use_that_grows_only_offline_leaves_its_claim_FileSystemResizePending_until_it_is_free()
    {
        await _client.CreateAsync(ResourceTypes.PersistentVolumeClaims, Claim("held", "1Gi"), CancellationToken.None);
        var bound = await WaitClaimAsync("held", c => c.Status?.Phase == "Bound");
        var name = bound.Spec!.VolumeName!;
        _pool.Hold(name);
        await _client.MergePatchAsync(ResourceTypes.PersistentVolumeClaims, "default", "held", "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"2Gi\"}}}}", CancellationToken.None);

        var pending = await WaitClaimAsync("held", c => c.Status?.Conditions?.Any(x => x.Type == "FileSystemResizePending") == true);
        Assert.Equal("1Gi", pending.Status!.Capacity!["storage"].ToString());
        Assert.Equal("2Gi", pending.Status.AllocatedResources!["storage"].ToString());
        Assert.Equal("NodeResizePending", pending.Status.AllocatedResourceStatuses!["storage"]);
        var condition = Assert.Single(pending.Status.Conditions!);
        Assert.Equal(("True", ExpansionController.FileSystemResizePendingMessage), (condition.Status, condition.Message));
        Assert.Equal("2Gi", (await _client.GetAsync(ResourceTypes.PersistentVolumes, null, name, CancellationToken.None))!.Spec!.Capacity!["storage"].ToString());
        Assert.Equal(Gi, _pool.Volumes[name]);

        // Tried again until the volume is free (the pool would grow it then); not only when the claim changes.
        var refused = _pool.RefusedWhileHeld;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (_pool.RefusedWhileHeld == refused)
        {
            Assert.True(DateTime.UtcNow < deadline, "the expansion was not tried again");
            await Task.Delay(20);
        }
        _pool.Release(name);
        var grown = await WaitClaimAsync("held", c => c.Status?.Capacity?["storage"].ToString() == "2Gi");
        Assert.Null(grown.Status!.Conditions);
        Assert.Null(grown.Status.AllocatedResourceStatuses);
        Assert.Equal(2 * Gi, _pool.Volumes[name]);
    }

    [Fact]
    public async Task An_orphaned_pool_volume_is_removed_at_start()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (_pool.Volumes.ContainsKey("pvc-orphan-left-by-a-crash"))
        {
            Assert.True(DateTime.UtcNow < deadline, "orphan not collected");
            await Task.Delay(20);
        }
    }
}
