using System.Text;
using Stowage.Api.Core;
using Stowage.Api.Storage;

namespace Stowage.Api.Defaulting;

/// <summary>
/// Kubernetes' defaulting (pkg/apis/core/v1/defaults.go, pkg/apis/storage/v1/defaults.go, and the
/// parts of conversion and create strategies that behave like defaults), as pure functions that
/// return new records. Applying a default twice changes nothing. The server applies these before
/// validation; when (create, update) is the server's decision, as in Kubernetes where defaulting
/// runs on every decode and the strategy then discards client-written status.
/// </summary>
public static partial class ApiDefaults
{
    /// <summary>
    /// status.phase "" → Pending, persistentVolumeReclaimPolicy "" → Retain, volumeMode nil →
    /// Filesystem, plus the defaults of its volume source (hostPath type "", iSCSI interface
    /// "default", RBD pool/user/keyring). storageClassName is not defaulted.
    /// </summary>
    public static PersistentVolume Apply(PersistentVolume pv)
    {
        ArgumentNullException.ThrowIfNull(pv);
        var spec = pv.Spec ?? new PersistentVolumeSpec();
        spec = spec with
        {
            PersistentVolumeReclaimPolicy = string.IsNullOrEmpty(spec.PersistentVolumeReclaimPolicy) ? "Retain" : spec.PersistentVolumeReclaimPolicy,
            VolumeMode = spec.VolumeMode ?? "Filesystem",
            HostPath = spec.HostPath is { Type: null } h ? h with { Type = "" } : spec.HostPath,
            Iscsi = spec.Iscsi is { } i && string.IsNullOrEmpty(i.IscsiInterface) ? i with { IscsiInterface = "default" } : spec.Iscsi,
            Rbd = spec.Rbd is { } r ? r with
            {
                Pool = string.IsNullOrEmpty(r.Pool) ? "rbd" : r.Pool,
                User = string.IsNullOrEmpty(r.User) ? "admin" : r.User,
                Keyring = string.IsNullOrEmpty(r.Keyring) ? "/etc/ceph/keyring" : r.Keyring,
            } : null,
        };
        var status = pv.Status ?? new PersistentVolumeStatus();
        if (string.IsNullOrEmpty(status.Phase))
        {
            status = status with { Phase = "Pending" };
        }
        return pv with { Spec = spec, Status = status };
    }

    /// <summary>status.phase "" → Pending; spec.volumeMode nil → Filesystem. storageClassName stays as given.</summary>
    public static PersistentVolumeClaim Apply(PersistentVolumeClaim pvc)
    {
        ArgumentNullException.ThrowIfNull(pvc);
        var spec = pvc.Spec ?? new PersistentVolumeClaimSpec();
        var status = pvc.Status ?? new PersistentVolumeClaimStatus();
        if (string.IsNullOrEmpty(status.Phase))
        {
            status = status with { Phase = "Pending" };
        }
        return pvc with { Spec = spec with { VolumeMode = spec.VolumeMode ?? "Filesystem" }, Status = status };
    }

    /// <summary>reclaimPolicy nil → Delete; volumeBindingMode nil → Immediate. allowVolumeExpansion has no default.</summary>
    public static StorageClass Apply(StorageClass sc)
    {
        ArgumentNullException.ThrowIfNull(sc);
        return sc with
        {
            ReclaimPolicy = sc.ReclaimPolicy ?? "Delete",
            VolumeBindingMode = sc.VolumeBindingMode ?? "Immediate",
        };
    }

    /// <summary>
    /// The label kubernetes.io/metadata.name = name (only when the name is known), and
    /// status.phase "" → Active.
    /// </summary>
    public static Namespace Apply(Namespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var meta = ns.Metadata;
        if (!string.IsNullOrEmpty(meta.Name))
        {
            var labels = new Dictionary<string, string>(meta.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
            {
                ["kubernetes.io/metadata.name"] = meta.Name,
            };
            meta = meta with { Labels = labels };
        }
        var status = ns.Status ?? new NamespaceStatus();
        if (string.IsNullOrEmpty(status.Phase))
        {
            status = status with { Phase = "Active" };
        }
        return ns with { Metadata = meta, Status = status };
    }

    /// <summary>
    /// What a namespace gets on create only (the namespace strategy's PrepareForCreate): the
    /// "kubernetes" finalizer is appended when missing and the status is reset to Active. Not a
    /// decode-time default, because the namespace controller later removes that finalizer.
    /// </summary>
    public static Namespace ApplyOnCreate(Namespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var defaulted = Apply(ns);
        var finalizers = defaulted.Spec?.Finalizers ?? [];
        if (!finalizers.Contains("kubernetes"))
        {
            finalizers = [.. finalizers, "kubernetes"];
        }
        return defaulted with
        {
            Spec = (defaulted.Spec ?? new NamespaceSpec()) with { Finalizers = finalizers },
            Status = new NamespaceStatus { Phase = "Active" },
        };
    }

    /// <summary>
    /// type "" → Opaque; stringData is merged into data as UTF-8 (a key in both takes the
    /// stringData value) and then cleared, as Kubernetes' conversion does before validation.
    /// </summary>
    public static Secret Apply(Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var data = secret.Data;
        if (secret.StringData is { Count: > 0 } stringData)
        {
            var merged = new Dictionary<string, byte[]>(secret.Data ?? new Dictionary<string, byte[]>(), StringComparer.Ordinal);
            foreach (var (key, value) in stringData)
            {
                merged[key] = Encoding.UTF8.GetBytes(value);
            }
            data = merged;
        }
        return secret with
        {
            Type = string.IsNullOrEmpty(secret.Type) ? "Opaque" : secret.Type,
            Data = data,
            StringData = null,
        };
    }

    /// <summary>Each port's protocol "" → TCP.</summary>
    public static Endpoints Apply(Endpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.Subsets is null)
        {
            return endpoints;
        }
        return endpoints with
        {
            Subsets = endpoints.Subsets.Select(ss => ss.Ports is null ? ss : ss with
            {
                Ports = ss.Ports.Select(p => string.IsNullOrEmpty(p.Protocol) ? p with { Protocol = "TCP" } : p).ToList(),
            }).ToList(),
        };
    }
}
