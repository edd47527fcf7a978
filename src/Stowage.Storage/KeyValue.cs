namespace Stowage.Storage;

/// <summary>One key at one revision (etcd's mvccpb.KeyValue).</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value bytes; never mutated after being handed out.</param>
/// <param name="CreateRevision">The revision at which the key was (last) created.</param>
/// <param name="ModRevision">The revision of the last write to the key.</param>
public sealed record KeyValue(string Key, ReadOnlyMemory<byte> Value, long CreateRevision, long ModRevision);
