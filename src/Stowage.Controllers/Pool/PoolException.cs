namespace Stowage.Controllers.Pool;

/// <summary>The pool cannot do what was asked; the message says why, for users and administrators.</summary>
public class PoolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PoolException() { }

    /// <summary>Creates the exception with a message.</summary>
    public PoolException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public PoolException(string message, Exception innerException) : base(message, innerException) { }
}
