using System.Text;

namespace Stowage.Server.Http;

/// <summary>
/// The /version document. kubectl's dispatcher picks the kubectl binary from "minor", so Stowage
/// reports the Kubernetes API level it implements (1.32) and its own version in the build date field.
/// </summary>
public static class VersionInfo
{
    /// <summary>The Kubernetes version whose API Stowage serves.</summary>
    public const string GitVersion = "v1.32.4";

    /// <summary>Stowage's own version.</summary>
    public const string StowageVersion = "0.1.0";

    /// <summary>The JSON body.</summary>
    public static byte[] Json { get; } = Encoding.UTF8.GetBytes(
        "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"" + GitVersion + "\",\"gitCommit\":\"0000000000000000000000000000000000000000\"," +
        "\"gitTreeState\":\"clean\",\"buildDate\":\"2026-11-22T00:00:00Z\",\"goVersion\":\"stowage-" + StowageVersion + "\",\"compiler\":\"dotnet\",\"platform\":\"linux/amd64\"}");
}
