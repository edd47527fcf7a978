using System.Text.Json;

namespace Stowage.Controllers.Pool;

/// <summary>
/// Reads and atomically replaces a volume's state file: the new content goes to a temporary file
/// that is flushed to disk and renamed over the old one, and the directory is synced, so after a
/// crash the file holds either the old state or the new one, never a torn mix.
/// </summary>
internal static class VolumeStateFile
{
    public const string FileName = "state.json";
    private const string TemporaryName = "state.json.tmp";

    /// <summary>The state in <paramref name="volumeDirectory"/>, or null when there is no state file.</summary>
    /// <exception cref="JsonException">The file exists but cannot be read as a state.</exception>
    public static async Task<VolumeState?> ReadAsync(string volumeDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(volumeDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, PoolJsonContext.Default.VolumeState, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException($"{path} holds no state");
        }
    }

    /// <summary>Replaces the state in <paramref name="volumeDirectory"/> atomically and durably.</summary>
    public static async Task WriteAsync(string volumeDirectory, VolumeState state, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(volumeDirectory, TemporaryName);
        var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, state, PoolJsonContext.Default.VolumeState, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, Path.Combine(volumeDirectory, FileName), overwrite: true);
        Libc.SyncDirectory(volumeDirectory);
    }

    /// <summary>Removes the state file and any temporary left by a crash during a write.</summary>
    public static void Delete(string volumeDirectory)
    {
        File.Delete(Path.Combine(volumeDirectory, TemporaryName));
        File.Delete(Path.Combine(volumeDirectory, FileName));
    }
}
