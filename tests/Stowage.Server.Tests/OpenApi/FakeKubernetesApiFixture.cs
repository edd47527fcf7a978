namespace Stowage.Server.Tests.OpenApi;

/// <summary>One fake API server, serving the test resources, shared by a test class.</summary>
public sealed class FakeKubernetesApiFixture : IAsyncLifetime
{
    internal FakeKubernetesApi Api { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Api = await FakeKubernetesApi.StartAsync(ServedResources.All, CancellationToken.None);

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
