using Stowage.Api.Core;

namespace Stowage.Api.Validation;

/// <summary>Namespace validation (ValidateNamespace, ValidateNamespaceUpdate, ...StatusUpdate, ...FinalizeUpdate).</summary>
public static class NamespaceValidation
{
    /// <summary>A namespace on create: a DNS-1123 label name, valid spec.finalizers.</summary>
    public static IReadOnlyList<FieldError> Validate(Namespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var errs = ObjectMetaValidation.ValidateObjectMeta(ns.Metadata, false, ObjectMetaValidation.DnsLabelName).ToList();
        // Kubernetes reports these at "spec.finalizers" without an index.
        errs.AddRange(SpecFinalizers(ns, indexed: false));
        return errs;
    }

    /// <summary>A namespace on update of the main resource: only the metadata rules.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(Namespace newNs, Namespace oldNs)
    {
        ArgumentNullException.ThrowIfNull(newNs);
        ArgumentNullException.ThrowIfNull(oldNs);
        return ObjectMetaValidation.ValidateObjectMetaUpdate(newNs.Metadata, oldNs.Metadata);
    }

    /// <summary>The status subresource: Active while not deleted, Terminating once deletion started.</summary>
    public static IReadOnlyList<FieldError> ValidateStatusUpdate(Namespace newNs, Namespace oldNs)
    {
        ArgumentNullException.ThrowIfNull(newNs);
        ArgumentNullException.ThrowIfNull(oldNs);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(newNs.Metadata, oldNs.Metadata).ToList();
        var phase = newNs.Status?.Phase ?? "";
        var path = FieldPath.Root("status").Child("Phase");
        if (newNs.Metadata.DeletionTimestamp is null)
        {
            if (phase != "Active")
            {
                errs.Add(FieldErrors.Invalid(path, phase, "may only be 'Active' if `deletionTimestamp` is empty"));
            }
        }
        else if (phase != "Terminating")
        {
            errs.Add(FieldErrors.Invalid(path, phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
        }
        return errs;
    }

    /// <summary>The finalize subresource: metadata rules and valid spec.finalizers[i].</summary>
    public static IReadOnlyList<FieldError> ValidateFinalizeUpdate(Namespace newNs, Namespace oldNs)
    {
        ArgumentNullException.ThrowIfNull(newNs);
        ArgumentNullException.ThrowIfNull(oldNs);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(newNs.Metadata, oldNs.Metadata).ToList();
        errs.AddRange(SpecFinalizers(newNs, indexed: true));
        return errs;
    }

    private static IEnumerable<FieldError> SpecFinalizers(Namespace ns, bool indexed)
    {
        var path = FieldPath.Root("spec").Child("finalizers");
        var finalizers = ns.Spec?.Finalizers ?? [];
        for (var i = 0; i < finalizers.Count; i++)
        {
            var p = indexed ? path.Index(i) : path;
            foreach (var e in ObjectMetaValidation.ValidateFinalizerName(finalizers[i], p).Concat(ObjectMetaValidation.ValidateKubeFinalizerName(finalizers[i], p)))
            {
                yield return e;
            }
        }
    }
}
