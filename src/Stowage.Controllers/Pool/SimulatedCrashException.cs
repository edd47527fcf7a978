namespace Stowage.Controllers.Pool;

/// <summary>
/// Thrown by a crash test's <see cref="PoolOptions.AfterCreateStep"/> hook: creation stops where
/// it is, without the rollback a real failure gets, leaving the disk as a killed process would.
/// </summary>
internal sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException() : base("simulated crash") { }

    public SimulatedCrashException(string message) : base(message) { }

    public SimulatedCrashException(string message, Exception innerException) : base(message, innerException) { }
}
