using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api;
using Stowage.Api.Core;

namespace Stowage.Node.Volumes;

/// <summary>
/// Builds the files of configMap, secret, downwardAPI and projected volumes (kubelet's MakePayload
/// and CollectData), with kubelet's errors: a missing object or key fails the volume unless it is
/// optional, in which case it is simply left out.
/// </summary>
internal sealed class ProjectedFiles(IVolumeObjectSource objects, NodeResources node)
{
    /// <summary>File mode when a source gives none: 0644.</summary>
    public const int DefaultMode = 420;

    public async Task<Dictionary<string, FileProjection>> ConfigMapAsync(Pod pod, ConfigMapVolumeSource source, CancellationToken cancellationToken)
    {
        var optional = source.Optional == true;
        var configMap = await objects.GetConfigMapAsync(pod.Metadata.Namespace ?? "", source.Name ?? "", cancellationToken).ConfigureAwait(false);
        if (configMap is null)
        {
            return optional ? [] : throw new VolumeSetUpFailure($"configmap \"{source.Name}\" not found");
        }
        return ConfigMapFiles(configMap, source.Items, source.DefaultMode ?? DefaultMode, optional);
    }

    public async Task<Dictionary<string, FileProjection>> SecretAsync(Pod pod, SecretVolumeSource source, CancellationToken cancellationToken)
    {
        var optional = source.Optional == true;
        var secret = await objects.GetSecretAsync(pod.Metadata.Namespace ?? "", source.SecretName ?? "", cancellationToken).ConfigureAwait(false);
        if (secret is null)
        {
            return optional ? [] : throw new VolumeSetUpFailure($"secret \"{source.SecretName}\" not found");
        }
        return SecretFiles(secret, source.Items, source.DefaultMode ?? DefaultMode, optional);
    }

    public Dictionary<string, FileProjection> DownwardApi(Pod pod, DownwardApiVolumeSource source) =>
        DownwardApiFiles(pod, source.Items, source.DefaultMode ?? DefaultMode);

