using System.Globalization;
using Stowage.Api.Core;
using Stowage.Controllers.Provisioning;
using Stowage.Controllers.VolumeBinding;
using Stowage.Runtime.Informers;

namespace Stowage.Controllers.Hosting;

/// <summary>
/// Prometheus metrics of the storage controllers: kubelet's volume statistics for claims on pool
/// volumes (exact, from statfs), the pool's capacity, and the controllers' own counters.
/// </summary>
public sealed class StorageMetrics
{
    private readonly Informer<PersistentVolumeClaim> _claims;
    private readonly Informer<PersistentVolume> _volumes;
    private readonly VolumeBindingController _binder;
    private readonly LocalProvisioner? _provisioner;
    private readonly IVolumePool? _pool;
    private readonly string _node;

    /// <summary>Creates the metrics view.</summary>
    public StorageMetrics(Informer<PersistentVolumeClaim> claims, Informer<PersistentVolume> volumes, VolumeBindingController binder,
        LocalProvisioner? provisioner, IVolumePool? pool, string node)
    {
        _claims = claims;
        _volumes = volumes;
        _binder = binder;
        _provisioner = provisioner;
        _pool = pool;
        _node = node;
    }

    /// <summary>Writes the metrics in Prometheus text format.</summary>
    public async Task WriteAsync(TextWriter w, CancellationToken cancellationToken)
    {
        if (_pool is not null)
        {
            var capacity = new List<string>();
            var used = new List<string>();
            var available = new List<string>();
            foreach (var claim in _claims.List().OrderBy(c => c.Metadata.Namespace).ThenBy(c => c.Metadata.Name))
            {
                if (string.IsNullOrEmpty(claim.Spec?.VolumeName) || _volumes.Get(claim.Spec.VolumeName) is not { } pv
                    || pv.Metadata.Annotations?.GetValueOrDefault(BinderAnnotations.ProvisionedBy) != Provisioners.Local)
                {
                    continue;
                }
                var stats = await _pool.StatsAsync(pv.Metadata.Name!, cancellationToken).ConfigureAwait(false);
                if (stats is null)
                {
                    continue;
                }
                var labels = $"{{namespace=\"{claim.Metadata.Namespace}\",persistentvolumeclaim=\"{claim.Metadata.Name}\"}}";
                capacity.Add($"kubelet_volume_stats_capacity_bytes{labels} {stats.CapacityBytes}");
                used.Add($"kubelet_volume_stats_used_bytes{labels} {stats.UsedBytes}");
                available.Add($"kubelet_volume_stats_available_bytes{labels} {stats.AvailableBytes}");
            }
            Family(w, "kubelet_volume_stats_capacity_bytes", "gauge", "Capacity in bytes of the volume", capacity);
            Family(w, "kubelet_volume_stats_used_bytes", "gauge", "Number of used bytes in the volume", used);
            Family(w, "kubelet_volume_stats_available_bytes", "gauge", "Number of available bytes in the volume", available);
            var node = $"{{node=\"{_node}\"}}";
            Family(w, "stowage_pool_capacity_bytes", "gauge", "Bytes the node's pool may provision", [$"stowage_pool_capacity_bytes{node} {_pool.CapacityBytes}"]);
            Family(w, "stowage_pool_provisioned_bytes", "gauge", "Bytes promised to the pool's volumes", [$"stowage_pool_provisioned_bytes{node} {_pool.ProvisionedBytes}"]);
            Family(w, "stowage_pool_free_bytes", "gauge", "Bytes the pool can still provision", [$"stowage_pool_free_bytes{node} {Math.Max(0, _pool.CapacityBytes - _pool.ProvisionedBytes)}"]);
            Family(w, "stowage_pool_sizes_enforced", "gauge", "1 when every pool volume is its own size-limited filesystem", [$"stowage_pool_sizes_enforced{node} {(_pool.SizesEnforced ? 1 : 0)}"]);
        }
        Family(w, "stowage_binder_binds_total", "counter", "Claims bound by the binder since start", [$"stowage_binder_binds_total {_binder.Binds}"]);
        Family(w, "stowage_binder_failures_total", "counter", "Binder reconciles that failed and were retried", [$"stowage_binder_failures_total {_binder.Failures}"]);
        Family(w, "stowage_binder_queue_depth", "gauge", "Keys waiting in the binder's queue", [$"stowage_binder_queue_depth {_binder.QueueDepth}"]);
        if (_provisioner is not null)
        {
            Family(w, "stowage_provisioner_provisions_total", "counter", "Volumes provisioned since start", [$"stowage_provisioner_provisions_total {_provisioner.Provisioned}"]);
            Family(w, "stowage_provisioner_failures_total", "counter", "Provisioning failures since start", [$"stowage_provisioner_failures_total {_provisioner.Failures}"]);
            Family(w, "stowage_provisioner_queue_depth", "gauge", "Claims waiting to be provisioned", [$"stowage_provisioner_queue_depth {_provisioner.QueueDepth}"]);
        }
    }

    private static void Family(TextWriter w, string name, string type, string help, IEnumerable<string> samples)
    {
        w.Write(string.Create(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n"));
        foreach (var sample in samples)
        {
            w.Write(sample);
            w.Write('\n');
        }
    }
}
