using System.Globalization;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Validation;
using Stowage.Server.Errors;
using Stowage.Server.Resources;

namespace Stowage.Server.PodSubresources;

/// <summary>
/// GET pods/{name}/log: validates the options (PodLogOptions), picks the container, and streams
/// the agent's <c>/containerLogs</c> answer as text/plain, flushed chunk by chunk so that
/// <c>kubectl logs -f</c> sees lines as they come and ends when the agent ends the stream. As in
/// Kubernetes, a pod without a node has no log yet: the answer is empty. An agent's error
/// (e.g. no previous container) becomes a Status with its code and text.
/// </summary>
internal sealed class PodLogHandler : ISubresourceHandler
{
    public async Task HandleAsync(SubresourceRequest request)
    {
        var context = request.Context;
        if (!HttpMethodsIsGet(context.Request.Method))
        {
            throw new ApiException(StatusErrors.MethodNotSupported("pods/log", context.Request.Method));
        }
        var query = context.Request.Query;
        var follow = StreamQuery.Flag(query, "follow");
        var previous = StreamQuery.Flag(query, "previous");
        var timestamps = StreamQuery.Flag(query, "timestamps");
        _ = StreamQuery.Flag(query, "insecureSkipTLSVerifyBackend"); // the backend is never verified (see NodeConnector)
        var tailLines = StreamQuery.Number(query, "tailLines");
        var limitBytes = StreamQuery.Number(query, "limitBytes");
        var sinceSeconds = StreamQuery.Number(query, "sinceSeconds");
        var sinceTime = StreamQuery.Text(query, "sinceTime");
        Validate(request.Name, tailLines, limitBytes, sinceSeconds, sinceTime);
        if (sinceTime is not null)
        {
            // The agent takes seconds; a time in the future means "nothing yet", like a tiny window.
            var since = DateTimeOffset.Parse(sinceTime, CultureInfo.InvariantCulture);
            sinceSeconds = Math.Max(1, (long)Math.Ceiling((DateTimeOffset.UtcNow - since).TotalSeconds));
        }

        var pods = request.Catalog.Store<Pod>();
        var pod = await pods.TryGetAsync(request.Namespace, request.Name, context.RequestAborted).ConfigureAwait(false)
            ?? throw new ApiException(StatusErrors.NotFound("pods", "", request.Name));
        var container = PodContainers.Choose(pod, StreamQuery.Text(query, "container"));
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        if (string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            return;
        }
        var node = await request.Nodes.ResolveAsync(pod.Spec.NodeName, context.RequestAborted).ConfigureAwait(false);
        var parameters = new List<string>();
        if (follow) parameters.Add("follow=true");
        if (previous) parameters.Add("previous=true");
        if (timestamps) parameters.Add("timestamps=true");
        if (sinceSeconds is { } s) parameters.Add("sinceSeconds=" + s.ToString(CultureInfo.InvariantCulture));
        if (tailLines is { } t) parameters.Add("tailLines=" + t.ToString(CultureInfo.InvariantCulture));
        if (limitBytes is { } l) parameters.Add("limitBytes=" + l.ToString(CultureInfo.InvariantCulture));
        var url = new Uri(node, $"containerLogs/{Uri.EscapeDataString(request.Namespace ?? "")}/{Uri.EscapeDataString(request.Name)}/{Uri.EscapeDataString(container)}"
            + (parameters.Count > 0 ? "?" + string.Join('&', parameters) : ""));

        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        HttpResponseMessage response;
        try
        {
            response = await request.Nodes.Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException(StatusErrors.Internal($"error dialing backend: {e.Message}"));
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(context.RequestAborted).ConfigureAwait(false);
                throw new ApiException(BackendError((int)response.StatusCode, text));
            }
            await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted).ConfigureAwait(false);
            await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
            var buffer = new byte[32 * 1024];
            int n;
            while ((n = await body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, n), context.RequestAborted).ConfigureAwait(false);
                if (follow)
                {
                    await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>An agent's non-2xx answer as the Status Kubernetes' generic response checker makes of it.</summary>
    internal static Status BackendError(int code, string body)
    {
        var reason = code switch
        {
            400 => "BadRequest",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "NotFound",
            409 => "Conflict",
            _ => "InternalError",
        };
        var message = body.Trim();
        if (message.Length > 1024)
        {
            message = message[..1024];
        }
        return new Status { Outcome = "Failure", Code = code, Reason = reason, Message = message };
    }

    private static void Validate(string name, long? tailLines, long? limitBytes, long? sinceSeconds, string? sinceTime)
    {
        var errors = new List<FieldError>();
        if (tailLines is < 0)
        {
            errors.Add(new FieldError(FieldErrorType.Invalid, "tailLines", tailLines.Value.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0") { QuoteBadValue = false });
        }
        if (limitBytes is < 1)
        {
            errors.Add(new FieldError(FieldErrorType.Invalid, "limitBytes", limitBytes.Value.ToString(CultureInfo.InvariantCulture), "must be greater than 0") { QuoteBadValue = false });
        }
        if (sinceSeconds is not null && sinceTime is not null)
        {
            errors.Add(new FieldError(FieldErrorType.Forbidden, "", null, "at most one of `sinceTime` or `sinceSeconds` may be specified"));
        }
        else if (sinceSeconds is < 1)
        {
            errors.Add(new FieldError(FieldErrorType.Invalid, "sinceSeconds", sinceSeconds.Value.ToString(CultureInfo.InvariantCulture), "must be greater than 0") { QuoteBadValue = false });
        }
        if (sinceTime is not null && !DateTimeOffset.TryParse(sinceTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            errors.Add(new FieldError(FieldErrorType.Invalid, "sinceTime", sinceTime, "must be an RFC 3339 time"));
        }
        if (errors.Count > 0)
        {
            throw new ApiException(StatusErrors.Invalid("PodLogOptions", "", name, errors));
        }
    }

    private static bool HttpMethodsIsGet(string method) => Microsoft.AspNetCore.Http.HttpMethods.IsGet(method);
}
