namespace Stowage.Runtime.Client;

/// <summary>One event of a watch as a client sees it.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Type">ADDED, MODIFIED, DELETED or BOOKMARK.</param>
/// <param name="Object">The object (for BOOKMARK, only its resourceVersion is meaningful).</param>
/// <param name="ResourceVersion">The event's resourceVersion.</param>
public sealed record WatchEvent<T>(string Type, T Object, string ResourceVersion);
