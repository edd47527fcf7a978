namespace Stowage.Kubeconfig;

/// <summary>The kubeconfig cannot be used; the message is what kubectl would say.</summary>
public sealed class KubeconfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KubeconfigException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KubeconfigException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public KubeconfigException(string message, Exception inner) : base(message, inner)
    {
    }
}
