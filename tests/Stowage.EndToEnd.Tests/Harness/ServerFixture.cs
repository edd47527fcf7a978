namespace Stowage.EndToEnd.Tests.Harness;

/// <summary>One stowage server shared by the tests of a class, and a kubectl pointed at it.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private ServerProcess? _server;
    private Kubectl? _kubectl;

    /// <summary>The server.</summary>
    public ServerProcess Server => _server ?? throw new InvalidOperationException("not started");

    /// <summary>kubectl against the server.</summary>
    public Kubectl Kubectl => _kubectl ?? throw new InvalidOperationException("not started");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync();
        _kubectl = new Kubectl(_server.Kubeconfig);
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        _kubectl?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
