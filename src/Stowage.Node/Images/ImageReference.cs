using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Stowage.Node.Images;

/// <summary>
/// An image name as Docker and Kubernetes read it: <c>busybox</c> is <c>docker.io/library/busybox:latest</c>,
/// <c>registry:5000/x/y:1.0</c> keeps its registry, <c>name@sha256:…</c> names a digest.
/// </summary>
/// <param name="Domain">The registry (<c>docker.io</c> when none is named).</param>
/// <param name="Path">The repository path (<c>library/busybox</c>).</param>
/// <param name="Tag">The tag (<c>latest</c> when neither tag nor digest is given), or null.</param>
/// <param name="Digest">The digest (<c>sha256:…</c>), or null.</param>
public sealed partial record ImageReference(string Domain, string Path, string? Tag, string? Digest)
{
    /// <summary>Registry and path (<c>docker.io/library/busybox</c>).</summary>
    public string Repository => $"{Domain}/{Path}";

    /// <summary>The normalised name.</summary>
    public override string ToString() => Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>Parses and normalises a name.</summary>
    /// <exception cref="FormatException">It is not a valid image name.</exception>
    public static ImageReference Parse(string image) =>
        TryParse(image, out var reference, out var error) ? reference : throw new FormatException(error);

    /// <summary>Parses and normalises a name; <paramref name="error"/> says why it is invalid.</summary>
    public static bool TryParse(string image, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        var rest = (image ?? "").Trim();
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                error = $"invalid image name \"{image}\": invalid digest \"{digest}\"";
                return false;
            }
        }
        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                error = $"invalid image name \"{image}\": invalid tag \"{tag}\"";
                return false;
            }
        }
        var domain = "docker.io";
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var first = rest[..slash];
            // Docker's rule: the first component is a registry when it looks like a host (a dot, a port, localhost).
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            {
                domain = first == "index.docker.io" ? "docker.io" : first;
                rest = rest[(slash + 1)..];
            }
        }
        if (domain == "docker.io" && !rest.Contains('/', StringComparison.Ordinal))
        {
            rest = "library/" + rest;
        }
        if (rest.Length == 0 || rest.Split('/').Any(c => !ComponentPattern().IsMatch(c)))
        {
            error = $"invalid image name \"{image}\": a repository name must be lowercase letters, digits and separators (. _ -)";
            return false;
        }
        reference = new ImageReference(domain, rest, tag ?? (digest is null ? "latest" : null), digest);
        error = null;
        return true;
    }

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex ComponentPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$")]
    private static partial Regex DigestPattern();
}
