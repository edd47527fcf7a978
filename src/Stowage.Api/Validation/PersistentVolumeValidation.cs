using Stowage.Api.Core;

namespace Stowage.Api.Validation;

/// <summary>
/// PersistentVolume validation as kube-apiserver 1.32 runs it: ValidatePersistentVolume (+ the
/// mount-option annotation check of pkg/volume/validation) on create,
/// ValidatePersistentVolumeUpdate on update, ValidatePersistentVolumeStatusUpdate on the status
/// subresource. Feature gates are at their 1.32 defaults (VolumeAttributesClass off).
/// </summary>
public static class PersistentVolumeValidation
{
    internal static readonly string[] SupportedAccessModes = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
    internal static readonly string[] SupportedVolumeModes = ["Block", "Filesystem"];
    private static readonly string[] SupportedReclaimPolicies = ["Delete", "Recycle", "Retain"];
    private const string MountOptionAnnotation = "volume.beta.kubernetes.io/mount-options";

    /// <summary>A PV on create.</summary>
    public static IReadOnlyList<FieldError> Validate(PersistentVolume pv)
    {
        ArgumentNullException.ThrowIfNull(pv);
        return Validate(pv, allowInvalidNodeAffinityLabelValue: false, enableVolumeAttributesClass: FeatureGates.VolumeAttributesClass);
    }

    /// <summary>
    /// A PV on update of the main resource: metadata update rules, every create rule, and the
    /// immutability of the volume source, volumeMode and (once set) nodeAffinity.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(PersistentVolume newPv, PersistentVolume oldPv)
    {
        ArgumentNullException.ThrowIfNull(newPv);
        ArgumentNullException.ThrowIfNull(oldPv);
        var newSpec = newPv.Spec ?? new PersistentVolumeSpec();
        var oldSpec = oldPv.Spec ?? new PersistentVolumeSpec();
        var enableVac = FeatureGates.VolumeAttributesClass || oldSpec.VolumeAttributesClassName is not null;

        var errs = new List<FieldError>();
        errs.AddRange(ObjectMetaValidation.ValidateObjectMetaUpdate(newPv.Metadata, oldPv.Metadata));
        errs.AddRange(Validate(newPv, NodeSelectorRules.HasInvalidLabelValue(oldSpec.NodeAffinity), enableVac));

        // Adding a controllerExpandSecretRef to a CSI volume that had none is the one tolerated change.
        var comparedNew = newSpec;
        if (oldSpec.Csi is { ControllerExpandSecretRef: null } && newSpec.Csi is { ControllerExpandSecretRef: not null })
        {
            comparedNew = newSpec with { Csi = newSpec.Csi with { ControllerExpandSecretRef = null } };
        }
        if (SemanticJson.Difference(SourceOnly(oldSpec), SourceOnly(comparedNew), ApiJsonContext.Default.PersistentVolumeSpec) is { } sourceDiff)
        {
            errs.Add(FieldErrors.Forbidden(FieldPath.Root("spec").Child("persistentvolumesource"),
                "spec.persistentvolumesource is immutable after creation\n" + sourceDiff));
        }

        // Kubernetes reports this one at "volumeMode", not "spec.volumeMode".
        if (!string.Equals(newSpec.VolumeMode, oldSpec.VolumeMode, StringComparison.Ordinal))
        {
            errs.Add(FieldErrors.Invalid(FieldPath.Root("volumeMode"), newSpec.VolumeMode, ValidationMessages.FieldImmutable));
        }

        if (oldSpec.NodeAffinity is not null && !NodeSelectorRules.EqualAllowingBetaToGa(newSpec.NodeAffinity, oldSpec.NodeAffinity))
        {
            // Kubernetes prints the whole affinity struct (Go %#v) as the value; it is left out
            // (null), which is also exactly what Kubernetes prints when the new affinity is nil.
            errs.Add(FieldErrors.Invalid(FieldPath.Root("nodeAffinity"), null,
                ValidationMessages.FieldImmutable + ", except for updating from beta label to GA"));
        }

        if (!string.Equals(oldSpec.VolumeAttributesClassName, newSpec.VolumeAttributesClassName, StringComparison.Ordinal))
        {
            var vacPath = FieldPath.Root("spec").Child("volumeAttributesClassName");
            if (!FeatureGates.VolumeAttributesClass)
            {
                errs.Add(FieldErrors.Forbidden(vacPath, "update is forbidden when the VolumeAttributesClass feature gate is disabled"));
            }
            if (enableVac && oldSpec.VolumeAttributesClassName is not null && newSpec.VolumeAttributesClassName is null)
            {
                errs.Add(FieldErrors.Forbidden(vacPath, "update from non-nil value to nil is forbidden"));
            }
        }
        // The API server reports each distinct message once (ErrorList.ToAggregate).
        return errs.Distinct().ToList();
    }

