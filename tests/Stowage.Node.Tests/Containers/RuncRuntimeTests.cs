using System.Diagnostics;
using Stowage.Node.Containers;
using Xunit.Abstractions;

namespace Stowage.Node.Tests.Containers;

public sealed class RuncRuntimeTests(ITestOutputHelper output)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [RuncFact]
    public async Task A_container_prints_to_its_log_and_exits_0_as_Completed_with_its_times()
    {
        await using var node = await TestNode.CreateAsync();
        var config = node.Config("hello", ["sh", "-c", "echo hello from $HOSTNAME; echo to stderr >&2"]);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await node.Runtime.StartAsync(config, None);
        var state = await node.WaitExitedAsync(config.Id);

        Assert.Equal((0, "Completed"), (state.ExitCode, state.Reason));
        Assert.NotNull(state.StartedAt);
        Assert.NotNull(state.FinishedAt);
        Assert.InRange(state.StartedAt.Value, before, state.FinishedAt.Value);
        Assert.InRange(state.FinishedAt.Value, before, DateTimeOffset.UtcNow.AddSeconds(1));
        // stdout and stderr reach the log through two runc pipes (as through containerd's), so only each stream keeps its order.
        Assert.Equal(["hello from pod", "to stderr"], node.Log(config).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [RuncFact]
    public async Task A_container_that_exits_3_is_an_Error_with_exit_code_3()
    {
        await using var node = await TestNode.CreateAsync();
        var config = node.Config("three", ["sh", "-c", "exit 3"]);

        await node.Runtime.StartAsync(config, None);
        var state = await node.WaitExitedAsync(config.Id);

        Assert.Equal((3, "Error", (string?)null), (state.ExitCode, state.Reason, state.Message));
    }

    [RuncFact]
    public async Task A_missing_binary_is_a_StartError_128_with_runcs_message()
    {
        await using var node = await TestNode.CreateAsync();
        var config = node.Config("missing", ["nosuch"]);

        await node.Runtime.StartAsync(config, None);
        var state = await node.WaitExitedAsync(config.Id);

        Assert.Equal((128, "StartError"), (state.ExitCode, state.Reason));
        Assert.Equal("exec: \"nosuch\": executable file not found in $PATH", state.Message);
    }

    [RuncFact]
    public async Task Env_and_working_directory_reach_the_process_with_the_container_overriding_the_image()
    {
        await using var node = await TestNode.CreateAsync();
        var image = node.Busybox with { Env = [.. node.Busybox.Env, "FROM_IMAGE=image", "BOTH=image"], WorkingDir = "/root" };
        var config = node.Config("env", ["sh", "-c", "echo $FROM_IMAGE $BOTH $ONLY $HOSTNAME; pwd"], image: image) with
        {
            Env = [new("BOTH", "container"), new("ONLY", "here")],
            WorkingDir = "/tmp",
        };

        await node.Runtime.StartAsync(config, None);
        Assert.Equal(0, (await node.WaitExitedAsync(config.Id)).ExitCode);

        Assert.Equal("image container here pod\n/tmp\n", node.Log(config));
    }

    [RuncFact]
    public async Task Bind_mounts_are_writable_or_read_only_and_a_tmpfs_mount_is_tmpfs()
    {
        await using var node = await TestNode.CreateAsync();
        var rw = Directory.CreateDirectory(Path.Combine(node.Paths.Root, "host-rw")).FullName;
        var ro = Directory.CreateDirectory(Path.Combine(node.Paths.Root, "host-ro")).FullName;
        await File.WriteAllTextAsync(Path.Combine(ro, "file.txt"), "ro content\n");
        var config = node.Config("mounts", ["sh", "-c",
            "echo written > /data/out.txt; cat /ro/file.txt; echo x > /ro/new.txt; grep ' /scratch ' /proc/mounts | cut -d' ' -f1-3; exit 0"]) with
        {
            Mounts = [new("/data", rw, false), new("/ro", ro, true), new("/scratch", "tmpfs", false, "tmpfs")],
        };

        await node.Runtime.StartAsync(config, None);
        Assert.Equal(0, (await node.WaitExitedAsync(config.Id)).ExitCode);

        Assert.Equal("written\n", await File.ReadAllTextAsync(Path.Combine(rw, "out.txt")));
        Assert.False(File.Exists(Path.Combine(ro, "new.txt")));
        var log = node.Log(config);
        Assert.Contains("ro content\n", log, StringComparison.Ordinal);
        Assert.Contains("can't create /ro/new.txt: Read-only file system", log, StringComparison.Ordinal);
        Assert.Contains("tmpfs /scratch tmpfs", log, StringComparison.Ordinal);
    }

    [RuncFact]
    public async Task A_containers_writes_to_its_root_stay_out_of_the_image()
    {
        await using var node = await TestNode.CreateAsync();
        var config = node.Config("writer", ["sh", "-c", "echo mine > /bin/new-file && rm /etc/passwd && echo ok"]);

        await node.Runtime.StartAsync(config, None);
        Assert.Equal(0, (await node.WaitExitedAsync(config.Id)).ExitCode);

        Assert.Equal("ok\n", node.Log(config));
        Assert.False(File.Exists(Path.Combine(node.Busybox.RootfsPath, "bin", "new-file")));
        Assert.True(File.Exists(Path.Combine(node.Busybox.RootfsPath, "etc", "passwd")));
    }

    [RuncFact]
    public async Task Two_containers_of_one_pod_sandbox_reach_each_other_on_localhost()
    {
        await using var node = await TestNode.CreateAsync();
        var netns = await node.Sandbox.EnsureAsync(node.PodUid, None);
        Assert.Contains(node.PodUid, await node.Sandbox.ListAsync(None));
        var server = node.Config("server", ["sh", "-c", "mkdir /www && echo hello over localhost > /www/index.html && exec httpd -f -p 127.0.0.1:8080 -h /www"])
            with { NetworkNamespacePath = netns };
        var client = node.Config("client", ["sh", "-c",
            "for i in $(seq 300); do wget -q -O - http://127.0.0.1:8080/ && exit 0; sleep 0.1; done; exit 1"]) with { NetworkNamespacePath = netns };

        await node.Runtime.StartAsync(server, None);
        await node.Runtime.StartAsync(client, None);
        var state = await node.WaitExitedAsync(client.Id);

        Assert.Equal(0, state.ExitCode);
        Assert.Contains("hello over localhost", node.Log(client), StringComparison.Ordinal);
        await node.Runtime.RemoveAsync(server.Id, None);
        await node.Runtime.RemoveAsync(client.Id, None);
        await node.Sandbox.RemoveAsync(node.PodUid, None);
        await node.Sandbox.RemoveAsync(node.PodUid, None);
        Assert.DoesNotContain(node.PodUid, await node.Sandbox.ListAsync(None));
    }

    [RuncFact]
    public async Task Stopping_a_process_that_ignores_TERM_kills_it_after_the_grace_period()
    {
        await using var node = await TestNode.CreateAsync();
        var config = node.Config("sleeper", ["sleep", "1000"]);
        await node.Runtime.StartAsync(config, None);
        Assert.Equal(ContainerStatus.Running, (await node.Runtime.GetStateAsync(config.Id, None))?.Status);

        await node.Runtime.StopAsync(config.Id, TimeSpan.FromSeconds(1), None);
        var state = await node.Runtime.GetStateAsync(config.Id, None);

        Assert.Equal((ContainerStatus.Exited, 137, "Error"), (state?.Status, state?.ExitCode, state?.Reason));
        await node.Runtime.StopAsync(config.Id, TimeSpan.FromSeconds(1), None);
    }

    [Fact]
    public async Task A_process_still_named_runc_init_is_not_yet_the_container()
    {
        // runc's init runs as "runc:[2:INIT]" until it execs the container's command; the kernel names a
        // process after the file it executes, so a copy of sleep under that name stands in for it.
        var dir = Directory.CreateTempSubdirectory("stowage-comm-").FullName;
        var init = Path.Combine(dir, "runc:[2:INIT]");
        File.Copy(File.Exists("/usr/bin/sleep") ? "/usr/bin/sleep" : "/bin/sleep", init);
        using var notYet = System.Diagnostics.Process.Start(init, "30");
        using var command = System.Diagnostics.Process.Start(File.Exists("/usr/bin/sleep") ? "/usr/bin/sleep" : "/bin/sleep", "30");
        try
        {
            await TestNode.WaitUntilAsync(() => File.ReadAllText($"/proc/{notYet.Id}/comm").StartsWith("runc", StringComparison.Ordinal), "the stand-in to run");
            Assert.True(RuncRuntime.IsRuncInit(notYet.Id));
            Assert.False(RuncRuntime.IsRuncInit(command.Id));
            Assert.False(RuncRuntime.IsRuncInit(int.MaxValue));
        }
        finally
        {
            notYet.Kill();
            command.Kill();
            await notYet.WaitForExitAsync();
            await command.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    [RuncFact]
    public async Task Stopping_a_shell_that_traps_TERM_lets_it_exit_0()
    {
        await using var node = await TestNode.CreateAsync();
        var config = node.Config("trapper", ["sh", "-c", "trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 0.05; done"]);
        await node.Runtime.StartAsync(config, None);
        await TestNode.WaitUntilAsync(() => node.Log(config).Contains("ready", StringComparison.Ordinal), "the trap to be set");

        await node.Runtime.StopAsync(config.Id, TimeSpan.FromSeconds(60), None);
        var state = await node.Runtime.GetStateAsync(config.Id, None);

        Assert.Equal((ContainerStatus.Exited, 0, "Completed"), (state?.Status, state?.ExitCode, state?.Reason));
        Assert.Equal("ready\nbye\n", node.Log(config));
    }

    [RuncFact]
    public async Task A_container_outlives_its_runtime_object_and_a_new_runtime_adopts_it_and_sees_its_exit_code()
    {
        await using var node = await TestNode.CreateAsync();
        var signal = Directory.CreateDirectory(Path.Combine(node.Paths.Root, "signal")).FullName;
        var config = node.Config("survivor", ["sh", "-c", "while [ ! -f /signal/go ]; do sleep 0.02; done; exit 7"]) with
        {
            Mounts = [new("/signal", signal, true)],
            Attempt = 2,
        };
        await StartWithThrowawayRuntimeAsync(node.Paths, config);
        GC.Collect();
        GC.WaitForPendingFinalizers();

        var adopted = new RuncRuntime(node.Paths);
        var found = Assert.Single(await adopted.ListAsync(None));
        Assert.Equal((config.Id, node.PodUid, "default", "pod", "survivor", 2, ContainerStatus.Running),
            (found.Id, found.PodUid, found.PodNamespace, found.PodName, found.ContainerName, found.Attempt, found.State.Status));
        await File.WriteAllTextAsync(Path.Combine(signal, "go"), "");
        var state = await TestNode.WaitExitedAsync(adopted, config.Id);

        Assert.Equal((7, "Error"), (state.ExitCode, state.Reason));
    }

    private static async Task StartWithThrowawayRuntimeAsync(NodePaths paths, ContainerConfig config)
    {
        var runtime = new RuncRuntime(paths);
        await runtime.StartAsync(config, None);
    }

    [RuncFact]
    public async Task Removing_a_running_container_leaves_no_mount_no_runc_state_and_no_bundle()
    {
        await using var node = await TestNode.CreateAsync();
        var config = node.Config("removed", ["sleep", "1000"]);
        await node.Runtime.StartAsync(config, None);
        var bundle = node.Paths.ContainerBundle(config.Id);
        Assert.Contains(Path.Combine(bundle, "rootfs"), MountPoints());

        await node.Runtime.RemoveAsync(config.Id, None);
        await node.Runtime.RemoveAsync(config.Id, None);

        Assert.DoesNotContain(MountPoints(), m => m.StartsWith(bundle, StringComparison.Ordinal));
        Assert.False(Directory.Exists(bundle));
        Assert.False(Directory.Exists(Path.Combine(node.Paths.RuncRoot, config.Id)));
        Assert.Null(await node.Runtime.GetStateAsync(config.Id, None));
        Assert.Empty(await node.Runtime.ListAsync(None));
    }

    [RuncFact]
    public async Task Starting_a_container_again_after_it_exited_replaces_the_old_run()
    {
        await using var node = await TestNode.CreateAsync();
        var first = node.Config("again", ["sh", "-c", "exit 1"]);
        await node.Runtime.StartAsync(first, None);
        await node.WaitExitedAsync(first.Id);
        var second = node.Config("again", ["sh", "-c", "echo second"]) with { Attempt = 1, LogPath = node.Paths.ContainerLog(node.PodUid, "again", 1) };

        await node.Runtime.StartAsync(second, None);
        var state = await node.WaitExitedAsync(second.Id);

        Assert.Equal(0, state.ExitCode);
        Assert.Equal(1, Assert.Single(await node.Runtime.ListAsync(None)).Attempt);
    }

    [RuncFact]
    public async Task Reports_how_long_StartAsync_takes_for_busybox()
    {
        await using var node = await TestNode.CreateAsync();
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var config = node.Config($"latency{i}", ["sleep", "1000"]);
            var watch = Stopwatch.StartNew();
            await node.Runtime.StartAsync(config, None);
            times.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(ContainerStatus.Running, (await node.Runtime.GetStateAsync(config.Id, None))?.Status);
        }
        var removal = Stopwatch.StartNew();
        foreach (var container in await node.Runtime.ListAsync(None))
        {
            await node.Runtime.RemoveAsync(container.Id, None);
        }
        output.WriteLine($"StartAsync (busybox sleep) ms: {string.Join(", ", times.Select(t => t.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}; "
            + $"RemoveAsync of a running container: {removal.Elapsed.TotalMilliseconds / times.Count:F1} ms each");
    }

    private static List<string> MountPoints() =>
        [.. File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4])];
}
