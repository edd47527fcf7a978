using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api.Core;

namespace Stowage.Api.Validation;

/// <summary>
/// Environment variables of a container (ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom).
/// valueFrom and envFrom are JSON in the records; their rules are checked on the JSON.
/// </summary>
internal static class EnvRules
{
    private static readonly string[] EnvFieldPaths =
    [
        "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    ];

    // RelaxedEnvironmentVariableValidation is beta and on in 1.32: printable ASCII other than '='.
    private static IEnumerable<string> EnvVarNameErrors(string name)
    {
        if (name.Length == 0)
        {
            yield return "environment variable name " + ValidationPrimitives.EmptyError();
        }
        if (name.Any(ch => ch > 0x7e || ch < 0x20 || ch == '='))
        {
            yield return "a valid environment variable name must consist only of printable ASCII characters other than '='";
        }
    }

    public static IEnumerable<FieldError> Env(IReadOnlyList<EnvVar>? env, FieldPath path)
    {
        for (var i = 0; i < (env?.Count ?? 0); i++)
        {
            var ev = env![i];
            var p = path.Index(i);
            if (ev.Name.Length == 0)
            {
                yield return FieldErrors.Required(p.Child("name"));
            }
            else
            {
                foreach (var m in EnvVarNameErrors(ev.Name))
                {
                    yield return FieldErrors.Invalid(p.Child("name"), ev.Name, m);
                }
            }
            foreach (var e in ValueFrom(ev, p.Child("valueFrom")))
            {
                yield return e;
            }
        }
    }

    private static IEnumerable<FieldError> ValueFrom(EnvVar ev, FieldPath path)
    {
        if (ev.ValueFrom is not { } from)
        {
            yield break;
        }
        var sources = 0;
        if (from["fieldRef"] is JsonObject fieldRef)
        {
            sources++;
            var selector = new ObjectFieldSelector { ApiVersion = JsonFields.Text(fieldRef, "apiVersion"), FieldPath = JsonFields.Text(fieldRef, "fieldPath") ?? "" };
            foreach (var e in PodVolumeRules.FieldSelector(selector, EnvFieldPaths, path.Child("fieldRef")))
            {
                yield return e;
            }
        }
        if (from["resourceFieldRef"] is JsonObject resourceRef)
        {
            sources++;
            if (string.IsNullOrEmpty(JsonFields.Text(resourceRef, "resource")))
            {
                yield return FieldErrors.Required(path.Child("resourceFieldRef").Child("resource"));
            }
        }
        foreach (var kind in new[] { "configMapKeyRef", "secretKeyRef" })
        {
            if (from[kind] is not JsonObject keyRef)
            {
                continue;
            }
            sources++;
            var name = JsonFields.Text(keyRef, "name") ?? "";
            foreach (var m in ValidationPrimitives.NameIsDnsSubdomain(name, false))
            {
                yield return FieldErrors.Invalid(path.Child(kind).Child("name"), name, m);
            }
            var key = JsonFields.Text(keyRef, "key") ?? "";
            if (key.Length == 0)
            {
                yield return FieldErrors.Required(path.Child(kind).Child("key"));
            }
            else
            {
                foreach (var m in ValidationPrimitives.IsConfigMapKey(key))
                {
                    yield return FieldErrors.Invalid(path.Child(kind).Child("key"), key, m);
                }
            }
        }
        if (sources == 0)
        {
            yield return FieldErrors.Invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
        }
        else if (!string.IsNullOrEmpty(ev.Value))
        {
            yield return FieldErrors.Invalid(path, "", "may not be specified when `value` is not empty");
        }
        else if (sources > 1)
        {
            yield return FieldErrors.Invalid(path, "", "may not have more than one field specified at a time");
        }
    }

    public static IEnumerable<FieldError> EnvFrom(IReadOnlyList<JsonObject>? envFrom, FieldPath path)
    {
        for (var i = 0; i < (envFrom?.Count ?? 0); i++)
        {
            var source = envFrom![i];
            var p = path.Index(i);
            if (JsonFields.Text(source, "prefix") is { Length: > 0 } prefix)
            {
                foreach (var m in EnvVarNameErrors(prefix))
                {
                    yield return FieldErrors.Invalid(p.Child("prefix"), prefix, m);
                }
            }
            var sources = 0;
            foreach (var kind in new[] { "configMapRef", "secretRef" })
            {
                if (source[kind] is not JsonObject reference)
                {
                    continue;
                }
                sources++;
                var name = JsonFields.Text(reference, "name") ?? "";
                if (name.Length == 0)
                {
                    yield return FieldErrors.Required(p.Child(kind).Child("name"));
                }
                else
                {
                    foreach (var m in ValidationPrimitives.NameIsDnsSubdomain(name, true))
                    {
                        yield return FieldErrors.Invalid(p.Child(kind).Child("name"), name, m);
                    }
                }
            }
            // Reported at the list's path, as Kubernetes does.
            if (sources == 0)
            {
                yield return FieldErrors.Invalid(path, "", "must specify one of: `configMapRef` or `secretRef`");
            }
            else if (sources > 1)
            {
                yield return FieldErrors.Invalid(path, "", "may not have more than one field specified at a time");
            }
        }
    }
}
