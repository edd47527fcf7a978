using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Stowage.Api;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Server.Printing;
using static Stowage.Server.Tests.Printing.Fixtures;

namespace Stowage.Server.Tests.Printing;

/// <summary>
/// The real kubectl renders our tables. A tiny server on a loopback port answers only what
/// <c>kubectl get pv</c> needs: /version, legacy discovery, and the PV list as a Table whose ages are
/// computed at the fixtures' fixed clock, so the expected output is exact.
/// </summary>
public sealed class KubectlTableTests : IAsyncLifetime
{
    private const string VersionJson =
        """{"major":"1","minor":"32","gitVersion":"v1.32.4","gitCommit":"0000000000000000000000000000000000000000","gitTreeState":"clean","buildDate":"2025-04-22T00:00:00Z","goVersion":"go1.23.8","compiler":"gc","platform":"linux/amd64"}""";

    private const string ApiResourceListJson =
        """{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[{"name":"persistentvolumes","singularName":"persistentvolume","namespaced":false,"kind":"PersistentVolume","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["pv"]}]}""";

    private static readonly TimeSpan KubectlTimeout = TimeSpan.FromSeconds(60);

    private readonly string _tempDir = Directory.CreateTempSubdirectory("stowage-kubectl-").FullName;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly TableWriter<PersistentVolume> _tableWriter = new(PersistentVolumePrinter.Instance);
    private readonly TableItem<PersistentVolume>[] _volumes = [Item(Pv0001), Item(Pv0002)];
    private WebApplication? _app;
    private string _server = "";

    private static TableItem<PersistentVolume> Item(PersistentVolume pv) =>
        new(pv, JsonSerializer.SerializeToUtf8Bytes(pv.WithType("v1", "PersistentVolume"), ApiJsonContext.Default.PersistentVolume));

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Use((context, next) =>
        {
            _requests.Enqueue($"{context.Request.Path}{context.Request.QueryString} Accept: {context.Request.Headers.Accept}");
            return next(context);
        });
        _app.MapGet("/version", () => Json(VersionJson));
        _app.MapGet("/api", (HttpContext context) => Json(
            $$"""{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"{{context.Request.Host}}"}]}"""));
        _app.MapGet("/apis", () => Json("""{"kind":"APIGroupList","apiVersion":"v1","groups":[]}"""));
        _app.MapGet("/api/v1", () => Json(ApiResourceListJson));
        _app.MapGet("/api/v1/persistentvolumes", ListVolumesAsync);
        await _app.StartAsync();
        _server = _app.Urls.Single();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Directory.Delete(_tempDir, recursive: true);
    }

    private static IResult Json(string body) => Results.Text(body, "application/json");

    private async Task ListVolumesAsync(HttpContext context)
    {
        var include = Enum.Parse<IncludeObjectPolicy>(context.Request.Query["includeObject"].FirstOrDefault() ?? "Metadata");
        context.Response.ContentType = "application/json";
        await _tableWriter.WriteAsync(
            context.Response.Body,
            _volumes,
            new TableOptions { Now = Now, Metadata = new ListMeta { ResourceVersion = "121" }, IncludeObject = include },
            context.RequestAborted);
    }

    // kubectl asks for a Table on every human-readable get; a plain list would print NAME/AGE only.
    private void AssertListedAsTable(string query)
    {
        var list = Assert.Single(_requests, r => r.StartsWith($"/api/v1/persistentvolumes{query} ", StringComparison.Ordinal));
        Assert.Contains("as=Table;v=v1;g=meta.k8s.io", list, StringComparison.Ordinal);
    }

    private async Task<string> KubectlAsync(params string[] args)
    {
        var kubeconfig = Path.Combine(_tempDir, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, "");
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--server");
        start.ArgumentList.Add(_server);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(Path.Combine(_tempDir, "cache"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["HOME"] = _tempDir;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        using var timeout = new CancellationTokenSource(KubectlTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish in {KubectlTimeout}");
        }
        var output = await stdout;
        var errors = await stderr;
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', args)} exited {process.ExitCode}: {errors}\nrequests:\n{string.Join('\n', _requests)}");
        return output;
    }

    [Fact]
    public async Task Kubectl_get_pv_prints_the_server_side_columns()
    {
        var output = await KubectlAsync("get", "pv");

        Assert.Equal(
            """
            NAME     CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM            STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE
            pv0001   1Gi        RWO            Retain           Available                    manual         <unset>                          5m22s
            pv0002   5Gi        RWO,ROX        Delete           Bound       default/claim1   manual         <unset>                          5m22s

            """,
            output);
        AssertListedAsTable("?limit=500");
    }

    [Fact]
    public async Task Kubectl_get_pv_wide_adds_the_volume_mode()
    {
        var output = await KubectlAsync("get", "pv", "-o", "wide");

        Assert.Equal(
            """
            NAME     CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM            STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE     VOLUMEMODE
            pv0001   1Gi        RWO            Retain           Available                    manual         <unset>                          5m22s   Filesystem
            pv0002   5Gi        RWO,ROX        Delete           Bound       default/claim1   manual         <unset>                          5m22s   Filesystem

            """,
            output);
        AssertListedAsTable("?limit=500");
    }

    [Fact]
    public async Task Kubectl_reads_labels_from_the_rows_partial_object_metadata()
    {
        var output = await KubectlAsync("get", "pv", "--show-labels");

        Assert.Equal(
            """
            NAME     CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM            STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE     LABELS
            pv0001   1Gi        RWO            Retain           Available                    manual         <unset>                          5m22s   type=local
            pv0002   5Gi        RWO,ROX        Delete           Bound       default/claim1   manual         <unset>                          5m22s   <none>

            """,
            output);
    }

    [Fact]
    public async Task Kubectl_sorts_by_fields_of_the_full_objects_it_asks_for()
    {
        // Delete sorts before Retain, so the bound volume comes first.
        var output = await KubectlAsync("get", "pv", "--sort-by=.spec.persistentVolumeReclaimPolicy");

        Assert.Equal(
            """
            NAME     CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM            STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE
            pv0002   5Gi        RWO,ROX        Delete           Bound       default/claim1   manual         <unset>                          5m22s
            pv0001   1Gi        RWO            Retain           Available                    manual         <unset>                          5m22s

            """,
            output);
        AssertListedAsTable("?includeObject=Object");
    }
}
