namespace Stowage.Node.Volumes;

/// <summary>
/// A volume plugin's failure, with kubelet's detail text; <see cref="PodVolumeManager"/> adds the
/// volume name and stage prefix and turns it into a <see cref="VolumeMountException"/>.
/// </summary>
internal sealed class VolumeSetUpFailure : Exception
{
    public VolumeSetUpFailure(string detail, SetUpStage stage = SetUpStage.SetUp) : base(detail) => Stage = stage;

    public VolumeSetUpFailure(string detail, Exception inner) : base(detail, inner) => Stage = SetUpStage.SetUp;

    public VolumeSetUpFailure() => Stage = SetUpStage.SetUp;

    public VolumeSetUpFailure(string detail) : base(detail) => Stage = SetUpStage.SetUp;

    /// <summary>Where it failed.</summary>
    public SetUpStage Stage { get; }
}
