using System.Globalization;
using Microsoft.AspNetCore.Http;
using Stowage.Server.Errors;
using Stowage.Server.Resources;

namespace Stowage.Server.Http;

/// <summary>Parses the query parameters of list, watch and write requests.</summary>
public static class QueryOptions
{
    /// <summary>The list/watch options of a request, checked against the resource's selectable fields.</summary>
    public static ListOptions List(HttpRequest request, IResourceStore store)
    {
        var q = request.Query;
        var label = q["labelSelector"].ToString();
        var field = q["fieldSelector"].ToString();
        var options = new ListOptions
        {
            LabelSelector = label.Length == 0 ? null : Selection.ParseLabels(label),
            FieldSelector = field.Length == 0 ? null : Selection.ParseFields(field),
            Limit = Int(q["limit"].ToString(), "limit") is var limit and > 0 ? (int)Math.Min(limit, int.MaxValue) : 0,
            Continue = Nullable(q["continue"].ToString()),
            ResourceVersion = Nullable(q["resourceVersion"].ToString()),
            TimeoutSeconds = q.ContainsKey("timeoutSeconds") ? (int)Int(q["timeoutSeconds"].ToString(), "timeoutSeconds") : null,
            AllowWatchBookmarks = Bool(q["allowWatchBookmarks"].ToString()),
        };
        if (options.FieldSelector is { } fs)
        {
            foreach (var f in fs.Fields)
            {
                if (!store.IsSelectableField(f))
                {
                    throw new ApiException(StatusErrors.BadRequest($"field label not supported: {f}"));
                }
            }
        }
        return options;
    }

    /// <summary>True when the request asks for a watch.</summary>
    public static bool IsWatch(HttpRequest request) => Bool(request.Query["watch"].ToString());

    /// <summary>The write options of a request.</summary>
    public static WriteOptions Write(HttpRequest request, string? subresource)
    {
        var q = request.Query;
        var dryRun = q["dryRun"].ToString();
        if (dryRun.Length > 0 && dryRun != "All")
        {
            throw new ApiException(StatusErrors.BadRequest($"Invalid dry run value: {dryRun}"));
        }
        var manager = q["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            // Kubernetes derives the manager from the user agent's program name.
            var agent = request.Headers.UserAgent.ToString();
            var slash = agent.IndexOf('/', StringComparison.Ordinal);
            manager = slash > 0 ? agent[..slash] : agent.Length > 0 ? agent : "unknown";
        }
        else if (manager.Length > 128)
        {
            throw new ApiException(StatusErrors.BadRequest("fieldManager: Too long: may not be more than 128 bytes"));
        }
        return new WriteOptions
        {
            DryRun = dryRun == "All",
            FieldManager = manager,
            Subresource = subresource,
            Force = Bool(q["force"].ToString()),
        };
    }

    /// <summary>Strict, Warn or Ignore (default Warn, as Kubernetes).</summary>
    public static string FieldValidation(HttpRequest request)
    {
        var value = request.Query["fieldValidation"].ToString();
        return value switch
        {
            "" => "Warn",
            "Strict" or "Warn" or "Ignore" => value,
            _ => throw new ApiException(StatusErrors.BadRequest($"fieldValidation parameter unsupported: {value}")),
        };
    }

    private static string? Nullable(string value) => value.Length == 0 ? null : value;

    private static bool Bool(string value) => value is "true" or "1" or "True";

    private static long Int(string value, string name) =>
        value.Length == 0 ? 0 : long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new ApiException(StatusErrors.BadRequest($"invalid {name}: {value}"));
}
