namespace Stowage.Server.OpenApi;

/// <summary>
/// One group-version's OpenAPI v3 document, serialized once. The hash names the content: a
/// client that fetched <see cref="ServerRelativeUrl"/> may cache it forever, so any change to the
/// bytes must change the hash (it is computed from them).
/// </summary>
/// <param name="Path">The path below /openapi/v3, e.g. "api/v1".</param>
/// <param name="Content">The UTF-8 JSON document.</param>
/// <param name="Hash">Uppercase hex SHA-512 of <paramref name="Content"/>.</param>
public sealed record OpenApiDocument(string Path, ReadOnlyMemory<byte> Content, string Hash)
{
    /// <summary>The media type of <see cref="Content"/>.</summary>
    public const string ContentType = "application/json";

    /// <summary>The strong entity tag of the document (the quoted hash).</summary>
    public string ETag => "\"" + Hash + "\"";

    /// <summary>The URL the index advertises, e.g. /openapi/v3/api/v1?hash=ABC.</summary>
    public string ServerRelativeUrl => "/openapi/v3/" + Path + "?hash=" + Hash;
}
