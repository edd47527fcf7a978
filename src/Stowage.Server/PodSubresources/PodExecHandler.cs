using Microsoft.AspNetCore.Http;
using Stowage.Api.Core;
using Stowage.Server.Errors;
using Stowage.Server.NodeProxy;
using Stowage.Server.Resources;

namespace Stowage.Server.PodSubresources;

/// <summary>
/// GET/POST pods/{name}/exec (and attach's shape, should it come): checks the options and the
/// container as Kubernetes' streamLocation does, then upgrades kubectl's WebSocket and relays it to
/// the agent's <c>/exec</c> with the same subprotocol (v5.channel.k8s.io, or v4). The agent is
/// dialled first, so the subprotocol kubectl is told is the one the agent chose. SPDY is not
/// served: kubectl 1.32 tries WebSocket first and falls back to SPDY only when that fails, in
/// which case it prints the answer to its SPDY request — the same checks run for it, so the user
/// sees why (a bad container, no host) rather than a protocol complaint.
/// </summary>
internal sealed class PodExecHandler : ISubresourceHandler
{
    public async Task HandleAsync(SubresourceRequest request)
    {
        var context = request.Context;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsPost(context.Request.Method))
        {
            throw new ApiException(StatusErrors.MethodNotSupported("pods/exec", context.Request.Method));
        }
        var query = context.Request.Query;
        var command = query["command"].Select(c => c ?? "").ToList();
        var stdin = StreamQuery.Flag(query, "stdin");
        var stdout = StreamQuery.Flag(query, "stdout");
        var stderr = StreamQuery.Flag(query, "stderr");
        var tty = StreamQuery.Flag(query, "tty");
        if (command.Count == 0)
        {
            throw new ApiException(StatusErrors.BadRequest("you must specify at least one command for the container"));
        }
        if (!stdin && !stdout && !stderr)
        {
            throw new ApiException(StatusErrors.BadRequest("you must specify at least 1 of stdin, stdout, stderr"));
        }
        var pod = await request.Catalog.Store<Pod>().TryGetAsync(request.Namespace, request.Name, context.RequestAborted).ConfigureAwait(false)
            ?? throw new ApiException(StatusErrors.NotFound("pods", "", request.Name));
        var container = PodContainers.Choose(pod, StreamQuery.Text(query, "container"));
        if (string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            throw new ApiException(StatusErrors.BadRequest($"pod {request.Name} does not have a host assigned"));
        }
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw new ApiException(StatusErrors.BadRequest("Upgrade request required: this server streams exec over WebSocket (v5.channel.k8s.io) only"));
        }
        var node = await request.Nodes.ResolveAsync(pod.Spec.NodeName, context.RequestAborted).ConfigureAwait(false);
        var parameters = command.Select(c => "command=" + Uri.EscapeDataString(c)).ToList();
        if (stdin) parameters.Add("stdin=true");
        if (stdout) parameters.Add("stdout=true");
        if (stderr) parameters.Add("stderr=true");
        if (tty) parameters.Add("tty=true");
        var url = new Uri(node, $"exec/{Uri.EscapeDataString(request.Namespace ?? "")}/{Uri.EscapeDataString(request.Name)}/{Uri.EscapeDataString(container)}?{string.Join('&', parameters)}");

        var (backend, code) = await request.Nodes.ConnectWebSocketAsync(url, context.WebSockets.WebSocketRequestedProtocols, context.RequestAborted).ConfigureAwait(false);
        if (backend is null)
        {
            throw new ApiException(PodLogHandler.BackendError(code, $"error from the node agent of {pod.Spec.NodeName}: HTTP {code}"));
        }
        using (backend)
        {
            using var client = await context.WebSockets.AcceptWebSocketAsync(backend.SubProtocol).ConfigureAwait(false);
            await WebSocketRelay.RunAsync(client, backend, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
