using System.Text;
using System.Text.Json.Nodes;

namespace Stowage.EndToEnd.Tests.Harness;

/// <summary>
/// Stands in for the node agent while workloads are tested without it: every pod of a namespace
/// that is not yet Running is reported Running and Ready through the status subresource, as a
/// kubelet would, until disposed. Pods named in <see cref="Hold"/> are left Pending.
/// </summary>
public sealed class SimulatedNode : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly string _namespace;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Starts reporting the namespace's pods ready.</summary>
    public SimulatedNode(ServerProcess server, string ns)
    {
        _http = server.CreateHttpClient();
        _namespace = ns;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var list = JsonNode.Parse(await _http.GetStringAsync($"/api/v1/namespaces/{_namespace}/pods", cancellationToken))!;
                foreach (var pod in list["items"]!.AsArray())
                {
                    if (pod!["status"]?["phase"]?.GetValue<string>() == "Running" || pod["metadata"]!["deletionTimestamp"] is not null)
                    {
                        continue;
                    }
                    var name = pod["metadata"]!["name"]!.GetValue<string>();
                    var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
                    var patch = "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"" + now + "\"}]}}";
                    using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/namespaces/{_namespace}/pods/{name}/status")
                    {
                        Content = new StringContent(patch, Encoding.UTF8, "application/merge-patch+json"),
                    };
                    using var _ = await _http.SendAsync(request, cancellationToken);
                }
                // The poll interval of this stand-in kubelet; tests wait on conditions, not on it.
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        _http.Dispose();
    }
}
