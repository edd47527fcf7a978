using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Stowage.Api.Core;

namespace Stowage.Api.Validation;

/// <summary>
/// The per-source rules of a PersistentVolume (validateHostPathVolumeSource,
/// validateNFSVolumeSource, validateCSIPersistentVolumeSource, ...), each at the path Kubernetes
/// uses, including its quirks (GCE PD fields under "persistentDisk", CephFS under "cephfs").
/// </summary>
internal static partial class PersistentVolumeSourceRules
{
    private static readonly string[] SupportedHostPathTypes =
        ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];

    [GeneratedRegex(@"iqn\.[0-9]{4}-[0-9]{2}\.([A-Za-z0-9\-.]+)(:[^,;*&$|\t\n\f\r ]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex IscsiIqnRegex();

    [GeneratedRegex(@"^eui.[A-Za-z0-9]{16}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IscsiEuiRegex();

    [GeneratedRegex(@"^naa.[A-Za-z0-9]{32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IscsiNaaRegex();

    public static IEnumerable<FieldError> HostPath(HostPathVolumeSource s, FieldPath path)
    {
        if (s.Path.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("path"));
            yield break;
        }
        foreach (var e in NoBacksteps(s.Path, path.Child("path")))
        {
            yield return e;
        }
        if (s.Type is not null && !SupportedHostPathTypes.Contains(s.Type, StringComparer.Ordinal))
        {
            yield return FieldErrors.NotSupported(path.Child("type"), s.Type, SupportedHostPathTypes);
        }
    }

    public static IEnumerable<FieldError> Local(LocalVolumeSource s, FieldPath path)
    {
        if (s.Path.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("path"));
            yield break;
        }
        foreach (var e in NoBacksteps(s.Path, path.Child("path")))
        {
            yield return e;
        }
    }

    /// <summary>validatePathNoBacksteps: no ".." element; one error however many there are.</summary>
    public static IEnumerable<FieldError> NoBacksteps(string target, FieldPath path)
    {
        if (target.Split('/').Contains(".."))
        {
            yield return FieldErrors.Invalid(path, target, "must not contain '..'");
        }
    }

    public static IEnumerable<FieldError> Nfs(NfsVolumeSource s, FieldPath path)
    {
        if (s.Server.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("server"));
        }
        if (s.Path.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("path"));
        }
        if (!s.Path.StartsWith('/'))
        {
            yield return FieldErrors.Invalid(path.Child("path"), s.Path, "must be an absolute path");
        }
    }

    public static IEnumerable<FieldError> Glusterfs(GlusterfsPersistentVolumeSource s, FieldPath path)
    {
        if (s.Endpoints.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("endpoints"));
        }
        if (s.Path.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("path"));
        }
        if (s.EndpointsNamespace is not null)
        {
            if (s.EndpointsNamespace.Length == 0)
            {
                yield return FieldErrors.Invalid(path.Child("endpointsNamespace"), "", "if the endpointnamespace is set, it must be a valid namespace name");
            }
            else
            {
                foreach (var m in ValidationPrimitives.NameIsDnsLabel(s.EndpointsNamespace, false))
                {
                    yield return FieldErrors.Invalid(path.Child("endpointsNamespace"), s.EndpointsNamespace, m);
                }
            }
        }
    }

    public static IEnumerable<FieldError> Rbd(RbdPersistentVolumeSource s, FieldPath path)
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

    public static IEnumerable<FieldError> CephFs(CephFsPersistentVolumeSource s, FieldPath path)
    {
        if ((s.Monitors ?? []).Count == 0)
        {
            yield return FieldErrors.Required(path.Child("monitors"));
        }
    }

    public static IEnumerable<FieldError> Cinder(CinderPersistentVolumeSource s, FieldPath path)
    {
        if (s.VolumeID.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("volumeID"));
        }
        if (s.SecretRef is not null)
        {
            if (string.IsNullOrEmpty(s.SecretRef.Name))
            {
                yield return FieldErrors.Required(path.Child("secretRef").Child("name"));
            }
            if (string.IsNullOrEmpty(s.SecretRef.Namespace))
            {
                yield return FieldErrors.Required(path.Child("secretRef").Child("namespace"));
            }
        }
    }

    /// <summary>Kubernetes' message says 1..255 but lets 0 ("whole disk") through.</summary>
    public static IEnumerable<FieldError> AwsElasticBlockStore(AwsElasticBlockStoreVolumeSource s, FieldPath path)
    {
        if (s.VolumeID.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("volumeID"));
        }
        if (s.Partition is < 0 or > 255)
        {
            yield return FieldErrors.Invalid(path.Child("partition"), s.Partition.Value, ValidationPrimitives.InclusiveRangeError(1, 255));
        }
    }

    public static IEnumerable<FieldError> GcePersistentDisk(GcePersistentDiskVolumeSource s, FieldPath path)
    {
        if (s.PdName.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("pdName"));
        }
        if (s.Partition is < 0 or > 255)
        {
            yield return FieldErrors.Invalid(path.Child("partition"), s.Partition.Value, ValidationPrimitives.InclusiveRangeError(1, 255));
        }
    }

    public static IEnumerable<FieldError> Flex(FlexPersistentVolumeSource s, FieldPath path)
    {
        if (s.Driver.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("driver"));
        }
        foreach (var key in (s.Options ?? new Dictionary<string, string>()).Keys.Order(StringComparer.Ordinal))
        {
            var ns = key.Split('/', 2) is [var first, _] ? first : key;
            var normalized = "." + ns.ToLowerInvariant();
            if (normalized.EndsWith(".kubernetes.io", StringComparison.Ordinal) || normalized.EndsWith(".k8s.io", StringComparison.Ordinal))
            {
                yield return FieldErrors.Invalid(path.Child("options").Key(key), key, "kubernetes.io and k8s.io namespaces are reserved");
            }
        }
    }

    /// <summary>ValidateCSIDriverName: an empty name is both Required and not a subdomain.</summary>
    public static IEnumerable<FieldError> CsiDriverName(string driver, FieldPath path)
    {
        if (driver.Length == 0)
        {
            yield return FieldErrors.Required(path);
        }
        if (GoText.Len(driver) > 63)
        {
            yield return FieldErrors.TooLong(path, 63);
        }
        foreach (var m in ValidationPrimitives.IsDns1123Subdomain(driver.ToLowerInvariant()))
        {
            yield return FieldErrors.Invalid(path, driver, m);
        }
    }

    public static IEnumerable<FieldError> Csi(CsiPersistentVolumeSource s, FieldPath path)
    {
        foreach (var e in CsiDriverName(s.Driver, path.Child("driver")))
        {
            yield return e;
        }
        if (s.VolumeHandle.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("volumeHandle"));
        }
        // Kubernetes checks these four references (not nodeStageSecretRef), in this order.
        var refs = new (SecretReference? Ref, string Name)[]
        {
            (s.ControllerPublishSecretRef, "controllerPublishSecretRef"),
            (s.ControllerExpandSecretRef, "controllerExpandSecretRef"),
            (s.NodePublishSecretRef, "nodePublishSecretRef"),
            (s.NodeExpandSecretRef, "nodeExpandSecretRef"),
        };
        foreach (var (secretRef, name) in refs)
        {
            if (secretRef is null)
            {
                continue;
            }
            foreach (var e in PvSecretReference(secretRef, path.Child(name)))
            {
                yield return e;
            }
        }
    }

    private static IEnumerable<FieldError> PvSecretReference(SecretReference r, FieldPath path)
    {
        if (string.IsNullOrEmpty(r.Name))
        {
            yield return FieldErrors.Required(path.Child("name"));
        }
        else
        {
            foreach (var e in ValidationPrimitives.ValidateDns1123Subdomain(r.Name, path.Child("name")))
            {
                yield return e;
            }
        }
        if (string.IsNullOrEmpty(r.Namespace))
        {
            yield return FieldErrors.Required(path.Child("namespace"));
        }
        else
        {
            foreach (var e in ValidationPrimitives.ValidateDns1123Label(r.Namespace, path.Child("namespace")))
            {
                yield return e;
            }
        }
    }

    public static IEnumerable<FieldError> Iscsi(IscsiPersistentVolumeSource s, string pvName, FieldPath path)
    {
        if (s.TargetPortal.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("targetPortal"));
        }
        if (s.InitiatorName is not null && GoText.Len(pvName + ":" + s.TargetPortal) > 64)
        {
            yield return FieldErrors.Invalid(path.Child("targetportal"), s.TargetPortal,
                "Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.");
        }
        if (s.Iqn.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("iqn"));
        }
        else if (!IsWellFormedIscsiName(s.Iqn))
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
        if (s.SecretRef is not null && string.IsNullOrEmpty(s.SecretRef.Name))
        {
            yield return FieldErrors.Required(path.Child("secretRef").Child("name"));
        }
        if (s.InitiatorName is { } initiator)
        {
            if (!StartsWithIscsiScheme(initiator))
            {
                yield return FieldErrors.Invalid(path.Child("initiatorname"), initiator, "must be valid format");
            }
            if (!IsWellFormedIscsiName(initiator) && StartsWithIscsiScheme(initiator))
            {
                yield return FieldErrors.Invalid(path.Child("initiatorname"), initiator, "must be valid format");
            }
        }
    }

    internal static bool StartsWithIscsiScheme(string name) =>
        name.StartsWith("iqn", StringComparison.Ordinal) || name.StartsWith("eui", StringComparison.Ordinal) || name.StartsWith("naa", StringComparison.Ordinal);

    internal static bool IsWellFormedIscsiName(string name) =>
        name.StartsWith("iqn", StringComparison.Ordinal) ? IscsiIqnRegex().IsMatch(name)
        : name.StartsWith("eui", StringComparison.Ordinal) ? IscsiEuiRegex().IsMatch(name)
        : name.StartsWith("naa", StringComparison.Ordinal) && IscsiNaaRegex().IsMatch(name);

    public static IEnumerable<FieldError> Fc(FcVolumeSource s, FieldPath path)
    {
        var wwns = s.TargetWWNs ?? [];
        var wwids = s.Wwids ?? [];
        if (wwns.Count < 1 && wwids.Count < 1)
        {
            yield return FieldErrors.Required(path.Child("targetWWNs"), "must specify either targetWWNs or wwids, but not both");
        }
        if (wwns.Count != 0 && wwids.Count != 0)
        {
            yield return FieldErrors.Invalid(path.Child("targetWWNs"), GoText.StringSlice(wwns), "targetWWNs and wwids can not be specified simultaneously");
        }
        if (wwns.Count != 0)
        {
            if (s.Lun is null)
            {
                yield return FieldErrors.Required(path.Child("lun"), "lun is required if targetWWNs is specified");
            }
            else if (s.Lun is < 0 or > 255)
            {
                yield return FieldErrors.Invalid(path.Child("lun"), s.Lun.Value, ValidationPrimitives.InclusiveRangeError(0, 255));
            }
        }
    }

    /// <summary>
    /// The deprecated in-tree sources kept as raw JSON in the records: only their required fields
    /// are checked, with Kubernetes' paths and texts.
    /// </summary>
    public static IEnumerable<FieldError> RequiredStrings(JsonObject source, FieldPath path, params string[] fields)
    {
        foreach (var f in fields)
        {
            if (string.IsNullOrEmpty(StringProperty(source, f)))
            {
                yield return FieldErrors.Required(path.Child(f));
            }
        }
    }

    public static IEnumerable<FieldError> Flocker(JsonObject source, FieldPath path)
    {
        var name = StringProperty(source, "datasetName") ?? "";
        var uuid = StringProperty(source, "datasetUUID") ?? "";
        if (name.Length == 0 && uuid.Length == 0)
        {
            yield return FieldErrors.Required(path, "one of datasetName and datasetUUID is required");
        }
        if (name.Length != 0 && uuid.Length != 0)
        {
            yield return FieldErrors.Invalid(path, "resource", "datasetName and datasetUUID can not be specified simultaneously");
        }
        if (name.Contains('/', StringComparison.Ordinal))
        {
            yield return FieldErrors.Invalid(path.Child("datasetName"), name, "must not contain '/'");
        }
    }

    private static string? StringProperty(JsonObject source, string name) =>
        source.TryGetPropertyValue(name, out var node) && node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
