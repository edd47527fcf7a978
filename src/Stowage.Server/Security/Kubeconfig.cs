using System.Globalization;
using System.Text;

namespace Stowage.Server.Security;

/// <summary>
/// Renders the admin kubeconfig: cluster "stowage" (server URL and the CA inline), user "admin"
/// (bearer token), context "stowage" in namespace default, selected as the current context.
/// Written by hand rather than through a serialiser so the file is stable byte for byte, which is
/// how a restart tells whether it needs rewriting.
/// </summary>
internal static class Kubeconfig
{
    public const string ClusterName = "stowage";

    public const string UserName = "admin";

    public const string ContextName = "stowage";

    public static string Render(Uri server, string certificateAuthorityPem, string token)
    {
        var caData = Convert.ToBase64String(Encoding.ASCII.GetBytes(certificateAuthorityPem));
        var text = new StringBuilder();
        text.AppendLine("apiVersion: v1");
        text.AppendLine("kind: Config");
        text.AppendLine("clusters:");
        text.AppendLine(CultureInfo.InvariantCulture, $"- name: {ClusterName}");
        text.AppendLine("  cluster:");
        text.AppendLine(CultureInfo.InvariantCulture, $"    server: {Quote(server.AbsoluteUri.TrimEnd('/'))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    certificate-authority-data: {Quote(caData)}");
        text.AppendLine("users:");
        text.AppendLine(CultureInfo.InvariantCulture, $"- name: {UserName}");
        text.AppendLine("  user:");
        text.AppendLine(CultureInfo.InvariantCulture, $"    token: {Quote(token)}");
        text.AppendLine("contexts:");
        text.AppendLine(CultureInfo.InvariantCulture, $"- name: {ContextName}");
        text.AppendLine("  context:");
        text.AppendLine(CultureInfo.InvariantCulture, $"    cluster: {ClusterName}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    user: {UserName}");
        text.AppendLine("    namespace: default");
        text.AppendLine(CultureInfo.InvariantCulture, $"current-context: {ContextName}");
        text.AppendLine("preferences: {}");
        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>A YAML double-quoted scalar (safe for any value, e.g. a token starting with "-").</summary>
    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
