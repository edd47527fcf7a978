using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stowage.Server.Security;

namespace Stowage.Server.Tests.Security;

/// <summary>The generated kubeconfig and certificates, checked with the real kubectl.</summary>
public sealed class KubectlCredentialTests : IDisposable
{
    private const string VersionJson =
        """{"major":"1","minor":"32","gitVersion":"v1.32.4","gitCommit":"0000000000000000000000000000000000000000","gitTreeState":"clean","buildDate":"2025-04-22T00:00:00Z","goVersion":"go1.23.8","compiler":"gc","platform":"linux/amd64"}""";

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Kubectl_reads_the_generated_kubeconfig_and_selects_the_stowage_context()
    {
        using var credentials = await ClusterCredentials.LoadOrCreateAsync(
            _directory.Combine("data"), new CredentialOptions { Port = 7443 }, CancellationToken.None);

        var view = await KubectlRunner.RunAsync(_directory.Path, "--kubeconfig", credentials.KubeconfigPath, "config", "view", "--raw");
        var context = await KubectlRunner.RunAsync(_directory.Path, "--kubeconfig", credentials.KubeconfigPath, "config", "current-context");
        var ns = await KubectlRunner.RunAsync(
            _directory.Path, "--kubeconfig", credentials.KubeconfigPath, "config", "view", "--minify", "-o", "jsonpath={.contexts[0].context.namespace}");

        Assert.True(view.ExitCode == 0, view.Error);
        Assert.Contains("server: https://127.0.0.1:7443", view.Output, StringComparison.Ordinal);
        Assert.Contains($"token: {credentials.AdminToken}", view.Output, StringComparison.Ordinal);
        Assert.True(context.ExitCode == 0, context.Error);
        Assert.Equal("stowage", context.Output.Trim());
        Assert.Equal("default", ns.Output.Trim());
    }

    [Fact]
    public async Task Kubectl_trusts_the_serving_certificate_on_kestrel_and_sends_the_admin_token()
    {
        using var credentials = await ClusterCredentials.LoadOrCreateAsync(
            _directory.Combine("data"), new CredentialOptions(), CancellationToken.None);
        var authenticator = BearerTokenAuthenticator.ForAdmin(credentials.AdminToken);
        var authenticatedUsers = new List<string>();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(credentials.ServingCertificate)));
        await using var app = builder.Build();
        app.Run(async context =>
        {
            var user = authenticator.Authenticate(context.Request.Headers.Authorization);
            if (user is null)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(
                    """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""");
                return;
            }

            lock (authenticatedUsers)
            {
                authenticatedUsers.Add(user.Name);
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(VersionJson);
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        await credentials.WriteKubeconfigAsync(ClusterCredentials.ServerUrl("127.0.0.1", address.Port), CancellationToken.None);

        var result = await KubectlRunner.RunAsync(_directory.Path, "--kubeconfig", credentials.KubeconfigPath, "get", "--raw", "/version");
        var wrongToken = await KubectlRunner.RunAsync(
            _directory.Path, "--kubeconfig", credentials.KubeconfigPath, "--token", "not-the-token", "get", "--raw", "/version");

        await app.StopAsync();
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.NotEqual(0, wrongToken.ExitCode);
        Assert.Contains("Unauthorized", wrongToken.Error, StringComparison.Ordinal);
        Assert.Contains("\"gitVersion\":\"v1.32.4\"", result.Output, StringComparison.Ordinal);
        Assert.NotEmpty(authenticatedUsers);
        Assert.All(authenticatedUsers, name => Assert.Equal("admin", name));
    }
}