    /// <summary>A write to the status subresource: only metadata rules, and a resourceVersion is required.</summary>
    public static IReadOnlyList<FieldError> ValidateStatusUpdate(PersistentVolume newPv, PersistentVolume oldPv)
    {
        ArgumentNullException.ThrowIfNull(newPv);
        ArgumentNullException.ThrowIfNull(oldPv);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(newPv.Metadata, oldPv.Metadata).ToList();
        if (string.IsNullOrEmpty(newPv.Metadata.ResourceVersion))
        {
            errs.Add(FieldErrors.Required(FieldPath.Root("resourceVersion")));
        }
        return errs;
    }

    private static List<FieldError> Validate(PersistentVolume pv, bool allowInvalidNodeAffinityLabelValue, bool enableVolumeAttributesClass)
    {
        var errs = new List<FieldError>();
        errs.AddRange(ObjectMetaValidation.ValidateObjectMeta(pv.Metadata, false, ObjectMetaValidation.DnsSubdomainName));
        errs.AddRange(ValidateSpec(pv.Spec ?? new PersistentVolumeSpec(), pv.Metadata.Name ?? "", allowInvalidNodeAffinityLabelValue, enableVolumeAttributesClass));
        errs.AddRange(CheckMountOptionAnnotation(pv));
        return errs;
    }

    private static List<FieldError> ValidateSpec(PersistentVolumeSpec spec, string pvName, bool allowInvalidNodeAffinityLabelValue, bool enableVac)
    {
        var fld = FieldPath.Root("spec");
        var errs = new List<FieldError>();
        errs.AddRange(AccessModes(spec.AccessModes, fld.Child("accessModes"), ""));

        var capPath = fld.Child("capacity");
        var capacity = spec.Capacity ?? new Dictionary<string, Quantities.Quantity>();
        if (capacity.Count == 0)
        {
            errs.Add(FieldErrors.Required(capPath));
        }
        if (!capacity.ContainsKey("storage") || capacity.Count > 1)
        {
            // Kubernetes prints the whole ResourceList (Go %#v) as the value; the first
            // unsupported resource name stands in for it (null when the list is empty).
            var offending = capacity.Keys.Where(k => k != "storage").Order(StringComparer.Ordinal).FirstOrDefault();
            var error = FieldErrors.NotSupported(capPath, offending, ["storage"]);
            // With no other resource named, Kubernetes prints the Go value of the empty list, unquoted.
            errs.Add(offending is null ? error with { BadValue = spec.Capacity is null ? "core.ResourceList(nil)" : "core.ResourceList{}", QuoteBadValue = false } : error);
        }
        foreach (var (resource, quantity) in capacity.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            errs.AddRange(QuantityRules.Basic(quantity, capPath.Key(resource)));
            errs.AddRange(QuantityRules.Positive(quantity, capPath.Key(resource)));
        }

        if (!string.IsNullOrEmpty(spec.PersistentVolumeReclaimPolicy) && !SupportedReclaimPolicies.Contains(spec.PersistentVolumeReclaimPolicy, StringComparer.Ordinal))
        {
            errs.Add(FieldErrors.NotSupported(fld.Child("persistentVolumeReclaimPolicy"), spec.PersistentVolumeReclaimPolicy, SupportedReclaimPolicies));
        }

        var (nodeAffinitySpecified, affinityErrors) = NodeSelectorRules.ValidateVolumeNodeAffinity(spec.NodeAffinity, allowInvalidNodeAffinityLabelValue, fld.Child("nodeAffinity"));
        errs.AddRange(affinityErrors);

        errs.AddRange(VolumeSources(spec, pvName, nodeAffinitySpecified, fld));

        if (spec.HostPath is not null && GoPath.Clean(spec.HostPath.Path) == "/" && spec.PersistentVolumeReclaimPolicy == "Recycle")
        {
            errs.Add(FieldErrors.Forbidden(fld.Child("persistentVolumeReclaimPolicy"), "may not be 'recycle' for a hostPath mount of '/'"));
        }
        if (!string.IsNullOrEmpty(spec.StorageClassName))
        {
            errs.AddRange(ValidationPrimitives.NameIsDnsSubdomain(spec.StorageClassName, false)
                .Select(m => FieldErrors.Invalid(fld.Child("storageClassName"), spec.StorageClassName, m)));
        }
        if (spec.VolumeMode is not null && !SupportedVolumeModes.Contains(spec.VolumeMode, StringComparer.Ordinal))
        {
            errs.Add(FieldErrors.NotSupported(fld.Child("volumeMode"), spec.VolumeMode, SupportedVolumeModes));
        }
        if (spec.VolumeAttributesClassName is not null && enableVac)
        {
            if (spec.VolumeAttributesClassName.Length == 0)
            {
                errs.Add(FieldErrors.Required(fld.Child("volumeAttributesClassName"), "an empty string is disallowed"));
            }
            else
            {
                errs.AddRange(ValidationPrimitives.NameIsDnsSubdomain(spec.VolumeAttributesClassName, false)
                    .Select(m => FieldErrors.Invalid(fld.Child("volumeAttributesClassName"), spec.VolumeAttributesClassName, m)));
            }
            if (spec.Csi is null)
            {
                errs.Add(FieldErrors.Required(fld.Child("csi"), "has to be specified when using volumeAttributesClassName"));
            }
        }
        return errs;
    }

