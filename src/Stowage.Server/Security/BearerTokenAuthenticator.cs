using System.Security.Cryptography;
using System.Text;

namespace Stowage.Server.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against a fixed set of tokens.
/// </summary>
/// <remarks>
/// Comparison is constant-time: the presented token is hashed with SHA-256 and compared with every
/// known token's hash using <see cref="CryptographicOperations.FixedTimeEquals"/>, without stopping
/// at a match, so neither the token's length nor which token matched shows in the timing.
/// Parsing follows kube-apiserver's bearer authenticator: the scheme is case-insensitive, the token
/// is the rest of the header with surrounding whitespace trimmed, and an empty token is no token.
/// </remarks>
public sealed class BearerTokenAuthenticator
{
    private readonly (byte[] Hash, AuthenticatedUser User)[] _tokens;

    public BearerTokenAuthenticator(IEnumerable<KeyValuePair<string, AuthenticatedUser>> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens = [.. tokens.Select(t => (Hash(t.Key), t.Value))];
        if (_tokens.Length == 0)
        {
            throw new ArgumentException("at least one token is needed", nameof(tokens));
        }
    }

    /// <summary>An authenticator that knows only the admin token.</summary>
    public static BearerTokenAuthenticator ForAdmin(string adminToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(adminToken);
        return new([new(adminToken, AuthenticatedUser.Admin)]);
    }

    /// <summary>The user a request's Authorization header authenticates as, or null when it carries
    /// no bearer token or an unknown one.</summary>
    public AuthenticatedUser? Authenticate(string? authorizationHeader)
    {
        if (!TryGetBearerToken(authorizationHeader, out var token))
        {
            return null;
        }

        var presented = Hash(token);
        AuthenticatedUser? match = null;
        foreach (var (hash, user) in _tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, hash))
            {
                match = user;
            }
        }

        return match;
    }

    private static bool TryGetBearerToken(string? header, out string token)
    {
        token = string.Empty;
        if (header is null)
        {
            return false;
        }

        var trimmed = header.AsSpan().Trim();
        var space = trimmed.IndexOf(' ');
        if (space <= 0 || !trimmed[..space].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var value = trimmed[(space + 1)..].Trim();
        if (value.IsEmpty || value.ContainsAny(' ', '\t'))
        {
            return false;
        }

        token = value.ToString();
        return true;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
