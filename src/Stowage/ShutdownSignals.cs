using System.Runtime.InteropServices;

namespace Stowage;

/// <summary>SIGTERM and SIGINT, each cancelling one token instead of ending the process, for a clean shutdown.</summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _shutdown = new();
    private readonly PosixSignalRegistration _sigterm;
    private readonly PosixSignalRegistration _sigint;

    public ShutdownSignals()
    {
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _shutdown.Token;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _shutdown.Dispose();
    }

    private void Cancel(PosixSignalContext context)
    {
        context.Cancel = true;
        _shutdown.Cancel();
    }
}
