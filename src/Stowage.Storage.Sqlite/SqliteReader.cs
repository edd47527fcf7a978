using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Stowage.Storage.Sqlite;

/// <summary>
/// Point reads, range reads (latest or past revision) and watch history, each on a pooled read connection.
/// A range reads the meta row and the pairs in one read transaction, so the revision it reports is the one
/// its snapshot was taken at.
/// </summary>
internal sealed class SqliteReader
{
    private const int HistoryPageSize = 1000;
    private const int CancellationCheckInterval = 256;

    private readonly ReadSessionPool _pool;

    public SqliteReader(ReadSessionPool pool)
    {
        _pool = pool;
    }

    public KeyValue? Get(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Use(session =>
        {
            var command = session.Get;
            command.Transaction = null;
            command.Parameters[0].Value = key;
            using var reader = command.ExecuteReader();
            return reader.Read() ? new KeyValue(key, reader.GetFieldValue<byte[]>(0), reader.GetInt64(1), reader.GetInt64(2)) : null;
        });
    }

    public RangeResult Range(string prefix, RangeOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Use(session =>
        {
            using var transaction = session.Connection.BeginTransaction(deferred: true);
            var (current, compacted) = ReadMeta(session, transaction);
            var revision = options.Revision == 0 ? current : options.Revision;
            StoreArguments.NotFuture(revision, current, nameof(options));
            if (revision < compacted)
            {
                throw new CompactedException(revision, compacted);
            }

            var past = revision < current;
            var end = KeyPrefix.RangeEnd(prefix);
            var afterKey = options.StartAfterKey is { } after && string.CompareOrdinal(after, prefix) >= 0;
            var lower = afterKey ? options.StartAfterKey! : prefix;

            var list = session.Range(past, count: false, exclusiveLower: afterKey);
            Bind(list, transaction, lower, end, past ? revision : null, options.Limit == 0 ? -1 : (long)options.Limit + 1);
            var items = new List<KeyValue>();
            using (var reader = list.ExecuteReader())
            {
                while (reader.Read())
                {
                    if (items.Count % CancellationCheckInterval == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    items.Add(new KeyValue(reader.GetString(0), reader.GetFieldValue<byte[]>(1), reader.GetInt64(2), reader.GetInt64(3)));
                }
            }

            var more = options.Limit > 0 && items.Count > options.Limit;
            long remaining = 0;
            if (more)
            {
                items.RemoveAt(items.Count - 1);
                var count = session.Range(past, count: true, exclusiveLower: true);
                Bind(count, transaction, items[^1].Key, end, past ? revision : null, limit: null);
                remaining = (long)count.ExecuteScalar()!;
            }

            transaction.Commit();
            return new RangeResult(items, revision, more, remaining);
        });
    }

    /// <summary>Matching log rows in (after, through], by revision, read a page at a time.</summary>
    public async IAsyncEnumerable<WatchEvent> ReadHistoryAsync(
        string prefix, long afterRevision, long throughRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var end = KeyPrefix.RangeEnd(prefix);
        var cursor = afterRevision;
        while (cursor < throughRevision)
        {
            // Let the consumer's other work run between pages; each page is a short synchronous read.
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            var (page, complete) = ReadHistoryPage(prefix, end, cursor, throughRevision);
            foreach (var e in page)
            {
                yield return e;
            }

            if (complete)
            {
                yield break;
            }

            cursor = page[^1].Revision;
        }
    }

    private (List<WatchEvent> Page, bool Complete) ReadHistoryPage(string prefix, string end, long afterRevision, long throughRevision) =>
        Use(session =>
        {
            using var transaction = session.Connection.BeginTransaction(deferred: true);
            var (_, compacted) = ReadMeta(session, transaction);

            // Rows above the compacted revision are never removed, so a snapshot that shows the cursor at or
            // above it holds every row the page needs.
            if (afterRevision < compacted)
            {
                throw new CompactedException(afterRevision + 1, compacted);
            }

            var command = session.History;
            command.Transaction = transaction;
            var p = command.Parameters;
            p[0].Value = afterRevision;
            p[1].Value = throughRevision;
            p[2].Value = prefix;
            p[3].Value = end;
            p[4].Value = HistoryPageSize;
            var page = new List<WatchEvent>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    page.Add(ToEvent(reader));
                }
            }

            transaction.Commit();
            return (page, page.Count < HistoryPageSize);
        });

    private static WatchEvent ToEvent(SqliteDataReader reader)
    {
        var revision = reader.GetInt64(0);
        var key = reader.GetString(1);
        var type = (LogEntryType)reader.GetInt64(2);
        var value = reader.GetFieldValue<byte[]>(3);
        var createRevision = reader.GetInt64(5);
        var prevRevision = reader.GetInt64(6);
        var kv = new KeyValue(key, value, createRevision, revision);
        return type switch
        {
            LogEntryType.Create => new WatchEvent(WatchEventType.Create, kv, null),
            LogEntryType.Update => new WatchEvent(
                WatchEventType.Update, kv, new KeyValue(key, reader.GetFieldValue<byte[]>(4), createRevision, prevRevision)),
            LogEntryType.Delete => new WatchEvent(WatchEventType.Delete, kv, kv with { ModRevision = prevRevision }),
            _ => throw new StorageException($"log row {revision} has unknown type {type}"),
        };
    }

    private static (long Current, long Compacted) ReadMeta(ReadSession session, SqliteTransaction transaction)
    {
        var command = session.Meta;
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new StorageException("the meta row is missing");
        }

        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static void Bind(SqliteCommand command, SqliteTransaction transaction, string lower, string end, long? revision, long? limit)
    {
        command.Transaction = transaction;
        command.Parameters["@lower"].Value = lower;
        command.Parameters["@end"].Value = end;
        if (revision is { } r)
        {
            command.Parameters["@rev"].Value = r;
        }

        if (limit is { } l)
        {
            command.Parameters["@limit"].Value = l;
        }
    }

    private T Use<T>(Func<ReadSession, T> read)
    {
        var session = _pool.Rent();
        var broken = false;
        try
        {
            return read(session);
        }
        catch (SqliteException ex)
        {
            broken = true;
            throw new StorageException($"read failed: {ex.Message}", ex)
            {
                IsTransient = ex.SqliteErrorCode is 5 or 6,
            };
        }
        finally
        {
            _pool.Return(session, broken);
        }
    }
}
