using System.Text;
using Stowage.Storage;

namespace Stowage.Storage.Tests;

/// <summary>Small helpers shared by the storage tests.</summary>
internal static class StoreTesting
{
    /// <summary>How long a test waits for a condition before failing.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(KeyValue kv) => Encoding.UTF8.GetString(kv.Value.Span);

    /// <summary>
    /// Reads events from a watch until <paramref name="count"/> have arrived or the deadline passes (then the
    /// stream ends and the caller's count assertion fails with what did arrive).
    /// </summary>
    public static async Task<List<WatchEvent>> TakeAsync(IStore store, string prefix, long afterRevision, int count)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var events = new List<WatchEvent>(count);
        if (count == 0)
        {
            return events;
        }

        await foreach (var e in store.WatchAsync(prefix, afterRevision, deadline.Token))
        {
            events.Add(e);
            if (events.Count == count)
            {
                break;
            }
        }

        return events;
    }
}
