using System.Text.Json;
using Stowage.Api.Core;

namespace Stowage.Api.Validation;

/// <summary>
/// Secret validation (ValidateSecret, ValidateSecretUpdate). stringData is expected to have been
/// merged into data already (defaulting does it), as Kubernetes validates after conversion.
/// </summary>
public static class SecretValidation
{
    /// <summary>core.MaxSecretSize: 1 MiB of data in total.</summary>
    internal const int MaxSecretSize = 1 * 1024 * 1024;

    /// <summary>A secret on create.</summary>
    public static IReadOnlyList<FieldError> Validate(Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var errs = ObjectMetaValidation.ValidateObjectMeta(secret.Metadata, true, ObjectMetaValidation.DnsSubdomainName).ToList();
        var dataPath = FieldPath.Root("data");
        var data = secret.Data ?? new Dictionary<string, byte[]>();
        long total = 0;
        foreach (var (key, value) in data.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            errs.AddRange(ValidationPrimitives.IsConfigMapKey(key).Select(m => FieldErrors.Invalid(dataPath.Key(key), key, m)));
            total += value?.Length ?? 0;
        }
        if (total > MaxSecretSize)
        {
            errs.Add(FieldErrors.TooLong(dataPath, MaxSecretSize));
        }

        switch (secret.Type ?? "")
        {
            case "kubernetes.io/service-account-token":
                if (!(secret.Metadata.Annotations?.TryGetValue("kubernetes.io/service-account.name", out var sa) == true && sa.Length > 0))
                {
                    errs.Add(FieldErrors.Required(FieldPath.Root("metadata").Child("annotations").Key("kubernetes.io/service-account.name")));
                }
                break;
            case "kubernetes.io/dockercfg":
                errs.AddRange(JsonKey(data, ".dockercfg", dataPath));
                break;
            case "kubernetes.io/dockerconfigjson":
                errs.AddRange(JsonKey(data, ".dockerconfigjson", dataPath));
                break;
            case "kubernetes.io/basic-auth":
                if (!data.ContainsKey("username") && !data.ContainsKey("password"))
                {
                    errs.Add(FieldErrors.Required(dataPath.Key("username")));
                    errs.Add(FieldErrors.Required(dataPath.Key("password")));
                }
                break;
            case "kubernetes.io/ssh-auth":
                if (!data.TryGetValue("ssh-privatekey", out var key) || key is not { Length: > 0 })
                {
                    errs.Add(FieldErrors.Required(dataPath.Key("ssh-privatekey")));
                }
                break;
            case "kubernetes.io/tls":
                if (!data.ContainsKey("tls.crt"))
                {
                    errs.Add(FieldErrors.Required(dataPath.Key("tls.crt")));
                }
                if (!data.ContainsKey("tls.key"))
                {
                    errs.Add(FieldErrors.Required(dataPath.Key("tls.key")));
                }
                break;
        }
        return errs;
    }

    /// <summary>
    /// A secret on update: type is immutable; an immutable secret stays immutable and keeps its
    /// data; then every create rule.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(Secret newSecret, Secret oldSecret)
    {
        ArgumentNullException.ThrowIfNull(newSecret);
        ArgumentNullException.ThrowIfNull(oldSecret);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(newSecret.Metadata, oldSecret.Metadata).ToList();
        if ((newSecret.Type ?? "") != (oldSecret.Type ?? ""))
        {
            errs.Add(FieldErrors.Invalid(FieldPath.Root("type"), newSecret.Type ?? "", ValidationMessages.FieldImmutable));
        }
        if (oldSecret.Immutable == true)
        {
            if (newSecret.Immutable != true)
            {
                errs.Add(FieldErrors.Forbidden(FieldPath.Root("immutable"), "field is immutable when `immutable` is set"));
            }
            if (!DataEquality.SameBytes(newSecret.Data, oldSecret.Data))
            {
                errs.Add(FieldErrors.Forbidden(FieldPath.Root("data"), "field is immutable when `immutable` is set"));
            }
        }
        errs.AddRange(Validate(newSecret));
        // Metadata rules run twice (update and create), as in Kubernetes, which reports each
        // distinct message once.
        return errs.Distinct().ToList();
    }

    // The docker config must be well-formed JSON. Kubernetes puts Go's json error text in the
    // detail; .NET's parser words its errors differently, so only the common ones are mapped.
    private static IEnumerable<FieldError> JsonKey(IReadOnlyDictionary<string, byte[]> data, string key, FieldPath dataPath)
    {
        if (!data.TryGetValue(key, out var bytes))
        {
            yield return FieldErrors.Required(dataPath.Key(key));
            yield break;
        }
        string? error = null;
        try
        {
            using var doc = JsonDocument.Parse(bytes ?? []);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "json: cannot unmarshal " + GoJsonKind(doc.RootElement.ValueKind) + " into Go value of type map[string]interface {}";
            }
        }
        catch (JsonException)
        {
            error = (bytes ?? []).All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                ? "unexpected end of JSON input"
                : "invalid JSON";
        }
        if (error is not null)
        {
            yield return FieldErrors.Invalid(dataPath.Key(key), "<secret contents redacted>", error);
        }
    }

    private static string GoJsonKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "value",
    };
}
