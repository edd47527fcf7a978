namespace Stowage.Controllers.Protection;

/// <summary>The protection finalizers, by their Kubernetes names.</summary>
public static class Finalizers
{
    /// <summary>Holds a claim while a pod uses it.</summary>
    public const string PvcProtection = "kubernetes.io/pvc-protection";

    /// <summary>Holds a volume while it is Bound.</summary>
    public const string PvProtection = "kubernetes.io/pv-protection";
}
