using System.Diagnostics;
using Stowage.EndToEnd.Tests.Harness;

namespace Stowage.EndToEnd.Tests;

/// <summary>
/// Issue 4 as a user sees it, on the real kernel: a claim with no class gets a pvc-&lt;uid&gt; volume
/// of the default "local" class whose size is enforced, shown by df, and grows when the claim does;
/// Delete removes the storage, a Retain class keeps it.
/// </summary>
public sealed class ProvisioningTests
{
    private const long Mi = 1024 * 1024;

    private static string Claim(string name, string size, string? storageClass = null) =>
        $"apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: {name}\nspec:\n  accessModes: [ReadWriteOnce]\n{(storageClass is null ? "" : $"  storageClassName: {storageClass}\n")}  resources:\n    requests:\n      storage: {size}\n";

    private static async Task<string> JsonPath(Kubectl k, string what, string path) =>
        (await k.RunAsync(["get", .. what.Split(' '), "-o", $"jsonpath={path}"])).Ok().Stdout;

    private static (long Size, long Avail) Df(string path)
    {
        var start = new ProcessStartInfo("df") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-B1", "--output=size,avail", path }) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var line = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        p.WaitForExit();
        return (long.Parse(line[0]), long.Parse(line[1]));
    }

    private static long WriteUntilFull(string file, long maxBytes)
    {
        var chunk = new byte[Mi];
        long written = 0;
        try
        {
            using var f = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.WriteThrough);
            while (written < maxBytes)
            {
                f.Write(chunk);
                written += chunk.Length;
            }
            f.Flush(true);
            return written;
        }
        catch (IOException)
        {
            return -written; // negative: the write failed after this many bytes
        }
    }

    [Fact]
    public async Task A_claim_without_class_gets_an_enforced_local_volume_that_df_shows_and_that_grows()
    {
        await using var server = await ServerProcess.StartAsync();
        using var k = new Kubectl(server.Kubeconfig);
        await Eventually.WaitAsync(async () => (await k.RunAsync("get sc")).Stdout, s => s.Contains("local (default)", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "local (default)");
        Assert.Matches(@"local \(default\)\s+stowage.io/local\s+Delete\s+Immediate\s+true", (await k.RunAsync("get sc")).Ok().Stdout);

        (await k.RunAsync(["apply", "-f", "-"], Claim("data", "100Mi"))).Ok();
        var volume = await Eventually.WaitAsync(() => JsonPath(k, "pvc data", "{.spec.volumeName}"), v => v.Length > 0, TimeSpan.FromSeconds(20), "bound");
        var uid = await JsonPath(k, "pvc data", "{.metadata.uid}");
        Assert.Equal("pvc-" + uid, volume);
        Assert.Matches(@"data\s+Bound\s+pvc-\S+\s+100Mi\s+RWO\s+local", (await k.RunAsync("get pvc data")).Ok().Stdout);
        var path = await JsonPath(k, "pv " + volume, "{.spec.local.path}");

        var (size, _) = Df(path);
        Assert.InRange(size, 90 * Mi, 100 * Mi); // the claim's size, less ext4's own metadata
        var written = WriteUntilFull(Path.Combine(path, "fill"), 150 * Mi);
        Assert.True(written < 0, "writing 150Mi into a 100Mi volume must fail");
        Assert.InRange(-written, 80 * Mi, 100 * Mi);
        File.Delete(Path.Combine(path, "fill"));

        (await k.RunAsync(["patch", "pvc", "data", "-p", "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"200Mi\"}}}}"])).Ok();
        await Eventually.WaitAsync(() => JsonPath(k, "pvc data", "{.status.capacity.storage}"), v => v == "200Mi", TimeSpan.FromSeconds(30), "claim grown");
        Assert.Equal("200Mi", await JsonPath(k, "pv " + volume, "{.spec.capacity.storage}"));
        Assert.InRange(Df(path).Size, 180 * Mi, 200 * Mi);
        Assert.Equal(150 * Mi, WriteUntilFull(Path.Combine(path, "fill"), 150 * Mi));
        File.Delete(Path.Combine(path, "fill"));

        var shrink = (await k.RunAsync(["patch", "pvc", "data", "-p", "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"50Mi\"}}}}"])).Fails();
        Assert.Contains("spec.resources.requests.storage: Forbidden", shrink.Stderr);

        var metrics = (await k.RunAsync("get --raw /metrics")).Ok().Stdout;
        Assert.Contains("kubelet_volume_stats_capacity_bytes{namespace=\"default\",persistentvolumeclaim=\"data\"}", metrics);
        Assert.Contains("stowage_pool_sizes_enforced", metrics);

        (await k.RunAsync("delete pvc data --timeout=30s")).Ok();
        await Eventually.WaitAsync(async () => (await k.RunAsync("get pv " + volume)).ExitCode, c => c != 0, TimeSpan.FromSeconds(30), "volume deleted");
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)), "Delete removes the volume's storage");
        Assert.DoesNotContain(path, File.ReadAllText("/proc/mounts"));
    }

    [Fact]
    public async Task A_Retain_class_keeps_the_volume_Released_and_a_too_large_claim_says_the_pool_is_full()
    {
        await using var server = await ServerProcess.StartAsync();
        using var k = new Kubectl(server.Kubeconfig);
        await Eventually.WaitAsync(async () => (await k.RunAsync("get sc local")).ExitCode, c => c == 0, TimeSpan.FromSeconds(20), "local class");
        (await k.RunAsync(["create", "-f", "-"], "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: keep\nprovisioner: stowage.io/local\nreclaimPolicy: Retain\n")).Ok();
        (await k.RunAsync(["create", "-f", "-"], Claim("kept", "64Mi", "keep"))).Ok();
        var volume = await Eventually.WaitAsync(() => JsonPath(k, "pvc kept", "{.spec.volumeName}"), v => v.Length > 0, TimeSpan.FromSeconds(20), "bound");
        var path = await JsonPath(k, "pv " + volume, "{.spec.local.path}");
        File.WriteAllText(Path.Combine(path, "keep.txt"), "data");
        (await k.RunAsync("delete pvc kept --timeout=30s")).Ok();
        await Eventually.WaitAsync(() => JsonPath(k, "pv " + volume, "{.status.phase}"), p => p == "Released", TimeSpan.FromSeconds(20), "released");
        Assert.Equal("data", File.ReadAllText(Path.Combine(path, "keep.txt")));

        (await k.RunAsync(["create", "-f", "-"], Claim("enormous", "100Pi"))).Ok();
        var events = await Eventually.WaitAsync(async () => (await k.RunAsync("get events --field-selector involvedObject.name=enormous")).Ok().Stdout,
            s => s.Contains("ProvisioningFailed", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "pool full event");
        Assert.Contains("cannot provision", events);
        Assert.Equal("Pending", await JsonPath(k, "pvc enormous", "{.status.phase}"));
    }
}
