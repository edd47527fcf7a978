using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stowage.Kubeconfig;

/// <summary>
/// Reads the kubeconfig as kubectl does (for the kubectl-volume plugin and <c>stowage agent</c>): <c>--kubeconfig</c>, else every
/// file of <c>$KUBECONFIG</c> merged (the first file to define a name or the current context wins),
/// else <c>~/.kube/config</c>; then the context (<c>--context</c> or current-context), its cluster and
/// user (each overridable by flags), and the namespace (<c>-n</c>, else the context's, else default).
/// </summary>
public static class KubeconfigLoader
{
    /// <summary>Resolves the connection.</summary>
    /// <param name="flags">The connection flags.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="home">The home directory.</param>
    public static ClusterConnection Load(ConnectionOptions flags, Func<string, string?> environment, string home)
    {
        var files = new List<string>();
        if (!string.IsNullOrEmpty(flags.Kubeconfig))
        {
            if (!File.Exists(flags.Kubeconfig))
            {
                throw new KubeconfigException($"stat {flags.Kubeconfig}: no such file or directory");
            }
            files.Add(flags.Kubeconfig);
        }
        else if (environment("KUBECONFIG") is { Length: > 0 } list)
        {
            files.AddRange(list.Split(':', StringSplitOptions.RemoveEmptyEntries).Where(File.Exists));
        }
        else if (File.Exists(Path.Combine(home, ".kube", "config")))
        {
            files.Add(Path.Combine(home, ".kube", "config"));
        }

        var clusters = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var users = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var contexts = new Dictionary<string, Entry>(StringComparer.Ordinal);
        string? currentContext = null;
        foreach (var file in files)
        {
            var root = ReadRoot(file);
            var dir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
            Collect(root, "clusters", "cluster", dir, clusters);
            Collect(root, "users", "user", dir, users);
            Collect(root, "contexts", "context", dir, contexts);
            currentContext ??= Scalar(root, "current-context") is { Length: > 0 } cc ? cc : null;
        }

        var contextName = flags.Context ?? currentContext;
        Entry? context = null;
        if (!string.IsNullOrEmpty(contextName) && !contexts.TryGetValue(contextName, out context))
        {
            throw new KubeconfigException($"context was not found for specified context: {contextName}");
        }
        var clusterName = flags.Cluster ?? (context is null ? null : Scalar(context.Node, "cluster"));
        Entry? cluster = null;
        if (!string.IsNullOrEmpty(clusterName) && !clusters.TryGetValue(clusterName, out cluster))
        {
            throw new KubeconfigException($"cluster \"{clusterName}\" does not exist");
        }
        var userName = flags.User ?? (context is null ? null : Scalar(context.Node, "user"));
        Entry? user = null;
        if (!string.IsNullOrEmpty(userName) && !users.TryGetValue(userName, out user))
        {
            throw new KubeconfigException($"auth info \"{userName}\" does not exist");
        }
        if (user is not null && (user.Node.Children.ContainsKey("exec") || user.Node.Children.ContainsKey("auth-provider")))
        {
            throw new KubeconfigException($"user \"{userName}\" uses a credential plugin (exec or auth-provider), which Stowage's clients do not run; use a token or a client certificate");
        }

        var server = flags.Server ?? (cluster is null ? null : Scalar(cluster.Node, "server"));
        if (string.IsNullOrEmpty(server))
        {
            throw new KubeconfigException(files.Count == 0
                ? "no configuration has been provided: set KUBECONFIG, create ~/.kube/config or pass --kubeconfig"
                : "no server found for cluster \"" + clusterName + "\"");
        }
        if (!Uri.TryCreate(server.Contains("://", StringComparison.Ordinal) ? server : "https://" + server, UriKind.Absolute, out var serverUri))
        {
            throw new KubeconfigException($"invalid server URL \"{server}\"");
        }

        var token = flags.Token ?? Data(user, "token", null);
        if (token is null && user is not null && Scalar(user.Node, "tokenFile") is { Length: > 0 } tokenFile)
        {
            token = File.ReadAllText(Resolve(user.Dir, tokenFile)).Trim();
        }
        return new ClusterConnection
        {
            Server = serverUri,
            CertificateAuthorityPem = flags.CertificateAuthority is { Length: > 0 } caFile
                ? File.ReadAllText(caFile)
                : Data(cluster, "certificate-authority", "certificate-authority-data"),
            InsecureSkipTlsVerify = flags.InsecureSkipTlsVerify ?? (cluster is not null && Scalar(cluster.Node, "insecure-skip-tls-verify") == "true"),
            TlsServerName = flags.TlsServerName ?? (cluster is null ? null : Scalar(cluster.Node, "tls-server-name")),
            Token = token,
            ClientCertificatePem = flags.ClientCertificate is { Length: > 0 } certFile
                ? File.ReadAllText(certFile)
                : Data(user, "client-certificate", "client-certificate-data"),
            ClientKeyPem = flags.ClientKey is { Length: > 0 } keyFile ? File.ReadAllText(keyFile) : Data(user, "client-key", "client-key-data"),
            Username = user is null ? null : Scalar(user.Node, "username"),
            Password = user is null ? null : Scalar(user.Node, "password"),
            Namespace = flags.Namespace is { Length: > 0 } ns ? ns
                : context is not null && Scalar(context.Node, "namespace") is { Length: > 0 } contextNs ? contextNs
                : "default",
        };
    }

    /// <summary>A named entry's body and the directory of the file that defined it (relative paths are relative to it).</summary>
    private sealed record Entry(YamlMappingNode Node, string Dir);

    private static YamlMappingNode ReadRoot(string file)
    {
        try
        {
            using var reader = new StreamReader(file, Encoding.UTF8);
            var stream = new YamlStream();
            stream.Load(reader);
            return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root ? root : new YamlMappingNode();
        }
        catch (YamlException e)
        {
            throw new KubeconfigException($"error loading config file \"{file}\": {e.Message}", e);
        }
    }

    private static void Collect(YamlMappingNode root, string listKey, string bodyKey, string dir, Dictionary<string, Entry> into)
    {
        if (!root.Children.TryGetValue(listKey, out var list) || list is not YamlSequenceNode items)
        {
            return;
        }
        foreach (var item in items.OfType<YamlMappingNode>())
        {
            if (Scalar(item, "name") is { Length: > 0 } name && item.Children.TryGetValue(bodyKey, out var body) && body is YamlMappingNode mapping)
            {
                into.TryAdd(name, new Entry(mapping, dir));
            }
        }
    }

    /// <summary>The content of a file field or its inline base64 <c>-data</c> twin.</summary>
    private static string? Data(Entry? entry, string fileKey, string? dataKey)
    {
        if (entry is null)
        {
            return null;
        }
        if (dataKey is not null && Scalar(entry.Node, dataKey) is { Length: > 0 } data)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(data));
            }
            catch (FormatException e)
            {
                throw new KubeconfigException($"{dataKey} is not valid base64: {e.Message}", e);
            }
        }
        if (Scalar(entry.Node, fileKey) is { Length: > 0 } value)
        {
            // "token" is the value itself; the other keys name files.
            return dataKey is null ? value : File.ReadAllText(Resolve(entry.Dir, value));
        }
        return null;
    }

    private static string Resolve(string dir, string path) => Path.IsPathRooted(path) ? path : Path.Combine(dir, path);

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
