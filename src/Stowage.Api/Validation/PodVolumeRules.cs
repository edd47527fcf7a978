using System.Text.Json.Nodes;
using Stowage.Api.Core;

namespace Stowage.Api.Validation;

/// <summary>
/// The volumes of a pod (ValidateVolumes, validateVolumeSource and the per-source validators), at
/// Kubernetes' paths and with its texts, quirks included: a GCE disk is reported under
/// "persistentDisk", a second CephFS source under "cephFS", a second downward API source under
/// "downwarAPI".
/// </summary>
internal static class PodVolumeRules
{
    public const string FileModeMessage = "must be a number between 0 and 0777 (octal), both inclusive";
    private const string MoreThanOne = "may not specify more than 1 volume type";

    /// <summary>
    /// Every volume, and the volumes that validated cleanly by name: only those can be mounted
    /// (a mount of a volume with errors is also "Not found", as in Kubernetes).
    /// </summary>
    public static (Dictionary<string, Volume> Volumes, List<FieldError> Errors) Validate(IReadOnlyList<Volume>? volumes, string? podName, FieldPath path)
    {
        var errs = new List<FieldError>();
        var valid = new Dictionary<string, Volume>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var createdClaims = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(podName))
        {
            foreach (var v in volumes ?? [])
            {
                if (v.Ephemeral is not null)
                {
                    createdClaims.Add(podName + "-" + v.Name);
                }
            }
        }
        for (var i = 0; i < (volumes?.Count ?? 0); i++)
        {
            var vol = volumes![i];
            var idx = path.Index(i);
            var namePath = idx.Child("name");
            var el = Source(vol, idx, podName).ToList();
            if (vol.Name.Length == 0)
            {
                el.Add(FieldErrors.Required(namePath));
            }
            else
            {
                el.AddRange(ValidationPrimitives.ValidateDns1123Label(vol.Name, namePath));
            }
            if (names.Contains(vol.Name))
            {
                el.Add(FieldErrors.Duplicate(namePath, vol.Name));
            }
            if (el.Count == 0)
            {
                names.Add(vol.Name);
                valid[vol.Name] = vol;
            }
            else
            {
                errs.AddRange(el);
            }
            if (vol.PersistentVolumeClaim is { } claim && createdClaims.Contains(claim.ClaimName))
            {
                errs.Add(FieldErrors.Invalid(idx.Child("persistentVolumeClaim").Child("claimName"), claim.ClaimName,
                    "must not reference a PVC that gets created for an ephemeral volume"));
            }
        }
        return (valid, errs);
    }

    // validateVolumeSource: the first source present counts, every further one is "more than 1".
    private static IEnumerable<FieldError> Source(Volume v, FieldPath path, string? podName)
    {
        var count = 0;
        var errs = new List<FieldError>();

        void Check(bool present, string name, Func<IEnumerable<FieldError>> validate)
        {
            if (!present)
            {
                return;
            }
            if (count > 0)
            {
                errs.Add(FieldErrors.Forbidden(path.Child(name), MoreThanOne));
                return;
            }
            count++;
            errs.AddRange(validate());
        }

        if (v.EmptyDir is { } emptyDir)
        {
            count++;
            if (emptyDir.SizeLimit is { Sign: < 0 })
            {
                errs.Add(FieldErrors.Forbidden(path.Child("emptyDir").Child("sizeLimit"), "SizeLimit field must be a valid resource quantity"));
            }
        }
        Check(v.HostPath is not null, "hostPath", () => PersistentVolumeSourceRules.HostPath(v.HostPath!, path.Child("hostPath")));
        Check(v.GitRepo is not null, "gitRepo", () => GitRepo(v.GitRepo!, path.Child("gitRepo")));
        Check(v.GcePersistentDisk is not null, "gcePersistentDisk", () => PersistentVolumeSourceRules.GcePersistentDisk(v.GcePersistentDisk!, path.Child("persistentDisk")));
        Check(v.AwsElasticBlockStore is not null, "awsElasticBlockStore", () => PersistentVolumeSourceRules.AwsElasticBlockStore(v.AwsElasticBlockStore!, path.Child("awsElasticBlockStore")));
        Check(v.Secret is not null, "secret", () => Secret(v.Secret!, path.Child("secret")));
        Check(v.Nfs is not null, "nfs", () => PersistentVolumeSourceRules.Nfs(v.Nfs!, path.Child("nfs")));
        if (v.Iscsi is { } iscsi)
        {
            Check(true, "iscsi", () => Iscsi(iscsi, path.Child("iscsi")));
            if (iscsi.InitiatorName is not null && GoText.Len(v.Name + ":" + iscsi.TargetPortal) > 64)
            {
                errs.Add(FieldErrors.Invalid(path.Child("name"), v.Name,
                    "Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified."));
            }
        }
        Check(v.Glusterfs is not null, "glusterfs", () => Glusterfs(v.Glusterfs!, path.Child("glusterfs")));
        Check(v.Flocker is not null, "flocker", () => PersistentVolumeSourceRules.Flocker(v.Flocker!, path.Child("flocker")));
        Check(v.PersistentVolumeClaim is not null, "persistentVolumeClaim", () => Claim(v.PersistentVolumeClaim!, path.Child("persistentVolumeClaim")));
        Check(v.Rbd is not null, "rbd", () => Rbd(v.Rbd!, path.Child("rbd")));
        Check(v.Cinder is not null, "cinder", () => Cinder(v.Cinder!, path.Child("cinder")));
        Check(v.Cephfs is not null, "cephFS", () => CephFs(v.Cephfs!, path.Child("cephfs")));
        Check(v.Quobyte is not null, "quobyte", () => PersistentVolumeSourceRules.RequiredStrings(v.Quobyte!, path.Child("quobyte"), "registry", "volume"));
        Check(v.DownwardAPI is not null, "downwarAPI", () => DownwardApi(v.DownwardAPI!, path.Child("downwardAPI")));
        Check(v.Fc is not null, "fc", () => PersistentVolumeSourceRules.Fc(v.Fc!, path.Child("fc")));
        Check(v.FlexVolume is not null, "flexVolume", () => Flex(v.FlexVolume!, path.Child("flexVolume")));
        Check(v.ConfigMap is not null, "configMap", () => ConfigMap(v.ConfigMap!, path.Child("configMap")));
        Check(v.AzureFile is not null, "azureFile", () => PersistentVolumeSourceRules.RequiredStrings(v.AzureFile!, path.Child("azureFile"), "secretName", "shareName"));
        Check(v.VsphereVolume is not null, "vsphereVolume", () => PersistentVolumeSourceRules.RequiredStrings(v.VsphereVolume!, path.Child("vsphereVolume"), "volumePath"));
        Check(v.PhotonPersistentDisk is not null, "photonPersistentDisk", () => PersistentVolumeSourceRules.RequiredStrings(v.PhotonPersistentDisk!, path.Child("photonPersistentDisk"), "pdID"));
        Check(v.PortworxVolume is not null, "portworxVolume", () => PersistentVolumeSourceRules.RequiredStrings(v.PortworxVolume!, path.Child("portworxVolume"), "volumeID"));
        Check(v.AzureDisk is not null, "azureDisk", () => PersistentVolumeSourceRules.RequiredStrings(v.AzureDisk!, path.Child("azureDisk"), "diskName", "diskURI"));
        Check(v.Storageos is not null, "storageos", () => PersistentVolumeSourceRules.RequiredStrings(v.Storageos!, path.Child("storageos"), "volumeName"));
        Check(v.Projected is not null, "projected", () => Projected(v.Projected!, path.Child("projected")));
        Check(v.ScaleIO is not null, "scaleIO", () => PersistentVolumeSourceRules.RequiredStrings(v.ScaleIO!, path.Child("scaleIO"), "gateway", "system", "volumeName"));
        Check(v.Csi is not null, "csi", () => Csi(v.Csi!, path.Child("csi")));
        Check(v.Ephemeral is not null, "ephemeral", () => Ephemeral(v.Ephemeral!, v.Name, podName, path));
        Check(v.Image is not null, "image", () => PersistentVolumeSourceRules.RequiredStrings(v.Image!, path.Child("image"), "reference"));
        if (count == 0)
        {
            errs.Add(FieldErrors.Required(path, "must specify a volume type"));
        }
        return errs;
    }

    private static IEnumerable<FieldError> GitRepo(GitRepoVolumeSource s, FieldPath path)
    {
        if (s.Repository.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("repository"));
        }
        foreach (var e in LocalDescendingPath(s.Directory ?? "", path.Child("directory")))
        {
            yield return e;
        }
    }

    private static IEnumerable<FieldError> Secret(SecretVolumeSource s, FieldPath path)
    {
        if (string.IsNullOrEmpty(s.SecretName))
        {
            yield return FieldErrors.Required(path.Child("secretName"));
        }
        foreach (var e in Mode(s.DefaultMode, path.Child("defaultMode")).Concat(Items(s.Items, path.Child("items"))))
        {
            yield return e;
        }
    }

    private static IEnumerable<FieldError> ConfigMap(ConfigMapVolumeSource s, FieldPath path)
    {
        if (string.IsNullOrEmpty(s.Name))
        {
            yield return FieldErrors.Required(path.Child("name"));
        }
        foreach (var e in Mode(s.DefaultMode, path.Child("defaultMode")).Concat(Items(s.Items, path.Child("items"))))
        {
            yield return e;
        }
    }

    private static IEnumerable<FieldError> Items(IReadOnlyList<KeyToPath>? items, FieldPath path)
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var item = items![i];
            var p = path.Index(i);
            if (item.Key.Length == 0)
            {
                yield return FieldErrors.Required(p.Child("key"));
            }
            if (item.Path.Length == 0)
            {
                yield return FieldErrors.Required(p.Child("path"));
            }
            foreach (var e in LocalNonReservedPath(item.Path, p.Child("path")).Concat(Mode(item.Mode, p.Child("mode"))))
            {
                yield return e;
            }
        }
    }

    public static IEnumerable<FieldError> Mode(int? mode, FieldPath path)
    {
        if (mode is < 0 or > 511)
        {
            yield return FieldErrors.Invalid(path, mode.Value, FileModeMessage);
        }
    }

    private static readonly string[] VolumeFieldPaths = ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"];

    private static IEnumerable<FieldError> DownwardApi(DownwardApiVolumeSource s, FieldPath path)
    {
        foreach (var e in Mode(s.DefaultMode, path.Child("defaultMode")))
        {
            yield return e;
        }
        // Kubernetes reports the items at the source's path, without an index.
        foreach (var file in s.Items ?? [])
        {
            if (file.Path.Length == 0)
            {
                yield return FieldErrors.Required(path.Child("path"));
            }
            foreach (var e in LocalNonReservedPath(file.Path, path.Child("path")))
            {
                yield return e;
            }
            if (file.FieldRef is { } fieldRef)
            {
                foreach (var e in FieldSelector(fieldRef, VolumeFieldPaths, path.Child("fieldRef")))
                {
                    yield return e;
                }
                if (file.ResourceFieldRef is not null)
                {
                    yield return FieldErrors.Invalid(path, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously");
                }
            }
            else if (file.ResourceFieldRef is { } resourceRef)
            {
                if (string.IsNullOrEmpty(resourceRef.ContainerName))
                {
                    yield return FieldErrors.Required(path.Child("resourceFieldRef").Child("containerName"));
                }
                else if (resourceRef.Resource.Length == 0)
                {
                    yield return FieldErrors.Required(path.Child("resourceFieldRef").Child("resource"));
                }
            }
            else
            {
                yield return FieldErrors.Required(path, "one of fieldRef and resourceFieldRef is required");
            }
            foreach (var e in Mode(file.Mode, path.Child("mode")))
            {
                yield return e;
            }
        }
    }

    /// <summary>validateObjectFieldSelector for the paths without subscripts.</summary>
    public static IEnumerable<FieldError> FieldSelector(ObjectFieldSelector s, IReadOnlyList<string> supported, FieldPath path)
    {
        if (string.IsNullOrEmpty(s.ApiVersion))
        {
            yield return FieldErrors.Required(path.Child("apiVersion"));
            yield break;
        }
        if (s.FieldPath.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("fieldPath"));
            yield break;
        }
        var bracket = s.FieldPath.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0 && s.FieldPath.EndsWith("']", StringComparison.Ordinal))
        {
            var field = s.FieldPath[..bracket];
            if (field is not ("metadata.annotations" or "metadata.labels"))
            {
                yield return FieldErrors.Invalid(path, field, "does not support subscript");
            }
            yield break;
        }
        if (!supported.Contains(s.FieldPath, StringComparer.Ordinal))
        {
            yield return FieldErrors.NotSupported(path.Child("fieldPath"), s.FieldPath, supported);
        }
    }

    private static IEnumerable<FieldError> Claim(PersistentVolumeClaimVolumeSource s, FieldPath path)
    {
        if (s.ClaimName.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("claimName"));
        }
    }

    private static IEnumerable<FieldError> Glusterfs(GlusterfsVolumeSource s, FieldPath path)
    {
        if (s.Endpoints.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("endpoints"));
        }
        if (s.Path.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("path"));
        }
    }

    private static IEnumerable<FieldError> Rbd(RbdVolumeSource s, FieldPath path)
    {
        if ((s.Monitors ?? []).Count == 0)
        {
            yield return FieldErrors.Required(path.Child("monitors"));
        }
        if (s.Image.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("image"));
        }
    }

    private static IEnumerable<FieldError> CephFs(CephFsVolumeSource s, FieldPath path)
    {
        if ((s.Monitors ?? []).Count == 0)
        {
            yield return FieldErrors.Required(path.Child("monitors"));
        }
    }

    private static IEnumerable<FieldError> Cinder(CinderVolumeSource s, FieldPath path)
    {
        if (s.VolumeID.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("volumeID"));
        }
        if (s.SecretRef is not null && string.IsNullOrEmpty(s.SecretRef.Name))
        {
            yield return FieldErrors.Required(path.Child("secretRef").Child("name"));
        }
    }

    private static IEnumerable<FieldError> Flex(FlexVolumeSource s, FieldPath path) =>
        PersistentVolumeSourceRules.Flex(new FlexPersistentVolumeSource { Driver = s.Driver, Options = s.Options }, path);

    private static IEnumerable<FieldError> Csi(CsiVolumeSource s, FieldPath path)
    {
        foreach (var e in PersistentVolumeSourceRules.CsiDriverName(s.Driver, path.Child("driver")))
        {
            yield return e;
        }
        if (s.NodePublishSecretRef is { } secretRef)
        {
            if (string.IsNullOrEmpty(secretRef.Name))
            {
                yield return FieldErrors.Required(path.Child("nodePublishSecretRef").Child("name"));
            }
            else
            {
                // Reported at csi.name, as Kubernetes does.
                foreach (var m in ValidationPrimitives.NameIsDnsSubdomain(secretRef.Name, false))
                {
                    yield return FieldErrors.Invalid(path.Child("name"), secretRef.Name, m);
                }
            }
        }
    }

    private static IEnumerable<FieldError> Iscsi(IscsiVolumeSource s, FieldPath path)
    {
        const string WithScheme = "must be valid format starting with iqn, eui, or naa";
        if (s.TargetPortal.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("targetPortal"));
        }
        if (s.Iqn.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("iqn"));
        }
        else if (!PersistentVolumeSourceRules.StartsWithIscsiScheme(s.Iqn))
        {
            yield return FieldErrors.Invalid(path.Child("iqn"), s.Iqn, WithScheme);
        }
        else if (!PersistentVolumeSourceRules.IsWellFormedIscsiName(s.Iqn))
        {
            yield return FieldErrors.Invalid(path.Child("iqn"), s.Iqn, "must be valid format");
        }
        if (s.Lun is < 0 or > 255)
        {
            yield return FieldErrors.Invalid(path.Child("lun"), s.Lun, ValidationPrimitives.InclusiveRangeError(0, 255));
        }
        if ((s.ChapAuthDiscovery == true || s.ChapAuthSession == true) && s.SecretRef is null)
        {
            yield return FieldErrors.Required(path.Child("secretRef"));
        }
        if (s.InitiatorName is { } initiator)
        {
            if (!PersistentVolumeSourceRules.StartsWithIscsiScheme(initiator))
            {
                yield return FieldErrors.Invalid(path.Child("initiatorname"), initiator, WithScheme);
            }
            else if (!PersistentVolumeSourceRules.IsWellFormedIscsiName(initiator))
            {
                yield return FieldErrors.Invalid(path.Child("initiatorname"), initiator, "must be valid format");
            }
        }
    }

    // Projected sources are kept as JSON: the mode bits, one source per projection and the
    // required names are checked.
    private static IEnumerable<FieldError> Projected(JsonObject s, FieldPath path)
    {
        if (JsonFields.Integer(s["defaultMode"]) is { } m)
        {
            foreach (var e in Mode((int)Math.Clamp(m, int.MinValue, int.MaxValue), path.Child("defaultMode")))
            {
                yield return e;
            }
        }
        var sources = s["sources"] as JsonArray ?? [];
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is not JsonObject source)
            {
                continue;
            }
            var srcPath = path.Child("sources").Index(i);
            var kinds = new[] { "secret", "configMap", "downwardAPI", "serviceAccountToken", "clusterTrustBundle" }.Where(source.ContainsKey).ToList();
            foreach (var kind in kinds.Where(k => k is "secret" or "configMap"))
            {
                if (source[kind] is JsonObject o && string.IsNullOrEmpty(o["name"]?.GetValue<string>()))
                {
                    yield return FieldErrors.Required(srcPath.Child(kind).Child("name"));
                }
            }
            if (kinds.Count > 1)
            {
                yield return FieldErrors.Forbidden(srcPath, "may not specify more than 1 volume type per source");
            }
        }
    }

    private static IEnumerable<FieldError> Ephemeral(JsonObject s, string volumeName, string? podName, FieldPath path)
    {
        if (s["volumeClaimTemplate"] is not JsonObject)
        {
            yield return FieldErrors.Required(path.Child("ephemeral").Child("volumeClaimTemplate"));
            yield break;
        }
        if (!string.IsNullOrEmpty(podName) && volumeName.Length > 0)
        {
            var claimName = podName + "-" + volumeName;
            foreach (var m in ValidationPrimitives.NameIsDnsSubdomain(claimName, false))
            {
                yield return FieldErrors.Invalid(path.Child("name"), volumeName, $"PVC name {GoText.Quote(claimName)}: {m}");
            }
        }
    }

    /// <summary>validateLocalDescendingPath: relative, without "..".</summary>
    public static IEnumerable<FieldError> LocalDescendingPath(string target, FieldPath path)
    {
        if (target.StartsWith('/'))
        {
            yield return FieldErrors.Invalid(path, target, "must be a relative path");
        }
        foreach (var e in PersistentVolumeSourceRules.NoBacksteps(target, path))
        {
            yield return e;
        }
    }

    /// <summary>ValidateLocalNonReservedPath: also may not start with "..".</summary>
    public static IEnumerable<FieldError> LocalNonReservedPath(string target, FieldPath path)
    {
        foreach (var e in LocalDescendingPath(target, path))
        {
            yield return e;
        }
        if (target.StartsWith("..", StringComparison.Ordinal) && !target.StartsWith("../", StringComparison.Ordinal))
        {
            yield return FieldErrors.Invalid(path, target, "must not start with '..'");
        }
    }
}
