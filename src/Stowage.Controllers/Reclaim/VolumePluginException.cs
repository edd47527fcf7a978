namespace Stowage.Controllers.Reclaim;

/// <summary>A plugin could not recycle or delete a volume; the message is shown to users.</summary>
public sealed class VolumePluginException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VolumePluginException() { }

    /// <summary>Creates the exception with a message.</summary>
    public VolumePluginException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public VolumePluginException(string message, Exception innerException) : base(message, innerException) { }
}
