using System.Runtime.CompilerServices;

namespace Stowage.Storage.Watching;

/// <summary>Turns a <see cref="WatchSubscription"/> into the event stream that <see cref="IStore.WatchAsync"/> returns.</summary>
public static class WatchStream
{
    /// <summary>
    /// Yields the replay (from the ring, or from <paramref name="readHistory"/> for <c>(AfterRevision, LiveFrom]</c>),
    /// then the live events, skipping any revision already yielded. Ends quietly when the token is cancelled
    /// or the store closes; disposes the subscription when the consumer stops.
    /// </summary>
    /// <param name="subscription">The registered watcher; owned by the stream from now on.</param>
    /// <param name="readHistory">Reads matching events with revisions in (after, through], in order:
    /// (prefix, after, through, token).</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    public static async IAsyncEnumerable<WatchEvent> ReadAsync(
        WatchSubscription subscription,
        Func<string, long, long, CancellationToken, IAsyncEnumerable<WatchEvent>> readHistory,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(readHistory);
        using (subscription)
        {
            var last = subscription.AfterRevision;
            if (subscription.Replay is { } replay)
            {
                foreach (var e in replay)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        yield break;
                    }

                    last = e.Revision;
                    yield return e;
                }
            }
            else
            {
                var history = readHistory(subscription.Prefix, subscription.AfterRevision, subscription.LiveFrom, cancellationToken);
                await using var enumerator = history.GetAsyncEnumerator(cancellationToken);
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        yield break;
                    }

                    if (!more)
                    {
                        break;
                    }

                    if (enumerator.Current.Revision > last)
                    {
                        last = enumerator.Current.Revision;
                        yield return enumerator.Current;
                    }
                }
            }

            var live = subscription.Live;
            while (true)
            {
                bool more;
                try
                {
                    more = await live.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }

                if (!more)
                {
                    yield break;
                }

                while (live.TryRead(out var e))
                {
                    // The live channel starts above LiveFrom, so this only guards the invariant.
                    if (e.Revision > last)
                    {
                        last = e.Revision;
                        yield return e;
                    }
                }
            }
        }
    }
}