    /// <summary>
    /// A projected volume: each source's files into one directory. Every source is read before
    /// failing, and several failures are joined as Kubernetes' aggregate error (<c>[a, b]</c>).
    /// serviceAccountToken cannot be served: this cluster issues no service account tokens.
    /// </summary>
    public async Task<Dictionary<string, FileProjection>> ProjectedAsync(Pod pod, JsonObject projected, CancellationToken cancellationToken)
    {
        var defaultMode = projected["defaultMode"] is JsonValue m && m.TryGetValue<int>(out var mode) ? mode : DefaultMode;
        var files = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var entry in projected["sources"] as JsonArray ?? [])
        {
            if (entry is not JsonObject source)
            {
                continue;
            }
            try
            {
                foreach (var (path, file) in await ProjectionAsync(pod, source, defaultMode, cancellationToken).ConfigureAwait(false))
                {
                    files[path] = file;
                }
            }
            catch (VolumeSetUpFailure e)
            {
                errors.Add(e.Message);
            }
        }
        return errors.Count switch
        {
            0 => files,
            1 => throw new VolumeSetUpFailure(errors[0]),
            _ => throw new VolumeSetUpFailure("[" + string.Join(", ", errors) + "]"),
        };
    }

    private async Task<Dictionary<string, FileProjection>> ProjectionAsync(Pod pod, JsonObject source, int defaultMode, CancellationToken cancellationToken)
    {
        var ns = pod.Metadata.Namespace ?? "";
        if (source["configMap"] is JsonObject cm)
        {
            // v1.ConfigMapProjection is ConfigMapVolumeSource without defaultMode.
            var projection = cm.Deserialize(ApiJsonContext.Default.ConfigMapVolumeSource)!;
            var configMap = await objects.GetConfigMapAsync(ns, projection.Name ?? "", cancellationToken).ConfigureAwait(false);
            if (configMap is null)
            {
                return projection.Optional == true ? [] : throw new VolumeSetUpFailure($"configmap \"{projection.Name}\" not found");
            }
            return ConfigMapFiles(configMap, projection.Items, defaultMode, projection.Optional == true);
        }
        if (source["secret"] is JsonObject s)
        {
            // v1.SecretProjection has ConfigMapProjection's shape (name, items, optional).
            var projection = s.Deserialize(ApiJsonContext.Default.ConfigMapVolumeSource)!;
            var secret = await objects.GetSecretAsync(ns, projection.Name ?? "", cancellationToken).ConfigureAwait(false);
            if (secret is null)
            {
                return projection.Optional == true ? [] : throw new VolumeSetUpFailure($"secret \"{projection.Name}\" not found");
            }
            return SecretFiles(secret, projection.Items, defaultMode, projection.Optional == true);
        }
        if (source["downwardAPI"] is JsonObject d)
        {
            var projection = d.Deserialize(ApiJsonContext.Default.DownwardApiVolumeSource)!;
            return DownwardApiFiles(pod, projection.Items, defaultMode);
        }
        if (source.ContainsKey("serviceAccountToken"))
        {
            throw new VolumeSetUpFailure(
                "serviceAccountToken projection is not supported: this cluster issues no service account tokens (there is no TokenRequest API)");
        }
        var kind = source.Select(p => p.Key).FirstOrDefault() ?? "(empty)";
        throw new VolumeSetUpFailure($"projected source {kind} is not supported on this node");
    }

    private static Dictionary<string, FileProjection> ConfigMapFiles(ConfigMap configMap, IReadOnlyList<KeyToPath>? items, int defaultMode, bool optional)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in configMap.Data ?? new Dictionary<string, string>())
        {
            data[key] = Encoding.UTF8.GetBytes(value);
        }
        foreach (var (key, value) in configMap.BinaryData ?? new Dictionary<string, byte[]>())
        {
            data[key] = value;
        }
        return Select(data, items, defaultMode, optional, key => $"configmap references non-existent config key: {key}");
    }

    private static Dictionary<string, FileProjection> SecretFiles(Secret secret, IReadOnlyList<KeyToPath>? items, int defaultMode, bool optional)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in secret.Data ?? new Dictionary<string, byte[]>())
        {
            data[key] = value;
        }
        // The API server merges stringData into data on write; a secret read from elsewhere may still carry it.
        foreach (var (key, value) in secret.StringData ?? new Dictionary<string, string>())
        {
            data[key] = Encoding.UTF8.GetBytes(value);
        }
        return Select(data, items, defaultMode, optional, key => $"references non-existent secret key: {key}");
    }

    private static Dictionary<string, FileProjection> Select(
        Dictionary<string, byte[]> data, IReadOnlyList<KeyToPath>? items, int defaultMode, bool optional, Func<string, string> missingKey)
    {
        var files = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        if (items is null || items.Count == 0)
        {
            foreach (var (key, value) in data)
            {
                files[key] = new FileProjection(value, defaultMode);
            }
            return files;
        }
        foreach (var item in items)
        {
            if (!data.TryGetValue(item.Key, out var value))
            {
                if (optional)
                {
                    continue;
                }
                throw new VolumeSetUpFailure(missingKey(item.Key));
            }
            files[item.Path] = new FileProjection(value, item.Mode ?? defaultMode);
        }
        return files;
    }

    private Dictionary<string, FileProjection> DownwardApiFiles(Pod pod, IReadOnlyList<DownwardApiVolumeFile>? items, int defaultMode)
    {
        var files = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var item in items ?? [])
        {
            try
            {
                var value = item.FieldRef is not null
                    ? DownwardApiValues.Field(pod, item.FieldRef.FieldPath)
                    : item.ResourceFieldRef is not null
                        ? DownwardApiValues.Resource(pod, item.ResourceFieldRef, node)
                        : "";
                files[item.Path] = new FileProjection(Encoding.UTF8.GetBytes(value), item.Mode ?? defaultMode);
            }
            catch (ArgumentException e)
            {
                errors.Add(e.Message);
            }
        }
        return errors.Count switch
        {
            0 => files,
            1 => throw new VolumeSetUpFailure(errors[0]),
            _ => throw new VolumeSetUpFailure("[" + string.Join(", ", errors) + "]"),
        };
    }
}
