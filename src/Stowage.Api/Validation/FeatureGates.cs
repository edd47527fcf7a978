namespace Stowage.Api.Validation;

/// <summary>The feature gates validation depends on, fixed at their kube-apiserver 1.32 defaults.</summary>
internal static class FeatureGates
{
    /// <summary>Beta and on in 1.32: a claim's request may shrink back to just above status.capacity.</summary>
    public static bool RecoverVolumeExpansionFailure => true;

    /// <summary>Beta but off in 1.32: volumeAttributesClassName is neither validated nor mutable.</summary>
    public static bool VolumeAttributesClass => false;
}
