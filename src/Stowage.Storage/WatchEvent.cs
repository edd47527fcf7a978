namespace Stowage.Storage;

/// <summary>The kind of a change.</summary>
public enum WatchEventType
{
    /// <summary>The key was created (its create revision equals this event's revision).</summary>
    Create,
    /// <summary>The key's value was replaced.</summary>
    Update,
    /// <summary>The key was removed.</summary>
    Delete,
}

/// <summary>One change to one key.</summary>
/// <param name="Type">Create, update or delete.</param>
/// <param name="Kv">The pair after the change; for a delete, the last value with <c>ModRevision</c> = the delete's revision.</param>
/// <param name="PrevKv">The pair before the change, if any.</param>
public sealed record WatchEvent(WatchEventType Type, KeyValue Kv, KeyValue? PrevKv)
{
    /// <summary>The revision of the change.</summary>
    public long Revision => Kv.ModRevision;
}
