using System.Globalization;
using Stowage.Api.Meta;

namespace Stowage.Api.Validation;

/// <summary>
/// Validation of metadata on create and update, as Kubernetes' core ValidateObjectMeta /
/// ValidateObjectMetaUpdate (apimachinery's checks plus core's finalizer-name rule), in the same
/// order and with the same texts.
/// </summary>
public static class ObjectMetaValidation
{
    /// <summary>Names of most kinds: a DNS-1123 subdomain (NameIsDNSSubdomain).</summary>
    public static readonly Func<string, bool, IReadOnlyList<string>> DnsSubdomainName = ValidationPrimitives.NameIsDnsSubdomain;

    /// <summary>Namespace names: a DNS-1123 label (ValidateNamespaceName).</summary>
    public static readonly Func<string, bool, IReadOnlyList<string>> DnsLabelName = ValidationPrimitives.NameIsDnsLabel;

    private const string FinalizerOrphanDependents = "orphan";
    private const string FinalizerDeleteDependents = "foregroundDeletion";

    // helper.IsStandardFinalizerName: finalizers without a '/' must be one of these.
    private static readonly HashSet<string> StandardFinalizers = new(StringComparer.Ordinal)
    {
        "kubernetes", FinalizerOrphanDependents, FinalizerDeleteDependents,
    };

    private static readonly HashSet<string> BannedOwnerKinds = new(StringComparer.Ordinal) { "v1/Event" };

    /// <summary>
    /// Metadata on create. <paramref name="nameValidator"/> gets (name, isPrefix) and returns the
    /// messages of everything wrong with it. Name generation is expected to have happened already;
    /// a missing name is "name or generateName is required".
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateObjectMeta(
        ObjectMeta meta, bool namespaced, Func<string, bool, IReadOnlyList<string>> nameValidator, string path = "metadata")
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(nameValidator);
        var fld = FieldPath.Root(path);
        var errs = new List<FieldError>();

        if (!string.IsNullOrEmpty(meta.GenerateName))
        {
            errs.AddRange(nameValidator(meta.GenerateName, true).Select(m => FieldErrors.Invalid(fld.Child("generateName"), meta.GenerateName, m)));
        }
        if (string.IsNullOrEmpty(meta.Name))
        {
            errs.Add(FieldErrors.Required(fld.Child("name"), "name or generateName is required"));
        }
        else
        {
            errs.AddRange(nameValidator(meta.Name, false).Select(m => FieldErrors.Invalid(fld.Child("name"), meta.Name, m)));
        }

        if (namespaced)
        {
            if (string.IsNullOrEmpty(meta.Namespace))
            {
                errs.Add(FieldErrors.Required(fld.Child("namespace")));
            }
            else
            {
                errs.AddRange(ValidationPrimitives.NameIsDnsLabel(meta.Namespace, false)
                    .Select(m => FieldErrors.Invalid(fld.Child("namespace"), meta.Namespace, m)));
            }
        }
        else if (!string.IsNullOrEmpty(meta.Namespace))
        {
            errs.Add(FieldErrors.Forbidden(fld.Child("namespace"), "not allowed on this type"));
        }

