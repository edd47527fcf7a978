using Microsoft.Extensions.Logging.Abstractions;
using Stowage.Controllers.Pool;

namespace Stowage.Controllers.Tests.Pool;

/// <summary>
/// A pool in a fresh temporary directory. Disposing it tears every volume down and then checks
/// with the kernel that nothing of the test is left: no mount and no loop device under the
/// directory. A leak fails the test that caused it.
/// </summary>
internal sealed class TestPool : IAsyncDisposable
{
    private TestPool(string directory, StoragePool pool)
    {
        Directory = directory;
        Pool = pool;
    }

    /// <summary>The temporary directory holding the pool.</summary>
    public string Directory { get; }

    /// <summary>The pool (replaced by <see cref="ReopenAsync"/>).</summary>
    public StoragePool Pool { get; private set; }

    public static async Task<TestPool> OpenAsync(long? capacityBytes = null, decimal overcommitRatio = 1m, bool forceUnenforced = false, Func<PoolOptions, PoolOptions>? configure = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("stowage-pool-").FullName;
        var options = Options(directory, capacityBytes, overcommitRatio, forceUnenforced);
        var pool = await StoragePool.OpenAsync(configure is null ? options : configure(options), NullLogger.Instance, CancellationToken.None);
        return new TestPool(pool.Directory, pool);
    }

    public static PoolOptions Options(string directory, long? capacityBytes = null, decimal overcommitRatio = 1m, bool forceUnenforced = false) =>
        new() { Directory = directory, CapacityBytes = capacityBytes, OvercommitRatio = overcommitRatio, ForceUnenforced = forceUnenforced };

    /// <summary>
    /// Opens the pool's directory again, as a restarted process would. The old pool object is
    /// dropped without tearing anything down, like a crashed process.
    /// </summary>
    public async Task<StoragePool> ReopenAsync(PoolOptions? options = null)
    {
        await Pool.DisposeAsync();
        Pool = await StoragePool.OpenAsync(options ?? Options(Directory, Pool.CapacityBytes, Pool.OvercommitRatio, Pool.Mode == PoolMode.Unenforced), NullLogger.Instance, CancellationToken.None);
        return Pool;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Pool.TearDownAllAsync(CancellationToken.None);
            await Pool.DisposeAsync();
        }
        finally
        {
            var mounts = Kernel.MountsUnder(Directory);
            var loops = await Kernel.LoopDevicesLeftUnderAsync(Directory);
            // Last resort so that a failing test does not leave the machine dirty for the next run.
            foreach (var mount in mounts.OrderByDescending(m => m.Length))
            {
                await Kernel.RunAsync("umount", "-l", mount);
            }
            foreach (var loop in loops)
            {
                await Kernel.RunAsync("losetup", "-d", loop);
            }
            if (System.IO.Directory.Exists(Directory))
            {
                if (CommandRunner.Find("chattr") is not null)
                {
                    await Kernel.RunAsync("chattr", "-R", "-i", Directory);
                }
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            Assert.True(mounts.Count == 0, "mounts left behind: " + string.Join(", ", mounts));
            Assert.True(loops.Count == 0, "loop devices left behind: " + string.Join(", ", loops));
        }
    }
}
