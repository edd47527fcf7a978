using System.Text;
using System.Text.Json.Nodes;
using Stowage.Api.Core;
using Stowage.Node.Volumes;

namespace Stowage.Node.Agent;

/// <summary>
/// A container's environment as kubelet makes it: envFrom (configMapRef/secretRef with prefix),
/// then env in order with <c>$(VAR)</c> expansion, fieldRef from the pod, configMapKeyRef and
/// secretKeyRef. A missing required source is a <see cref="ContainerConfigException"/>
/// (CreateContainerConfigError) with kubelet's text.
/// </summary>
public static class EnvResolver
{
    /// <summary>Resolves the environment of <paramref name="container"/>.</summary>
    public static async Task<IReadOnlyList<KeyValuePair<string, string>>> ResolveAsync(Pod pod, Container container, IVolumeObjectSource source,
        string hostIp, CancellationToken cancellationToken)
    {
        var ns = pod.Metadata.Namespace ?? "default";
        var env = new List<KeyValuePair<string, string>>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        void Set(string name, string value)
        {
            env.RemoveAll(e => e.Key == name);
            env.Add(new(name, value));
            values[name] = value;
        }
        foreach (var from in container.EnvFrom ?? [])
        {
            var prefix = from["prefix"]?.GetValue<string>() ?? "";
            if (from["configMapRef"] is JsonObject cmRef)
            {
                var name = cmRef["name"]?.GetValue<string>() ?? "";
                var optional = cmRef["optional"]?.GetValue<bool>() == true;
                var cm = await source.GetConfigMapAsync(ns, name, cancellationToken).ConfigureAwait(false);
                if (cm is null)
                {
                    if (!optional)
                    {
                        throw new ContainerConfigException($"configmap \"{name}\" not found");
                    }
                    continue;
                }
                foreach (var (k, v) in cm.Data ?? new Dictionary<string, string>())
                {
                    Set(prefix + k, v);
                }
            }
            if (from["secretRef"] is JsonObject sRef)
            {
                var name = sRef["name"]?.GetValue<string>() ?? "";
                var optional = sRef["optional"]?.GetValue<bool>() == true;
                var secret = await source.GetSecretAsync(ns, name, cancellationToken).ConfigureAwait(false);
                if (secret is null)
                {
                    if (!optional)
                    {
                        throw new ContainerConfigException($"secret \"{name}\" not found");
                    }
                    continue;
                }
                foreach (var (k, v) in secret.Data ?? new Dictionary<string, byte[]>())
                {
                    Set(prefix + k, Encoding.UTF8.GetString(v));
                }
            }
        }
        foreach (var e in container.Env ?? [])
        {
            if (e.ValueFrom is null)
            {
                Set(e.Name, Expand(e.Value ?? "", values));
                continue;
            }
            if (e.ValueFrom["fieldRef"]?["fieldPath"]?.GetValue<string>() is { } path)
            {
                Set(e.Name, FieldValue(pod, path, hostIp));
            }
            else if (e.ValueFrom["configMapKeyRef"] is JsonObject cmKey)
            {
                var name = cmKey["name"]?.GetValue<string>() ?? "";
                var key = cmKey["key"]?.GetValue<string>() ?? "";
                var optional = cmKey["optional"]?.GetValue<bool>() == true;
                var cm = await source.GetConfigMapAsync(ns, name, cancellationToken).ConfigureAwait(false);
                if (cm?.Data?.TryGetValue(key, out var v) == true)
                {
                    Set(e.Name, v);
                }
                else if (!optional)
                {
                    throw new ContainerConfigException(cm is null ? $"configmap \"{name}\" not found" : $"couldn't find key {key} in ConfigMap {ns}/{name}");
                }
            }
            else if (e.ValueFrom["secretKeyRef"] is JsonObject sKey)
            {
                var name = sKey["name"]?.GetValue<string>() ?? "";
                var key = sKey["key"]?.GetValue<string>() ?? "";
                var optional = sKey["optional"]?.GetValue<bool>() == true;
                var secret = await source.GetSecretAsync(ns, name, cancellationToken).ConfigureAwait(false);
                if (secret?.Data?.TryGetValue(key, out var v) == true)
                {
                    Set(e.Name, Encoding.UTF8.GetString(v));
                }
                else if (!optional)
                {
                    throw new ContainerConfigException(secret is null ? $"secret \"{name}\" not found" : $"couldn't find key {key} in Secret {ns}/{name}");
                }
            }
            else
            {
                Set(e.Name, "");
            }
        }
        return env;
    }

    /// <summary>A downward API field as kubelet's podFieldSelectorRuntimeValue gives it.</summary>
    public static string FieldValue(Pod pod, string path, string hostIp)
    {
        if (path.StartsWith("metadata.labels['", StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal))
        {
            return pod.Metadata.Labels?.GetValueOrDefault(path[17..^2]) ?? "";
        }
        if (path.StartsWith("metadata.annotations['", StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal))
        {
            return pod.Metadata.Annotations?.GetValueOrDefault(path[22..^2]) ?? "";
        }
        return path switch
        {
            "metadata.name" => pod.Metadata.Name ?? "",
            "metadata.namespace" => pod.Metadata.Namespace ?? "",
            "metadata.uid" => pod.Metadata.Uid ?? "",
            "spec.nodeName" => pod.Spec?.NodeName ?? "",
            "spec.serviceAccountName" => pod.Spec?.ServiceAccountName ?? "",
            "status.hostIP" or "status.podIP" => hostIp,
            "status.hostIPs" or "status.podIPs" => hostIp,
            _ => "",
        };
    }

    /// <summary>Kubernetes' <c>$(VAR)</c> expansion: known variables replaced, <c>$$</c> escapes, unknown references kept.</summary>
    public static string Expand(string input, IReadOnlyDictionary<string, string> values)
    {
        var sb = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] == '$' && i + 1 < input.Length)
            {
                if (input[i + 1] == '$')
                {
                    sb.Append('$');
                    i++;
                    continue;
                }
                if (input[i + 1] == '(')
                {
                    var end = input.IndexOf(')', i + 2);
                    if (end > 0)
                    {
                        var name = input[(i + 2)..end];
                        if (values.TryGetValue(name, out var v))
                        {
                            sb.Append(v);
                        }
                        else
                        {
                            sb.Append(input, i, end - i + 1);
                        }
                        i = end;
                        continue;
                    }
                }
            }
            sb.Append(input[i]);
        }
        return sb.ToString();
    }
}

/// <summary>A container's configuration cannot be made (kubelet's CreateContainerConfigError).</summary>
public sealed class ContainerConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContainerConfigException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ContainerConfigException() { }

    /// <summary>Creates the exception.</summary>
    public ContainerConfigException(string message, Exception inner) : base(message, inner) { }
}
