namespace Stowage.Api.Meta;

/// <summary>
/// Every top-level API object: type metadata plus object metadata. The generic API machinery works
/// through this interface; everything kind-specific lives in the kind's strategy.
/// </summary>
public interface IApiObject
{
    /// <summary>e.g. "v1", "storage.k8s.io/v1".</summary>
    string? ApiVersion { get; }

    /// <summary>e.g. "PersistentVolume".</summary>
    string? Kind { get; }

    /// <summary>The object's metadata.</summary>
    ObjectMeta Metadata { get; }
}

/// <summary>A typed API object that can copy itself with new metadata or type metadata.</summary>
/// <typeparam name="TSelf">The record type itself.</typeparam>
public interface IApiObject<TSelf> : IApiObject
    where TSelf : IApiObject<TSelf>
{
    /// <summary>A copy with <paramref name="metadata"/>.</summary>
    TSelf WithMetadata(ObjectMeta metadata);

    /// <summary>A copy with the given apiVersion and kind.</summary>
    TSelf WithType(string apiVersion, string kind);
}
