using System.Globalization;
using System.Text.Json;
using Stowage.Runtime.Linux;

namespace Stowage.Controllers.Pool;

/// <summary>Opening a pool: settling what a crash or a reboot left on disk (see the class remarks).</summary>
public sealed partial class StoragePool
{
    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        foreach (var directory in System.IO.Directory.EnumerateDirectories(_volumesDirectory).Order(StringComparer.Ordinal).ToList())
        {
            var name = Path.GetFileName(directory);
            if (!IsValidName(name))
            {
                PoolLog.IgnoredEntry(_logger, Directory, name);
                continue;
            }
            try
            {
                await SettleAsync(name, PathsOf(name), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is PoolException or CommandFailedException or IOException or UnauthorizedAccessException or JsonException)
            {
                lock (_gate)
                {
                    _problems[name] = e.Message;
                }
                PoolLog.Problem(_logger, name, e.Message);
            }
        }
    }

    private async Task SettleAsync(string name, VolumePaths paths, CancellationToken cancellationToken)
    {
        var state = await VolumeStateFile.ReadAsync(paths.Directory, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            // Created before its first state write (or deleted after its last): nothing of a caller's.
            if (File.Exists(paths.Image))
            {
                throw new PoolException($"it has an image but no state file ({paths.Directory}); it is left alone");
            }
            await _disk.RemoveAsync(paths, cancellationToken).ConfigureAwait(false);
            PoolLog.RemovedHalfCreated(_logger, name);
            return;
        }
        if (state.Name != name)
        {
            throw new PoolException($"its state file names volume {state.Name}; it is left alone");
        }
        switch (state.Phase)
        {
            case VolumeStatePhase.Creating:
                await _disk.RemoveAsync(paths, cancellationToken).ConfigureAwait(false);
                PoolLog.RemovedHalfCreated(_logger, name);
                return;
            case VolumeStatePhase.Deleting:
                await _disk.RemoveAsync(paths, cancellationToken).ConfigureAwait(false);
                PoolLog.FinishedDeletion(_logger, name);
                return;
        }
        SetState(state); // counted against the pool whatever happens next
        CheckModeUsable(state);
        switch (state.Phase)
        {
            case VolumeStatePhase.Expanding:
                var (kind, after, refusal) = await _disk.GrowAsync(paths, state, _onlineRefusal, cancellationToken).ConfigureAwait(false);
                SetState(after);
                NoteOnlineRefusal(refusal);
                if (kind is ExpandKind.Online or ExpandKind.Offline or ExpandKind.Recorded)
                {
                    PoolLog.Expanded(_logger, name, after.SizeBytes, kind);
                }
                return;
            case VolumeStatePhase.Scrubbing:
                SetState(await _disk.ScrubAsync(paths, state, cancellationToken).ConfigureAwait(false));
                return;
            default:
                SetState(await _disk.BringUpAsync(paths, state, cancellationToken).ConfigureAwait(false));
                return;
        }
    }

    private async Task<long> DefaultCapacityAsync(CommandRunner commands, CancellationToken cancellationToken)
    {
        // Free space now, plus what the pool's own files already occupy on the same filesystem
        // (-x: not descending into the volumes' mounted filesystems): the volumes' images can grow
        // into the free space and no further.
        var stats = FileSystemCalls.StatFileSystem(Directory);
        var available = checked((long)(stats.BlocksAvailable * (stats.FragmentSize != 0 ? stats.FragmentSize : stats.BlockSize)));
        var du = await commands.TryRunAsync("du", ["-s", "-x", "-B1", _volumesDirectory], cancellationToken).ConfigureAwait(false);
        var occupied = du.Succeeded && long.TryParse(du.StandardOutput.Split('\t', 2)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : 0;
        return checked(available + occupied);
    }

    private void CheckModeUsable(VolumeState state)
    {
        if (state.Mode == PoolMode.Enforced && Mode == PoolMode.Unenforced)
        {
            throw new PoolException($"its filesystem is on a loop device, which this pool cannot use ({ModeReason})");
        }
    }
}
