using System.Text.RegularExpressions;

namespace Stowage.Api.Defaulting;

/// <summary>
/// The tag of a container image reference, as the kubelet's parsers.ParseImageName reads it with
/// the distribution reference grammar: "busybox" and "busybox:latest" are tagged latest,
/// "busybox:1.36" is tagged 1.36, "busybox@sha256:…" has no tag, and a reference that does not parse
/// (upper case, spaces) has none either.
/// </summary>
public static partial class ImageReference
{
    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string Domain = DomainComponent + "(?:\\." + DomainComponent + ")*(?::[0-9]+)?";
    private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private const string Name = "(?:" + Domain + "/)?" + PathComponent + "(?:/" + PathComponent + ")*";
    private const string Tag = "[\\w][\\w.-]{0,127}";
    private const string Digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

    [GeneratedRegex("^(?<name>" + Name + ")(?::(?<tag>" + Tag + "))?(?:@(?<digest>" + Digest + "))?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceRegex();

    /// <summary>The tag, "latest" when neither tag nor digest is given, "" for a digest alone or an unparsable reference.</summary>
    public static string TagOf(string? image)
    {
        var match = ReferenceRegex().Match(image ?? "");
        if (!match.Success || match.Groups["name"].Value.Length > 255)
        {
            return "";
        }
        var tag = match.Groups["tag"].Value;
        return tag.Length == 0 && !match.Groups["digest"].Success ? "latest" : tag;
    }
}
