using Microsoft.Extensions.Logging.Abstractions;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Runtime.Client;
using Stowage.Runtime.Informers;
using Stowage.Runtime.Leadership;

using static Stowage.Runtime.Tests.TestVolumes;

namespace Stowage.Runtime.Tests;

public sealed class InformerAndLeaderTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fx;

    public InformerAndLeaderTests(ServerFixture fx) => _fx = fx;

    [Fact]
    public async Task Informer_syncs_existing_objects_then_sees_adds_updates_and_deletes_in_order()
    {
        using var client = new ApiClient(_fx.Connection, "test");
        await client.CreateAsync(ResourceTypes.PersistentVolumes, Pv("inf-before"), CancellationToken.None);
        var informer = new Informer<PersistentVolume>(client, ResourceTypes.PersistentVolumes, NullLogger.Instance, TimeProvider.System);
        var seen = System.Threading.Channels.Channel.CreateUnbounded<string>();
        informer.OnAdd(pv => seen.Writer.TryWrite("add " + pv.Metadata.Name));
        informer.OnUpdate((_, pv) => seen.Writer.TryWrite("update " + pv.Metadata.Name));
        informer.OnDelete(pv => seen.Writer.TryWrite("delete " + pv.Metadata.Name));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);
        Assert.NotNull(informer.Get("inf-before"));

        var created = await client.CreateAsync(ResourceTypes.PersistentVolumes, Pv("inf-after"), cts.Token);
        await client.UpdateAsync(ResourceTypes.PersistentVolumes, created with { Metadata = created.Metadata with { Labels = new Dictionary<string, string> { ["x"] = "y" } } }, cts.Token);
        await client.DeleteAsync(ResourceTypes.PersistentVolumes, null, "inf-after", cts.Token);
        // pv-protection (added on create) holds the volume until its finalizer is removed.
        await client.MergePatchAsync(ResourceTypes.PersistentVolumes, null, "inf-after", """{"metadata":{"finalizers":null}}""", cts.Token);

        var events = new List<string>();
        while (events.Count(e => e.EndsWith("inf-after", StringComparison.Ordinal)) < 4)
        {
            events.Add(await seen.Reader.ReadAsync(cts.Token));
        }
        Assert.Equal(["add inf-after", "update inf-after", "update inf-after", "delete inf-after"], events.Where(e => e.EndsWith("inf-after", StringComparison.Ordinal)));
        Assert.Null(informer.Get("inf-after"));
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Informer_caches_objects_without_managed_fields_and_writing_one_back_keeps_the_stored_entries()
    {
        using var creator = new ApiClient(_fx.Connection, "creator");
        using var controller = new ApiClient(_fx.Connection, "controller");
        await creator.CreateAsync(ResourceTypes.PersistentVolumes, Pv("inf-trim-listed"), CancellationToken.None);
        var informer = new Informer<PersistentVolume>(controller, ResourceTypes.PersistentVolumes, NullLogger.Instance, TimeProvider.System);
        var watched = new TaskCompletionSource<PersistentVolume>(TaskCreationOptions.RunContinuationsAsynchronously);
        informer.OnAdd(pv =>
        {
            if (pv.Metadata.Name == "inf-trim-watched")
            {
                watched.TrySetResult(pv);
            }
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);
        var created = await creator.CreateAsync(ResourceTypes.PersistentVolumes, Pv("inf-trim-watched"), cts.Token);

        var fromWatch = await watched.Task.WaitAsync(cts.Token);
        var fromList = informer.Get("inf-trim-listed")!;
        Assert.Null(fromWatch.Metadata.ManagedFields);
        Assert.Null(fromList.Metadata.ManagedFields);
        Assert.Equal(created.Metadata.ResourceVersion, fromWatch.Metadata.ResourceVersion);
        Assert.Equal(Json(created.Spec), Json(fromWatch.Spec));
        Assert.Equal(["kubernetes.io/pv-protection"], fromWatch.Metadata.Finalizers);

        var labelled = await controller.UpdateAsync(ResourceTypes.PersistentVolumes,
            fromWatch with { Metadata = fromWatch.Metadata with { Labels = new Dictionary<string, string> { ["x"] = "y" } } }, cts.Token);

        Assert.Equal(["controller", "creator"], labelled.Metadata.ManagedFields!.Select(e => e.Manager).Order(StringComparer.Ordinal));
        await cts.CancelAsync();
        await run;
    }

    private static string Json(PersistentVolumeSpec? spec) =>
        System.Text.Json.JsonSerializer.Serialize(spec, Stowage.Api.ApiJsonContext.Default.PersistentVolumeSpec);

    [Fact]
    public async Task Only_one_of_two_candidates_leads_and_the_other_takes_over_when_it_stops()
    {
        using var client = new ApiClient(_fx.Connection, "test");
        var timings = new LeaderElectionTimings(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100));
        var a = new LeaderElector(client, "kube-system", "test-lease", "a", timings, TimeProvider.System, NullLogger.Instance);
        var b = new LeaderElector(client, "kube-system", "test-lease", "b", timings, TimeProvider.System, NullLogger.Instance);
        var leading = 0;
        var maxLeading = 0;
        var led = new List<string>();
        Func<string, CancellationToken, Task> lead = async (who, ct) =>
        {
            lock (led) { led.Add(who); maxLeading = Math.Max(maxLeading, Interlocked.Increment(ref leading)); }
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { }
            finally { Interlocked.Decrement(ref leading); }
        };
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = a.RunAsync(ct => lead("a", ct), stopA.Token);
        var runB = b.RunAsync(ct => lead("b", ct), stopB.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (led.Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        var first = led[0];
        await (first == "a" ? stopA : stopB).CancelAsync();
        while (led.Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(2, led.Count);
        Assert.NotEqual(first, led[1]);
        Assert.Equal(1, maxLeading);
        await stopA.CancelAsync();
        await stopB.CancelAsync();
        await Task.WhenAll(runA, runB);
    }
}
