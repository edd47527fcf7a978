using Microsoft.Extensions.Logging.Abstractions;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Runtime.Client;
using Stowage.Runtime.Informers;

using static Stowage.Runtime.Tests.TestVolumes;

namespace Stowage.Runtime.Tests;

/// <summary>The typed client over the server's loopback transport: the same answers as over HTTPS.</summary>
public sealed class LoopbackClientTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fx;

    public LoopbackClientTests(ServerFixture fx) => _fx = fx;

    [Fact]
    public async Task Writes_and_reads_go_through_validation_admission_and_concurrency_checks()
    {
        using var client = new ApiClient(_fx.LoopbackConnection, "loopback-test");
        var ct = CancellationToken.None;

        var created = await client.CreateAsync(ResourceTypes.PersistentVolumes, Pv("loop-a"), ct);
        Assert.Equal(["kubernetes.io/pv-protection"], created.Metadata.Finalizers);
        Assert.Equal("loopback-test", Assert.Single(created.Metadata.ManagedFields!).Manager);

        var labelled = await client.UpdateAsync(ResourceTypes.PersistentVolumes,
            created with { Metadata = created.Metadata with { Labels = new Dictionary<string, string> { ["disktype"] = "ssd" } } }, ct);
        Assert.Equal("ssd", (await client.GetAsync(ResourceTypes.PersistentVolumes, null, "loop-a", ct))!.Metadata.Labels!["disktype"]);

        var stale = await Assert.ThrowsAsync<ApiClientException>(() => client.UpdateAsync(ResourceTypes.PersistentVolumes,
            created with { Metadata = created.Metadata with { Labels = new Dictionary<string, string> { ["disktype"] = "hdd" } } }, ct));
        Assert.True(stale.IsConflict);
        Assert.Contains("the object has been modified", stale.Message, StringComparison.Ordinal);

        var invalid = await Assert.ThrowsAsync<ApiClientException>(() => client.CreateAsync(ResourceTypes.PersistentVolumes,
            Pv("loop-b") with { Spec = Pv("loop-b").Spec! with { AccessModes = null } }, ct));
        Assert.Equal(422, invalid.Code);
        Assert.Contains("spec.accessModes: Required value", invalid.Message, StringComparison.Ordinal);

        Assert.Null(await client.GetAsync(ResourceTypes.PersistentVolumes, null, "loop-missing", ct));
        Assert.Contains((await client.ListAsync(ResourceTypes.PersistentVolumes, null, ct, labelSelector: "disktype=ssd")).Items,
            pv => pv.Metadata.Name == "loop-a" && pv.Metadata.ResourceVersion == labelled.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_client_that_trims_managed_fields_reads_answers_without_them_and_its_writes_are_still_recorded()
    {
        using var controller = new ApiClient(_fx.LoopbackConnection, "trimming-controller") { TrimsManagedFields = true };
        using var admin = new ApiClient(_fx.LoopbackConnection, "loopback-test");
        var ct = CancellationToken.None;

        var created = await controller.CreateAsync(ResourceTypes.PersistentVolumes, Pv("loop-trim"), ct);
        var labelled = await controller.UpdateAsync(ResourceTypes.PersistentVolumes,
            created with { Metadata = created.Metadata with { Labels = new Dictionary<string, string> { ["disktype"] = "ssd" } } }, ct);
        var read = await controller.GetAsync(ResourceTypes.PersistentVolumes, null, "loop-trim", ct);
        var listed = Assert.Single((await controller.ListAsync(ResourceTypes.PersistentVolumes, null, ct, fieldSelector: "metadata.name=loop-trim")).Items);

        Assert.All(new[] { created, labelled, read!, listed }, pv => Assert.Null(pv.Metadata.ManagedFields));
        Assert.Equal("ssd", listed.Metadata.Labels!["disktype"]);
        var stored = (await admin.GetAsync(ResourceTypes.PersistentVolumes, null, "loop-trim", ct))!;
        Assert.Equal("trimming-controller", Assert.Single(stored.Metadata.ManagedFields!).Manager);
        Assert.Contains("f:disktype", stored.Metadata.ManagedFields![0].FieldsV1!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_the_right_token_is_refused_as_over_the_network()
    {
        using var stranger = new ApiClient(_fx.LoopbackConnection with { Token = "not-the-token" }, "loopback-test");
        using var admin = new ApiClient(_fx.LoopbackConnection, "loopback-test");

        var refused = await Assert.ThrowsAsync<ApiClientException>(() => stranger.ListAsync(ResourceTypes.PersistentVolumes, null, CancellationToken.None));

        Assert.Equal(401, refused.Code);
        Assert.NotNull(await admin.ListAsync(ResourceTypes.PersistentVolumes, null, CancellationToken.None));
    }

    [Fact]
    public async Task An_informer_lists_then_watches_through_the_loopback_transport()
    {
        using var client = new ApiClient(_fx.LoopbackConnection, "loopback-test");
        await client.CreateAsync(ResourceTypes.PersistentVolumes, Pv("loop-inf-before"), CancellationToken.None);
        var informer = new Informer<PersistentVolume>(client, ResourceTypes.PersistentVolumes, NullLogger.Instance, TimeProvider.System);
        var added = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        informer.OnAdd(pv =>
        {
            if (pv.Metadata.Name == "loop-inf-after")
            {
                added.TrySetResult(pv.Metadata.ResourceVersion!);
            }
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);
        Assert.NotNull(informer.Get("loop-inf-before"));

        var created = await client.CreateAsync(ResourceTypes.PersistentVolumes, Pv("loop-inf-after"), cts.Token);

        Assert.Equal(created.Metadata.ResourceVersion, await added.Task.WaitAsync(cts.Token));
        await cts.CancelAsync();
        await run;
    }
}