    /// <summary>
    /// Access-mode rules shared with claims: at least one (Required with <paramref name="requiredDetail"/>),
    /// each supported, ReadWriteOncePod alone.
    /// </summary>
    internal static IEnumerable<FieldError> AccessModes(IReadOnlyList<string>? modes, FieldPath path, string requiredDetail)
    {
        var list = modes ?? [];
        if (list.Count == 0)
        {
            yield return FieldErrors.Required(path, requiredDetail);
        }
        bool rwop = false, other = false;
        foreach (var mode in list)
        {
            var supported = SupportedAccessModes.Contains(mode, StringComparer.Ordinal);
            if (!supported)
            {
                yield return FieldErrors.NotSupported(path, mode, SupportedAccessModes);
            }
            if (mode == "ReadWriteOncePod")
            {
                rwop = true;
            }
            else if (supported)
            {
                other = true;
            }
        }
        if (rwop && other)
        {
            yield return FieldErrors.Forbidden(path, "may not use ReadWriteOncePod with other access modes");
        }
    }

    // Exactly one source, in Kubernetes' order. A second source is "Forbidden" at its own path;
    // flexVolume is counted but never reported as the extra one (as in Kubernetes).
    private static List<FieldError> VolumeSources(PersistentVolumeSpec spec, string pvName, bool nodeAffinitySpecified, FieldPath fld)
    {
        var errs = new List<FieldError>();
        var count = 0;

        void Source(bool present, string name, Func<IEnumerable<FieldError>> rules)
        {
            if (!present)
            {
                return;
            }
            if (count > 0)
            {
                errs.Add(FieldErrors.Forbidden(fld.Child(name), "may not specify more than 1 volume type"));
                return;
            }
            count++;
            errs.AddRange(rules());
        }

        Source(spec.HostPath is not null, "hostPath", () => PersistentVolumeSourceRules.HostPath(spec.HostPath!, fld.Child("hostPath")));
        Source(spec.GcePersistentDisk is not null, "gcePersistentDisk", () => PersistentVolumeSourceRules.GcePersistentDisk(spec.GcePersistentDisk!, fld.Child("persistentDisk")));
        Source(spec.AwsElasticBlockStore is not null, "awsElasticBlockStore", () => PersistentVolumeSourceRules.AwsElasticBlockStore(spec.AwsElasticBlockStore!, fld.Child("awsElasticBlockStore")));
        Source(spec.Glusterfs is not null, "glusterfs", () => PersistentVolumeSourceRules.Glusterfs(spec.Glusterfs!, fld.Child("glusterfs")));
        Source(spec.Flocker is not null, "flocker", () => PersistentVolumeSourceRules.Flocker(spec.Flocker!, fld.Child("flocker")));
        Source(spec.Nfs is not null, "nfs", () => PersistentVolumeSourceRules.Nfs(spec.Nfs!, fld.Child("nfs")));
        Source(spec.Rbd is not null, "rbd", () => PersistentVolumeSourceRules.Rbd(spec.Rbd!, fld.Child("rbd")));
        Source(spec.Quobyte is not null, "quobyte", () => PersistentVolumeSourceRules.RequiredStrings(spec.Quobyte!, fld.Child("quobyte"), "registry", "volume"));
        Source(spec.Cephfs is not null, "cephFS", () => PersistentVolumeSourceRules.CephFs(spec.Cephfs!, fld.Child("cephfs")));
        Source(spec.Iscsi is not null, "iscsi", () => PersistentVolumeSourceRules.Iscsi(spec.Iscsi!, pvName, fld.Child("iscsi")));
        Source(spec.Cinder is not null, "cinder", () => PersistentVolumeSourceRules.Cinder(spec.Cinder!, fld.Child("cinder")));
        Source(spec.Fc is not null, "fc", () => PersistentVolumeSourceRules.Fc(spec.Fc!, fld.Child("fc")));
        if (spec.FlexVolume is not null)
        {
            count++;
            errs.AddRange(PersistentVolumeSourceRules.Flex(spec.FlexVolume, fld.Child("flexVolume")));
        }
        Source(spec.AzureFile is not null, "azureFile", () => PersistentVolumeSourceRules.RequiredStrings(spec.AzureFile!, fld.Child("azureFile"), "secretName", "shareName"));
        Source(spec.VsphereVolume is not null, "vsphereVolume", () => PersistentVolumeSourceRules.RequiredStrings(spec.VsphereVolume!, fld.Child("vsphereVolume"), "volumePath"));
        Source(spec.PhotonPersistentDisk is not null, "photonPersistentDisk", () => PersistentVolumeSourceRules.RequiredStrings(spec.PhotonPersistentDisk!, fld.Child("photonPersistentDisk"), "pdID"));
        Source(spec.PortworxVolume is not null, "portworxVolume", () => PersistentVolumeSourceRules.RequiredStrings(spec.PortworxVolume!, fld.Child("portworxVolume"), "volumeID"));
        Source(spec.AzureDisk is not null, "azureDisk", () => PersistentVolumeSourceRules.RequiredStrings(spec.AzureDisk!, fld.Child("azureDisk"), "diskName", "diskURI"));
        Source(spec.ScaleIO is not null, "scaleIO", () => PersistentVolumeSourceRules.RequiredStrings(spec.ScaleIO!, fld.Child("scaleIO"), "gateway", "system", "volumeName"));
        Source(spec.Local is not null, "local", () =>
        {
            var local = PersistentVolumeSourceRules.Local(spec.Local!, fld.Child("local")).ToList();
            if (!nodeAffinitySpecified)
            {
                local.Add(FieldErrors.Required(fld.Child("nodeAffinity"), "Local volume requires node affinity"));
            }
            return local;
        });
        Source(spec.Storageos is not null, "storageos", () => PersistentVolumeSourceRules.RequiredStrings(spec.Storageos!, fld.Child("storageos"), "volumeName"));
        Source(spec.Csi is not null, "csi", () => PersistentVolumeSourceRules.Csi(spec.Csi!, fld.Child("csi")));

        if (count == 0)
        {
            errs.Add(FieldErrors.Required(fld, "must specify a volume type"));
        }
        return errs;
    }

