using Stowage.Runtime.Client;
using Stowage.Server.Hosting;

namespace Stowage.Runtime.Tests;

/// <summary>An in-process API server and a connection to it.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "stowage-rt-" + Guid.NewGuid().ToString("N")[..12]);

    public StowageServer Server { get; private set; } = null!;

    public ApiConnection Connection { get; private set; } = null!;

    /// <summary>The same server through its loopback transport (as the embedded controllers reach it).</summary>
    public ApiConnection LoopbackConnection => Connection with { Transport = Server.CreateLoopbackHandler };

    public async Task InitializeAsync()
    {
        Server = await StowageServer.StartAsync(new ServerOptions { DataDir = _dir, Port = 0 }, null, CancellationToken.None);
        Connection = new ApiConnection(Server.Url, Server.Credentials.CertificateAuthorityPem, Server.Credentials.AdminToken);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
