using Microsoft.Extensions.Logging.Abstractions;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Api.Storage;
using Stowage.Controllers.VolumeBinding;
using Stowage.Runtime.Client;
using Stowage.Runtime.Controllers;
using Stowage.Runtime.Events;
using Stowage.Runtime.Informers;
using Stowage.Server.Hosting;

namespace Stowage.Controllers.Tests.Integration;

/// <summary>
/// The binder against a real API server when the answer to one of its writes arrives late: after
/// the watch has shown that write and a newer write by someone else (pvc-protection adding its
/// finalizer is the usual one). Its view must not go back to the older object, or every later
/// write would conflict and the claim would never finish binding.
/// </summary>
public sealed class StaleResponseTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "stowage-ctl-" + Guid.NewGuid().ToString("N")[..12]);
    private StowageServer _server = null!;
    private ApiConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _server = await StowageServer.StartAsync(new ServerOptions { DataDir = _dir, Port = 0 }, null, CancellationToken.None);
        _connection = new ApiConnection(_server.Url, _server.Credentials.CertificateAuthorityPem, _server.Credentials.AdminToken);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_claim_binds_when_the_answer_to_its_volume_name_write_comes_after_a_newer_write_was_watched()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var client = new ApiClient(_connection, "test");
        var informers = new InformerSet();
        var volumes = informers.Add(new Informer<PersistentVolume>(client, ResourceTypes.PersistentVolumes, NullLogger.Instance, TimeProvider.System));
        var claims = informers.Add(new Informer<PersistentVolumeClaim>(client, ResourceTypes.PersistentVolumeClaims, NullLogger.Instance, TimeProvider.System));
        var classes = informers.Add(new Informer<StorageClass>(client, ResourceTypes.StorageClasses, NullLogger.Instance, TimeProvider.System));
        var pods = informers.Add(new Informer<Pod>(client, ResourceTypes.Pods, NullLogger.Instance, TimeProvider.System));

        // The binder's client holds back the answer to its first write of the claim itself (volumeName
        // and bind-completed) until someone else has written the claim again and the informer has seen it.
        var interfered = 0;
        using var binderHttp = new HttpClient(new AfterResponseHandler(_connection.CreateHttpClient(), async (request, cancellationToken) =>
        {
            if (request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.EndsWith("/persistentvolumeclaims/late", StringComparison.Ordinal)
                && Interlocked.Exchange(ref interfered, 1) == 0)
            {
                var current = await client.GetAsync(ResourceTypes.PersistentVolumeClaims, "default", "late", cancellationToken);
                var labelled = await client.UpdateAsync(ResourceTypes.PersistentVolumeClaims,
                    current! with { Metadata = current.Metadata with { Labels = new Dictionary<string, string> { ["touched"] = "yes" } } }, cancellationToken);
                while (claims.Get("default/late")?.Metadata.ResourceVersion != labelled.Metadata.ResourceVersion)
                {
                    await Task.Delay(5, cancellationToken);
                }
            }
        }))
        { BaseAddress = _connection.Server };
        using var binderClient = new ApiClient(binderHttp, "persistentvolume-controller");
        await using var recorder = new EventRecorder(binderClient, "persistentvolume-controller", TimeProvider.System, NullLogger.Instance);
        var binder = new VolumeBindingController(binderClient, recorder, [], volumes, claims, classes, pods, 2, TimeProvider.System, NullLogger.Instance);
        var running = Task.WhenAll(informers.RunAsync(cts.Token), binder.RunAsync(cts.Token));

        await client.CreateAsync(ResourceTypes.PersistentVolumes, new PersistentVolume
        {
            Metadata = new ObjectMeta { Name = "late-pv" },
            Spec = new PersistentVolumeSpec
            {
                Capacity = new Dictionary<string, Quantity> { ["storage"] = Quantity.Parse("1Gi") },
                AccessModes = ["ReadWriteOnce"],
                StorageClassName = "",
                HostPath = new HostPathVolumeSource { Path = "/tmp/late-pv" },
            },
        }, cts.Token);
        await client.CreateAsync(ResourceTypes.PersistentVolumeClaims, new PersistentVolumeClaim
        {
            Metadata = new ObjectMeta { Name = "late", Namespace = "default" },
            Spec = new PersistentVolumeClaimSpec
            {
                AccessModes = ["ReadWriteOnce"],
                StorageClassName = "",
                Resources = new VolumeResourceRequirements { Requests = new Dictionary<string, Quantity> { ["storage"] = Quantity.Parse("1Gi") } },
            },
        }, cts.Token);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        PersistentVolumeClaim? claim = null;
        while (DateTime.UtcNow < deadline && (claim = await client.GetAsync(ResourceTypes.PersistentVolumeClaims, "default", "late", cts.Token))?.Status?.Phase != "Bound")
        {
            await Task.Delay(20, cts.Token);
        }
        Assert.Equal(1, interfered);
        Assert.Equal("Bound", claim?.Status?.Phase);
        Assert.Equal("late-pv", claim?.Spec?.VolumeName);
        Assert.Equal("yes", claim?.Metadata.Labels?["touched"]);
        await cts.CancelAsync();
        await running;
    }

    /// <summary>Sends through an inner client, then runs a hook before handing the response back.</summary>
    private sealed class AfterResponseHandler(HttpClient inner, Func<HttpRequestMessage, CancellationToken, Task> afterResponse) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // HttpClient sends a request message once: forward a copy.
            using var copy = new HttpRequestMessage(request.Method, request.RequestUri);
            if (request.Content is not null)
            {
                copy.Content = new ByteArrayContent(await request.Content.ReadAsByteArrayAsync(cancellationToken));
                copy.Content.Headers.ContentType = request.Content.Headers.ContentType;
            }
            var response = await inner.SendAsync(copy, cancellationToken);
            await afterResponse(request, cancellationToken);
            return response;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
