namespace Stowage.Node.Volumes;

/// <summary>Where kubelet would have failed, which decides the Event's reason and message prefix.</summary>
internal enum SetUpStage
{
    /// <summary><c>MountVolume.SetUp failed for volume "x" : …</c> (FailedMount).</summary>
    SetUp,

    /// <summary><c>MountVolume.NewMounter initialization failed for volume "x" : …</c> (FailedMount).</summary>
    NewMounter,

    /// <summary><c>Unable to attach or mount volumes: unmounted volumes=[x], unattached volumes=[x]: …</c> (FailedMount).</summary>
    Populate,

    /// <summary><c>AttachVolume.Attach failed for volume "x" : …</c> (FailedAttachVolume).</summary>
    Attach,
}