    // pkg/volume/validation checkMountOption: only the beta annotation is checked (spec.mountOptions
    // is not restricted by volume type in Kubernetes).
    private static IEnumerable<FieldError> CheckMountOptionAnnotation(PersistentVolume pv)
    {
        var s = pv.Spec ?? new PersistentVolumeSpec();
        var supportsMountOptions = s.GcePersistentDisk is not null || s.AwsElasticBlockStore is not null || s.Glusterfs is not null
            || s.Nfs is not null || s.Rbd is not null || s.Quobyte is not null || s.Iscsi is not null || s.Cinder is not null
            || s.Cephfs is not null || s.AzureFile is not null || s.VsphereVolume is not null || s.AzureDisk is not null
            || s.PhotonPersistentDisk is not null;
        if (!supportsMountOptions && pv.Metadata.Annotations?.ContainsKey(MountOptionAnnotation) == true)
        {
            yield return FieldErrors.Forbidden(FieldPath.Root("metadata").Child("annotations").Child(MountOptionAnnotation),
                "may not specify mount options for this volume type");
        }
    }

    // The volume source alone (PersistentVolumeSpec.PersistentVolumeSource in Kubernetes' types).
    private static PersistentVolumeSpec SourceOnly(PersistentVolumeSpec spec) => spec with
    {
        Capacity = null,
        AccessModes = null,
        ClaimRef = null,
        PersistentVolumeReclaimPolicy = null,
        StorageClassName = null,
        MountOptions = null,
        VolumeMode = null,
        NodeAffinity = null,
        VolumeAttributesClassName = null,
    };
}
