using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Stowage.Server.Errors;

namespace Stowage.Server.PodSubresources;

/// <summary>Reads the query parameters of log and exec requests as Kubernetes' parameter codec does.</summary>
internal static class StreamQuery
{
    /// <summary>Go's strconv.ParseBool; absent is false.</summary>
    public static bool Flag(IQueryCollection query, string name)
    {
        var value = query[name];
        if (value.Count == 0)
        {
            return false;
        }
        return value[0] switch
        {
            "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
            "0" or "f" or "F" or "false" or "FALSE" or "False" or "" => false,
            var v => throw new ApiException(StatusErrors.BadRequest($"strconv.ParseBool: parsing \"{v}\": invalid syntax")),
        };
    }

    /// <summary>An optional integer.</summary>
    public static long? Number(IQueryCollection query, string name)
    {
        StringValues value = query[name];
        if (value.Count == 0 || string.IsNullOrEmpty(value[0]))
        {
            return null;
        }
        return long.TryParse(value[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ApiException(StatusErrors.BadRequest($"strconv.ParseInt: parsing \"{value[0]}\": invalid syntax"));
    }

    /// <summary>An optional string.</summary>
    public static string? Text(IQueryCollection query, string name) =>
        query[name] is { Count: > 0 } v && !string.IsNullOrEmpty(v[0]) ? v[0] : null;
}
