using Microsoft.AspNetCore.Http;
using Stowage.Server.Resources;

namespace Stowage.Server.Http;

/// <summary>TEMPORARY: strict field validation arrives with the decoding module.</summary>
public sealed class FieldChecker
{
    /// <summary>Checks a body's fields per the request's fieldValidation (or the forced mode).</summary>
    public void Check(HttpContext context, IResourceStore store, byte[] json, string? forcedMode)
    {
    }
}
