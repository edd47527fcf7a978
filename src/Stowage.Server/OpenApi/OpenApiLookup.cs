namespace Stowage.Server.OpenApi;

/// <summary>
/// The answer to GET /openapi/v3/&lt;path&gt;?hash=…, decided without touching HTTP: the server maps it
/// onto the response (status, Cache-Control, ETag, Location, body).
/// </summary>
/// <param name="Outcome">What to answer.</param>
/// <param name="Document">The document, unless <see cref="OpenApiLookupOutcome.NotFound"/>.</param>
/// <param name="CacheControl">The Cache-Control value: "public, immutable" when the request named the current hash, else "no-cache, private".</param>
/// <param name="Location">For <see cref="OpenApiLookupOutcome.Moved"/>, the current URL.</param>
public sealed record OpenApiLookup(OpenApiLookupOutcome Outcome, OpenApiDocument? Document, string? CacheControl, string? Location);
