namespace Stowage.Server.Protobuf.Schema;

/// <summary>Whether a field holds one value, a repeated list, or a map&lt;string, V&gt;.</summary>
internal enum FieldCardinality
{
    Single,
    Repeated,

    /// <summary>Map entries are messages {1 key, 2 value}; Go sorts map keys in JSON.</summary>
    Map,
}
