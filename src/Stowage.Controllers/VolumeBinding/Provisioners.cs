using Stowage.Api.Core;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>Which provisioners are built into Stowage, and the names of what they create.</summary>
public static class Provisioners
{
    /// <summary>Stowage's own provisioner (node-local directories).</summary>
    public const string Local = "stowage.io/local";

    /// <summary>
    /// The prefix of Kubernetes' in-tree plugin names. A class naming such a provisioner that is
    /// not built in fails to provision (Kubernetes: "no volume plugin matched"), it is not handed
    /// to an external provisioner.
    /// </summary>
    public const string InTreePrefix = "kubernetes.io/";

    /// <summary>Whether Stowage provisions (and deletes) volumes for this provisioner itself.</summary>
    public static bool IsBuiltIn(string provisioner) => provisioner == Local;

    /// <summary>The deterministic name of the volume provisioned for a claim: <c>pvc-</c> + the claim's UID.</summary>
    public static string VolumeNameFor(PersistentVolumeClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return "pvc-" + claim.Metadata.Uid;
    }
}
