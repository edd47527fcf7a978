namespace Stowage.Controllers.Pool;

/// <summary>
/// A volume (or an expansion) does not fit in the pool's free space, e.g.
/// <c>pool "/var/lib/stowage/pool" has 3.2Gi free of 10Gi; cannot provision 5Gi (overcommit ratio 1)</c>.
/// </summary>
public sealed class PoolFullException : PoolException
{
    /// <summary>Creates the exception.</summary>
    public PoolFullException() { }

    /// <summary>Creates the exception with a message.</summary>
    public PoolFullException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public PoolFullException(string message, Exception innerException) : base(message, innerException) { }
}
