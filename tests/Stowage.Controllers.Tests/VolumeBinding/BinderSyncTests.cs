namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>Kubernetes' single-sync binder cases, run through <see cref="FakeCluster"/>.</summary>
public sealed class BinderSyncTests
{
    private static readonly Dictionary<string, SyncCase> Cases = BinderSyncCases.All.ToDictionary(c => c.Name);

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void One_sync_ends_in_the_state_Kubernetes_expects(string name) => Cases[name].Run();
}