        if (meta.Generation is < 0)
        {
            errs.Add(FieldErrors.Invalid(fld.Child("generation"), meta.Generation.Value, "must be greater than or equal to 0"));
        }
        errs.AddRange(ValidationPrimitives.ValidateLabels(meta.Labels, fld.Child("labels")));
        errs.AddRange(ValidationPrimitives.ValidateAnnotations(meta.Annotations, fld.Child("annotations")));
        errs.AddRange(ValidateOwnerReferences(meta.OwnerReferences, fld.Child("ownerReferences")));
        errs.AddRange(ValidateFinalizers(meta.Finalizers, fld.Child("finalizers")));
        errs.AddRange(ValidateManagedFields(meta.ManagedFields, fld.Child("managedFields")));
        errs.AddRange(ValidateKubeFinalizerNames(meta.Finalizers, fld.Child("finalizers")));
        return errs;
    }

    /// <summary>
    /// Metadata on update: name, namespace, uid, creationTimestamp, deletionTimestamp and
    /// deletionGracePeriodSeconds are immutable; generation may not go down; the update must carry a
    /// resourceVersion; no finalizer may be added once deletion started; labels, annotations,
    /// owner references and managed fields of the new object must be valid.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateObjectMetaUpdate(ObjectMeta newMeta, ObjectMeta oldMeta, string path = "metadata")
    {
        ArgumentNullException.ThrowIfNull(newMeta);
        ArgumentNullException.ThrowIfNull(oldMeta);
        var fld = FieldPath.Root(path);
        var errs = new List<FieldError>();

        if (oldMeta.DeletionTimestamp is not null)
        {
            var extra = (newMeta.Finalizers ?? []).Except(oldMeta.Finalizers ?? [], StringComparer.Ordinal)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (extra.Count != 0)
            {
                errs.Add(FieldErrors.Forbidden(fld.Child("finalizers"),
                    "no new finalizers can be added if the object is being deleted, found new finalizers " + GoText.StringSlice(extra)));
            }
        }
        if (string.IsNullOrEmpty(newMeta.ResourceVersion))
        {
            errs.Add(FieldErrors.Invalid(fld.Child("resourceVersion"), newMeta.ResourceVersion ?? "", "must be specified for an update"));
        }
        if ((newMeta.Generation ?? 0) < (oldMeta.Generation ?? 0))
        {
            errs.Add(FieldErrors.Invalid(fld.Child("generation"), newMeta.Generation ?? 0, "must not be decremented"));
        }

        Immutable(newMeta.Name ?? "", oldMeta.Name ?? "", "name");
        Immutable(newMeta.Namespace ?? "", oldMeta.Namespace ?? "", "namespace");
        Immutable(newMeta.Uid ?? "", oldMeta.Uid ?? "", "uid");
        if (newMeta.CreationTimestamp != oldMeta.CreationTimestamp)
        {
            // metav1.Time is not a pointer in ObjectMeta: an unset time renders as Go's zero time.
            errs.Add(FieldErrors.Invalid(fld.Child("creationTimestamp"),
                GoText.Time(newMeta.CreationTimestamp ?? DateTimeOffset.MinValue), ValidationMessages.FieldImmutable));
        }
        if (newMeta.DeletionTimestamp != oldMeta.DeletionTimestamp)
        {
            errs.Add(FieldErrors.Invalid(fld.Child("deletionTimestamp"), newMeta.DeletionTimestamp is null ? null : GoText.Time(newMeta.DeletionTimestamp), ValidationMessages.FieldImmutable));
        }
        if (newMeta.DeletionGracePeriodSeconds != oldMeta.DeletionGracePeriodSeconds)
        {
            errs.Add(newMeta.DeletionGracePeriodSeconds is { } grace
                ? FieldErrors.Invalid(fld.Child("deletionGracePeriodSeconds"), grace, ValidationMessages.FieldImmutable)
                : FieldErrors.Invalid(fld.Child("deletionGracePeriodSeconds"), null, ValidationMessages.FieldImmutable));
        }

        errs.AddRange(ValidationPrimitives.ValidateLabels(newMeta.Labels, fld.Child("labels")));
        errs.AddRange(ValidationPrimitives.ValidateAnnotations(newMeta.Annotations, fld.Child("annotations")));
        errs.AddRange(ValidateOwnerReferences(newMeta.OwnerReferences, fld.Child("ownerReferences")));
        errs.AddRange(ValidateManagedFields(newMeta.ManagedFields, fld.Child("managedFields")));
        errs.AddRange(ValidateKubeFinalizerNames(newMeta.Finalizers, fld.Child("finalizers")));
        return errs;

        void Immutable(string newValue, string oldValue, string field)
        {
            if (!string.Equals(newValue, oldValue, StringComparison.Ordinal))
            {
                errs.Add(FieldErrors.Invalid(fld.Child(field), newValue, ValidationMessages.FieldImmutable));
            }
        }
    }

    /// <summary>apimachinery ValidateFinalizerName: a qualified name.</summary>
    internal static IEnumerable<FieldError> ValidateFinalizerName(string finalizer, FieldPath path) =>
        ValidationPrimitives.IsQualifiedName(finalizer).Select(m => FieldErrors.Invalid(path, finalizer, m));

    /// <summary>core validateKubeFinalizerName: a name without '/' must be a standard finalizer.</summary>
    internal static IEnumerable<FieldError> ValidateKubeFinalizerName(string finalizer, FieldPath path)
    {
        if (!finalizer.Contains('/', StringComparison.Ordinal) && !StandardFinalizers.Contains(finalizer))
        {
            yield return FieldErrors.Invalid(path, finalizer, "name is neither a standard finalizer name nor is it fully qualified");
        }
    }

    private static IEnumerable<FieldError> ValidateKubeFinalizerNames(IReadOnlyList<string>? finalizers, FieldPath path) =>
        (finalizers ?? []).SelectMany((f, i) => ValidateKubeFinalizerName(f, path.Index(i)));

    // apimachinery ValidateFinalizers: names are checked at the list's path (not indexed), and
    // orphan + foregroundDeletion together are contradictory. Duplicates are not an error.
    private static IEnumerable<FieldError> ValidateFinalizers(IReadOnlyList<string>? finalizers, FieldPath path)
    {
        if (finalizers is null)
        {
            yield break;
        }
        foreach (var f in finalizers)
        {
            foreach (var e in ValidateFinalizerName(f, path))
            {
                yield return e;
            }
        }
        if (finalizers.Contains(FinalizerOrphanDependents) && finalizers.Contains(FinalizerDeleteDependents))
        {
            yield return FieldErrors.Invalid(path, GoText.StringSlice(finalizers),
                $"finalizer {FinalizerOrphanDependents} and {FinalizerDeleteDependents} cannot be both set");
        }
    }

    private static IEnumerable<FieldError> ValidateOwnerReferences(IReadOnlyList<OwnerReference>? refs, FieldPath path)
    {
        if (refs is null)
        {
            yield break;
        }
        string? firstController = null;
        foreach (var r in refs)
        {
            var (group, version) = ParseApiVersion(r.ApiVersion);
            if (version.Length == 0)
            {
                yield return FieldErrors.Invalid(path.Child("apiVersion"), r.ApiVersion, "version must not be empty");
            }
            if (r.Kind.Length == 0)
            {
                yield return FieldErrors.Invalid(path.Child("kind"), r.Kind, "must not be empty");
            }
            if (r.Name.Length == 0)
            {
                yield return FieldErrors.Invalid(path.Child("name"), r.Name, "must not be empty");
            }
            if (r.Uid.Length == 0)
            {
                yield return FieldErrors.Invalid(path.Child("uid"), r.Uid, "must not be empty");
            }
            if (group.Length == 0 && BannedOwnerKinds.Contains(version + "/" + r.Kind))
            {
                // Kubernetes prints the whole reference struct (%#v) as the value; it is omitted here.
                yield return FieldErrors.Invalid(path, null, $"/{version}, Kind={r.Kind} is disallowed from being an owner");
            }
            if (r.Controller == true)
            {
                var current = r.Kind + "/" + r.Name;
                if (firstController is not null)
                {
                    yield return FieldErrors.Invalid(path, null,
                        $"Only one reference can have Controller set to true. Found \"true\" in references for {firstController} and {current}");
                }
                else
                {
                    firstController = current;
                }
            }
        }
    }

    // schema.ParseGroupVersion: "" → empty; "v1" → ("", "v1"); "g/v" → (g, v); anything else is
    // an error, which FromAPIVersionAndKind turns into an empty group/version.
    private static (string Group, string Version) ParseApiVersion(string apiVersion)
    {
        var parts = apiVersion.Split('/');
        return parts.Length switch
        {
            1 => ("", parts[0]),
            2 when parts[1].Length != 0 => (parts[0], parts[1]),
            _ => ("", ""),
        };
    }

    private static IEnumerable<FieldError> ValidateManagedFields(IReadOnlyList<ManagedFieldsEntry>? entries, FieldPath path)
    {
        if (entries is null)
        {
            yield break;
        }
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var p = path.Index(i);
            if (e.Operation is not ("Apply" or "Update"))
            {
                yield return FieldErrors.Invalid(p.Child("operation"), e.Operation ?? "", "must be `Apply` or `Update`");
            }
            if (!string.IsNullOrEmpty(e.FieldsType) && e.FieldsType != "FieldsV1")
            {
                yield return FieldErrors.Invalid(p.Child("fieldsType"), e.FieldsType, "must be `FieldsV1`");
            }
            var manager = e.Manager ?? "";
            if (GoText.Len(manager) > 128)
            {
                yield return FieldErrors.TooLong(p.Child("manager"), 128);
            }
            for (var c = 0; c < manager.Length; c++)
            {
                if (char.IsControl(manager[c]))
                {
                    yield return FieldErrors.Invalid(p.Child("manager"), manager,
                        string.Create(CultureInfo.InvariantCulture, $"invalid character U+{(int)manager[c]:X4} (at position {c})"));
                }
            }
            if (GoText.Len(e.Subresource ?? "") > 256)
            {
                yield return FieldErrors.TooLong(p.Child("subresource"), 256);
            }
        }
    }
}
