using System.Text.Json.Nodes;
using Stowage.KubectlVolume.Editing;

namespace Stowage.KubectlVolume.Listing;

/// <summary>
/// One-line descriptions of volume sources and claims, word for word as oc prints them
/// (openshift/oc pkg/cli/set/volume.go: describeVolumeSource, describePersistentVolumeClaim).
/// </summary>
internal static class VolumeDescriber
{
    /// <summary>Describes a volume's source; the first source in oc's order wins, and a source oc does not know is "unknown".</summary>
    public static string DescribeSource(JsonObject volume)
    {
        if (volume["awsElasticBlockStore"] is JsonObject ebs)
        {
            return $"AWS EBS {S(ebs, "volumeID")} type={S(ebs, "fsType")} partition={Json.Int(ebs["partition"])}{ReadOnly(ebs)}";
        }
        if (volume["emptyDir"] is JsonObject)
        {
            return "empty directory";
        }
        if (volume["gcePersistentDisk"] is JsonObject pd)
        {
            return $"GCE PD {S(pd, "pdName")} type={S(pd, "fsType")} partition={Json.Int(pd["partition"])}{ReadOnly(pd)}";
        }
        if (volume["glusterfs"] is JsonObject gluster)
        {
            return $"GlusterFS {S(gluster, "endpoints")}:{S(gluster, "path")}{ReadOnly(gluster)}";
        }
        if (volume["hostPath"] is JsonObject hostPath)
        {
            return $"host path {S(hostPath, "path")}";
        }
        if (volume["iscsi"] is JsonObject iscsi)
        {
            return $"ISCSI {S(iscsi, "iqn")} target-portal={S(iscsi, "targetPortal")} type={S(iscsi, "fsType")} lun={Json.Int(iscsi["lun"])}{ReadOnly(iscsi)}";
        }
        if (volume["nfs"] is JsonObject nfs)
        {
            return $"NFS {S(nfs, "server")}:{S(nfs, "path")}{ReadOnly(nfs)}";
        }
        if (volume["persistentVolumeClaim"] is JsonObject pvc)
        {
            return $"pvc/{S(pvc, "claimName")}{ReadOnly(pvc)}";
        }
        if (volume["rbd"] is JsonObject rbd)
        {
            // Go's %v of a string slice: [a b c].
            var monitors = "[" + string.Join(' ', (rbd["monitors"] as JsonArray ?? []).Select(Json.Str)) + "]";
            return $"Ceph RBD {monitors} type={S(rbd, "fsType")} image={S(rbd, "image")} pool={S(rbd, "pool")}{ReadOnly(rbd)}";
        }
        if (volume["secret"] is JsonObject secret)
        {
            return $"secret/{S(secret, "secretName")}";
        }
        if (volume["configMap"] is JsonObject configMap)
        {
            return $"configMap/{S(configMap, "name")}";
        }
        return "unknown";
    }

    /// <summary>Describes a claim: "allocated 3GiB" once bound, "waiting for 1GiB allocation" before.</summary>
    public static string DescribeClaim(JsonObject claim)
    {
        if (string.IsNullOrEmpty(Json.Str(Json.Path(claim, "spec")?["volumeName"])))
        {
            var request = Json.Str(Json.Path(claim, "spec", "resources", "requests")?["storage"]);
            return request is null ? "waiting to allocate" : $"waiting for {request}B allocation";
        }
        var capacity = Json.Str(Json.Path(claim, "status", "capacity")?["storage"]);
        return capacity is null ? "allocated unknown size" : $"allocated {capacity}B";
    }

    private static string S(JsonObject o, string field) => Json.Str(o[field]) ?? "";

    private static string ReadOnly(JsonObject source) => Json.Bool(source["readOnly"]) ? " read-only" : "";
}
