using Microsoft.Extensions.Logging;

namespace Stowage.Controllers.Pool;

/// <summary>The pool's log messages. Each names the pool's directory or the volume.</summary>
internal static partial class PoolLog
{
    [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Storage pool {Directory}: {Reason}; capacity {Capacity} bytes, overcommit ratio {Ratio}")]
    public static partial void Enforced(ILogger logger, string directory, string reason, long capacity, decimal ratio);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Warning, Message = "Storage pool {Directory}: {Reason}; capacity {Capacity} bytes, overcommit ratio {Ratio}")]
    public static partial void NotEnforced(ILogger logger, string directory, string reason, long capacity, decimal ratio);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Information, Message = "Volume {Volume} created: {Size} bytes at {Path} ({Mode})")]
    public static partial void Created(ILogger logger, string volume, long size, string path, PoolMode mode);

    [LoggerMessage(EventId = 3604, Level = LogLevel.Information, Message = "Volume {Volume} was half-created when the pool last stopped; removed it")]
    public static partial void RemovedHalfCreated(ILogger logger, string volume);

    [LoggerMessage(EventId = 3605, Level = LogLevel.Information, Message = "Volume {Volume} was being deleted when the pool last stopped; finished deleting it")]
    public static partial void FinishedDeletion(ILogger logger, string volume);

    [LoggerMessage(EventId = 3606, Level = LogLevel.Warning, Message = "Volume {Volume} cannot be used: {Problem}")]
    public static partial void Problem(ILogger logger, string volume, string problem);

    [LoggerMessage(EventId = 3607, Level = LogLevel.Information, Message = "Volume {Volume} expanded to {Size} bytes ({Kind})")]
    public static partial void Expanded(ILogger logger, string volume, long size, ExpandKind kind);

    [LoggerMessage(EventId = 3608, Level = LogLevel.Information, Message = "Storage pool {Directory}: filesystems cannot grow online on this node ({Refusal}); volumes are grown offline, when not in use")]
    public static partial void OnlineGrowthRefused(ILogger logger, string directory, string refusal);

    [LoggerMessage(EventId = 3609, Level = LogLevel.Warning, Message = "Volume {Volume}: its filesystem is {Actual} bytes after growing, less than the {Requested} bytes asked for")]
    public static partial void GrownShort(ILogger logger, string volume, long actual, long requested);

    [LoggerMessage(EventId = 3610, Level = LogLevel.Information, Message = "Volume {Volume} deleted")]
    public static partial void Deleted(ILogger logger, string volume);

    [LoggerMessage(EventId = 3611, Level = LogLevel.Information, Message = "Volume {Volume} scrubbed")]
    public static partial void Scrubbed(ILogger logger, string volume);

    [LoggerMessage(EventId = 3612, Level = LogLevel.Warning, Message = "Volume {Volume}: creating it failed and so did removing what was made; the next create or open of the pool removes it")]
    public static partial void RollbackFailed(ILogger logger, string volume, Exception error);

    [LoggerMessage(EventId = 3613, Level = LogLevel.Warning, Message = "Storage pool {Directory}: ignoring {Entry}, which is not a volume name")]
    public static partial void IgnoredEntry(ILogger logger, string directory, string entry);
}
