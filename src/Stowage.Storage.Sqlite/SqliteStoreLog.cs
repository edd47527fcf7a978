using Microsoft.Extensions.Logging;

namespace Stowage.Storage.Sqlite;

/// <summary>The SQLite backend's log messages.</summary>
internal static partial class SqliteStoreLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Opened SQLite store {Path} at revision {Revision} (compacted revision {CompactedRevision})")]
    public static partial void Opened(ILogger logger, string path, long revision, long compactedRevision);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error,
        Message = "Transaction of {Count} writes failed; all of them failed and revision {Revision} is kept")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count, long revision);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Dropped {Count} watchers that fell behind at revision {Revision}")]
    public static partial void WatchersDropped(ILogger logger, int count, long revision);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Compacted SQLite store {Path} to revision {Revision}")]
    public static partial void Compacted(ILogger logger, string path, long revision);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error,
        Message = "Writer loop stopped unexpectedly; pending writes fail")]
    public static partial void WriterCrashed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "Checkpoint of SQLite store {Path} on close failed")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information,
        Message = "Closed SQLite store {Path} at revision {Revision}")]
    public static partial void Closed(ILogger logger, string path, long revision);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning,
        Message = "Background WAL checkpoint failed; the WAL keeps its frames until the next one")]
    public static partial void BackgroundCheckpointFailed(ILogger logger, Exception exception);
}
