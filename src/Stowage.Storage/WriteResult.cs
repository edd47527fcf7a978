namespace Stowage.Storage;

/// <summary>What a write did.</summary>
public enum WriteOutcome
{
    /// <summary>The write committed at <see cref="WriteResult.Revision"/>.</summary>
    Ok,
    /// <summary>Update or delete of a key that does not exist.</summary>
    NotFound,
    /// <summary>Create of a key that exists.</summary>
    AlreadyExists,
    /// <summary>The expected mod revision did not match; <see cref="WriteResult.Current"/> holds the pair.</summary>
    Conflict,
}

/// <summary>The outcome of a write, with the revision it committed at.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Revision">On <see cref="WriteOutcome.Ok"/>, the new revision; otherwise the store revision when the write was judged.</param>
/// <param name="Current">For Ok: the written pair (null for delete). For AlreadyExists/Conflict: the current pair.</param>
/// <param name="Previous">For Ok deletes and updates: the pair before the write.</param>
public sealed record WriteResult(WriteOutcome Outcome, long Revision, KeyValue? Current = null, KeyValue? Previous = null)
{
    /// <summary>True when the write committed.</summary>
    public bool Succeeded => Outcome == WriteOutcome.Ok;
}
