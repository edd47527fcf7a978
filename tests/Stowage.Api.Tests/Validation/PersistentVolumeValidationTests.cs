using System.Text.Json.Nodes;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Validation;
using static Stowage.Api.Tests.Validation.Fixtures;

namespace Stowage.Api.Tests.Validation;

public sealed class PersistentVolumeValidationTests
{
    private static readonly Dictionary<string, (PersistentVolume Pv, string[] Causes)> Invalid = new()
    {
        ["no volume source"] = (WithSource(s => s), ["spec: Required value: must specify a volume type"]),
        ["a second volume source"] = (NfsVolume().Spec(s => s with { HostPath = new HostPathVolumeSource { Path = "/data" } }),
            ["spec.nfs: Forbidden: may not specify more than 1 volume type"]),
        ["a third volume source after flexVolume"] = (WithSource(s => s with
            {
                FlexVolume = new FlexPersistentVolumeSource { Driver = "acme/x" },
                Csi = new CsiPersistentVolumeSource { Driver = "csi.acme.io", VolumeHandle = "v1" },
            }), ["spec.csi: Forbidden: may not specify more than 1 volume type"]),
        ["no capacity"] = (NfsVolume().Spec(s => s with { Capacity = null }),
            ["spec.capacity: Required value", "spec.capacity: Unsupported value: core.ResourceList(nil): supported values: \"storage\""]),
        ["a cpu capacity"] = (NfsVolume().Spec(s => s with { Capacity = new Dictionary<string, global::Stowage.Api.Quantities.Quantity> { ["storage"] = Q("1Gi"), ["cpu"] = Q("1") } }),
            ["spec.capacity: Unsupported value: \"cpu\": supported values: \"storage\""]),
        ["a negative capacity"] = (NfsVolume().Spec(s => s with { Capacity = Size("-1Gi") }),
            ["spec.capacity[storage]: Invalid value: -1073741824: must be a valid resource quantity",
             "spec.capacity[storage]: Invalid value: \"-1Gi\": must be greater than zero"]),
        ["no access modes"] = (NfsVolume().Spec(s => s with { AccessModes = [] }), ["spec.accessModes: Required value"]),
        ["an unknown access mode"] = (NfsVolume().Spec(s => s with { AccessModes = ["ReadWriteSometimes"] }),
            ["spec.accessModes: Unsupported value: \"ReadWriteSometimes\": " + Messages.AccessModes]),
        ["ReadWriteOncePod with another mode"] = (NfsVolume().Spec(s => s with { AccessModes = ["ReadWriteOncePod", "ReadWriteOnce"] }),
            ["spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes"]),
        ["an unknown reclaim policy"] = (NfsVolume().Spec(s => s with { PersistentVolumeReclaimPolicy = "Destroy" }),
            ["spec.persistentVolumeReclaimPolicy: Unsupported value: \"Destroy\": supported values: \"Delete\", \"Recycle\", \"Retain\""]),
        ["Recycle of a hostPath of /"] = (WithSource(s => s with { HostPath = new HostPathVolumeSource { Path = "/tmp/.." }, PersistentVolumeReclaimPolicy = "Recycle" }),
            ["spec.hostPath.path: Invalid value: \"/tmp/..\": must not contain '..'",
             "spec.persistentVolumeReclaimPolicy: Forbidden: may not be 'recycle' for a hostPath mount of '/'"]),
        ["a hostPath without a path"] = (WithSource(s => s with { HostPath = new HostPathVolumeSource() }), ["spec.hostPath.path: Required value"]),
        ["a hostPath with backsteps"] = (WithSource(s => s with { HostPath = new HostPathVolumeSource { Path = "/a/../../b" } }),
            ["spec.hostPath.path: Invalid value: \"/a/../../b\": must not contain '..'"]),
        ["an unknown hostPath type"] = (WithSource(s => s with { HostPath = new HostPathVolumeSource { Path = "/data", Type = "Dir" } }),
            ["spec.hostPath.type: Unsupported value: \"Dir\": supported values: \"\", \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\""]),
        ["a local volume without node affinity"] = (WithSource(s => s with { Local = new LocalVolumeSource { Path = "/mnt/disks/ssd1" } }),
            ["spec.nodeAffinity: Required value: Local volume requires node affinity"]),
        ["node affinity without required terms"] = (WithSource(s => s with { Local = new LocalVolumeSource { Path = "/mnt/disks/ssd1" }, NodeAffinity = new VolumeNodeAffinity() }),
            ["spec.nodeAffinity.required: Required value: must specify required node constraints"]),
        ["node affinity with no terms"] = (NfsVolume().Spec(s => s with { NodeAffinity = new VolumeNodeAffinity { Required = new NodeSelector() } }),
            ["spec.nodeAffinity.required.nodeSelectorTerms: Required value: must have at least one node selector term"]),
        ["an In node requirement without values"] = (NfsVolume().Spec(s => s with { NodeAffinity = NodeAffinity("kubernetes.io/hostname", "In") }),
            ["spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]),
        ["an unknown node operator"] = (NfsVolume().Spec(s => s with { NodeAffinity = NodeAffinity("kubernetes.io/hostname", "Near", "node-1") }),
            ["spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: \"Near\": not a valid selector operator"]),
        ["a node requirement with a bad value"] = (NfsVolume().Spec(s => s with { NodeAffinity = NodeAffinity("kubernetes.io/hostname", "In", "-node") }),
            ["spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]: Invalid value: \"-node\": " + Messages.LabelValue]),
        ["an NFS source without server and with a relative path"] = (WithSource(s => s with { Nfs = new NfsVolumeSource { Path = "exports" } }),
            ["spec.nfs.server: Required value", "spec.nfs.path: Invalid value: \"exports\": must be an absolute path"]),
        ["an NFS source without path"] = (WithSource(s => s with { Nfs = new NfsVolumeSource { Server = "nfs" } }),
            ["spec.nfs.path: Required value", "spec.nfs.path: Invalid value: \"\": must be an absolute path"]),
        ["an empty glusterfs source"] = (WithSource(s => s with { Glusterfs = new GlusterfsPersistentVolumeSource() }),
            ["spec.glusterfs.endpoints: Required value", "spec.glusterfs.path: Required value"]),
        ["a glusterfs endpoints namespace that is empty"] = (WithSource(s => s with { Glusterfs = new GlusterfsPersistentVolumeSource { Endpoints = "gc", Path = "vol", EndpointsNamespace = "" } }),
            ["spec.glusterfs.endpointsNamespace: Invalid value: \"\": if the endpointnamespace is set, it must be a valid namespace name"]),
        ["an empty rbd source"] = (WithSource(s => s with { Rbd = new RbdPersistentVolumeSource() }),
            ["spec.rbd.monitors: Required value", "spec.rbd.image: Required value"]),
        ["an empty cephfs source"] = (WithSource(s => s with { Cephfs = new CephFsPersistentVolumeSource() }), ["spec.cephfs.monitors: Required value"]),
        ["a cinder source without volume id"] = (WithSource(s => s with { Cinder = new CinderPersistentVolumeSource { SecretRef = new SecretReference { Name = "s" } } }),
            ["spec.cinder.volumeID: Required value", "spec.cinder.secretRef.namespace: Required value"]),
        ["an EBS partition out of range"] = (WithSource(s => s with { AwsElasticBlockStore = new AwsElasticBlockStoreVolumeSource { VolumeID = "vol-1", Partition = 256 } }),
            ["spec.awsElasticBlockStore.partition: Invalid value: 256: must be between 1 and 255, inclusive"]),
        ["a GCE disk without name, reported under persistentDisk"] = (WithSource(s => s with { GcePersistentDisk = new GcePersistentDiskVolumeSource { Partition = -1 } }),
            ["spec.persistentDisk.pdName: Required value", "spec.persistentDisk.partition: Invalid value: -1: must be between 1 and 255, inclusive"]),
        ["a flexVolume without driver and with a reserved option"] = (WithSource(s => s with { FlexVolume = new FlexPersistentVolumeSource { Options = new Dictionary<string, string> { ["kubernetes.io/secret"] = "x" } } }),
            ["spec.flexVolume.driver: Required value", "spec.flexVolume.options[kubernetes.io/secret]: Invalid value: \"kubernetes.io/secret\": kubernetes.io and k8s.io namespaces are reserved"]),
        ["a CSI source without driver and handle"] = (WithSource(s => s with { Csi = new CsiPersistentVolumeSource() }),
            ["spec.csi.driver: Required value", "spec.csi.driver: Invalid value: \"\": " + Messages.Subdomain, "spec.csi.volumeHandle: Required value"]),
        ["a CSI secret reference without namespace"] = (WithSource(s => s with { Csi = new CsiPersistentVolumeSource { Driver = "csi.acme.io", VolumeHandle = "h", NodePublishSecretRef = new SecretReference { Name = "creds" } } }),
            ["spec.csi.nodePublishSecretRef.namespace: Required value"]),
        ["an iSCSI source with a bad iqn and lun"] = (WithSource(s => s with { Iscsi = new IscsiPersistentVolumeSource { TargetPortal = "10.0.2.15:3260", Iqn = "iqn.2001-04.com.example", Lun = 256 } }),
            ["spec.iscsi.iqn: Invalid value: \"iqn.2001-04.com.example\": must be valid format", "spec.iscsi.lun: Invalid value: 256: must be between 0 and 255, inclusive"]),
        ["an iSCSI source with CHAP but no secret"] = (WithSource(s => s with { Iscsi = new IscsiPersistentVolumeSource { TargetPortal = "10.0.2.15:3260", Iqn = "iqn.2001-04.com.example:storage.kube.sys1.xyz", ChapAuthSession = true } }),
            ["spec.iscsi.secretRef: Required value"]),
        ["an FC source with neither WWNs nor WWIDs"] = (WithSource(s => s with { Fc = new FcVolumeSource() }),
            ["spec.fc.targetWWNs: Required value: must specify either targetWWNs or wwids, but not both"]),
        ["an FC source with WWNs and no lun"] = (WithSource(s => s with { Fc = new FcVolumeSource { TargetWWNs = ["500a0982991b8dc5"] } }),
            ["spec.fc.lun: Required value: lun is required if targetWWNs is specified"]),
        ["an FC source with WWNs and WWIDs"] = (WithSource(s => s with { Fc = new FcVolumeSource { TargetWWNs = ["a"], Wwids = ["b"], Lun = 0 } }),
            ["spec.fc.targetWWNs: Invalid value: \"[]string{\\\"a\\\"}\": targetWWNs and wwids can not be specified simultaneously"]),
        ["an azureFile source without share"] = (WithSource(s => s with { AzureFile = new JsonObject { ["secretName"] = "azure" } }),
            ["spec.azureFile.shareName: Required value"]),
        ["a storage class name that is not a subdomain"] = (NfsVolume().Spec(s => s with { StorageClassName = "Fast_SSD" }),
            ["spec.storageClassName: Invalid value: \"Fast_SSD\": " + Messages.Subdomain]),
        ["an unknown volume mode"] = (NfsVolume().Spec(s => s with { VolumeMode = "Raw" }),
            ["spec.volumeMode: Unsupported value: \"Raw\": supported values: \"Block\", \"Filesystem\""]),
        ["a name that is not a subdomain"] = (NfsVolume("Bad_Name"), ["metadata.name: Invalid value: \"Bad_Name\": " + Messages.Subdomain]),
        ["a namespace on a cluster-scoped kind"] = (NfsVolume() with { Metadata = new ObjectMeta { Name = "pv0001", Namespace = "default" } },
            ["metadata.namespace: Forbidden: not allowed on this type"]),
        ["mount options annotation on a hostPath volume"] = (WithSource(s => s with { HostPath = new HostPathVolumeSource { Path = "/data" } }) with
            { Metadata = new ObjectMeta { Name = "pv0001", Annotations = new Dictionary<string, string> { ["volume.beta.kubernetes.io/mount-options"] = "ro" } } },
            ["metadata.annotations.volume.beta.kubernetes.io/mount-options: Forbidden: may not specify mount options for this volume type"]),
    };

    public static TheoryData<string> InvalidCases => new(Invalid.Keys);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Rejects_an_invalid_volume_with_Kubernetes_causes(string name)
    {
        var (pv, expected) = Invalid[name];
        Causes.AssertExactly(PersistentVolumeValidation.Validate(pv), expected);
    }

    [Fact]
    public void A_zero_capacity_is_not_greater_than_zero()
    {
        // Kubernetes prints this value quoted ("0", a quantity's text); FieldError keeps only the
        // text, so the cause is checked field by field rather than rendered.
        var cause = Assert.Single(PersistentVolumeValidation.Validate(NfsVolume().Spec(s => s with { Capacity = Size("0") })));
        Assert.Equal(new FieldError(FieldErrorType.Invalid, "spec.capacity[storage]", "0", "must be greater than zero"), cause);
    }

    private static readonly Dictionary<string, PersistentVolume> Valid = new()
    {
        ["an NFS volume"] = NfsVolume(),
        ["a hostPath volume with a type"] = WithSource(s => s with { HostPath = new HostPathVolumeSource { Path = "/data/pv1", Type = "DirectoryOrCreate" } }),
        ["a Recycle hostPath volume not at /"] = WithSource(s => s with { HostPath = new HostPathVolumeSource { Path = "/tmp/data" }, PersistentVolumeReclaimPolicy = "Recycle" }),
        ["a local volume with node affinity"] = WithSource(s => s with { Local = new LocalVolumeSource { Path = "/mnt/disks/ssd1" }, NodeAffinity = NodeAffinity("kubernetes.io/hostname", "In", "node-1") }),
        ["a CSI volume with secrets"] = WithSource(s => s with
        {
            Csi = new CsiPersistentVolumeSource
            {
                Driver = "ebs.csi.aws.com", VolumeHandle = "vol-0abc",
                ControllerExpandSecretRef = new SecretReference { Name = "expand", Namespace = "kube-system" },
                NodeStageSecretRef = new SecretReference { Name = "" },
            },
        }),
        ["an iSCSI volume"] = WithSource(s => s with { Iscsi = new IscsiPersistentVolumeSource { TargetPortal = "10.0.2.15:3260", Iqn = "iqn.2001-04.com.example:storage.kube.sys1.xyz", Lun = 0 } }),
        ["an FC volume by WWID"] = WithSource(s => s with { Fc = new FcVolumeSource { Wwids = ["3600508b400105e210000900000490000"] } }),
        ["a ReadWriteOncePod Block volume"] = NfsVolume().Spec(s => s with { AccessModes = ["ReadWriteOncePod"], VolumeMode = "Block" }),
        ["a GCE disk with partition 0"] = WithSource(s => s with { GcePersistentDisk = new GcePersistentDiskVolumeSource { PdName = "gced", Partition = 0 } }),
        ["mount options annotation on an NFS volume"] = NfsVolume() with { Metadata = new ObjectMeta { Name = "pv0001", Annotations = new Dictionary<string, string> { ["volume.beta.kubernetes.io/mount-options"] = "hard" } } },
        ["spec.mountOptions on a hostPath volume (not checked by Kubernetes)"] = WithSource(s => s with { HostPath = new HostPathVolumeSource { Path = "/data" }, MountOptions = ["ro"] }),
    };

    public static TheoryData<string> ValidCases => new(Valid.Keys);

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Accepts_a_valid_volume(string name) => Causes.AssertNone(PersistentVolumeValidation.Validate(Valid[name]));

    [Fact]
    public void Changing_the_volume_source_is_forbidden_with_a_diff()
    {
        var old = NfsVolume().Stored();
        var changed = old.Spec(s => s with { Nfs = s.Nfs! with { Server = "10.0.0.84" } });

        var errors = PersistentVolumeValidation.ValidateUpdate(changed, old);

        var cause = Assert.Single(errors);
        Assert.Equal("spec.persistentvolumesource", cause.Field);
        Assert.Equal(FieldErrorType.Forbidden, cause.Type);
        Assert.Equal("spec.persistentvolumesource is immutable after creation\n  - nfs.server: \"10.0.0.83\"\n  + nfs.server: \"10.0.0.84\"", cause.Detail);
    }

    [Fact]
    public void Adding_a_controller_expand_secret_to_a_CSI_volume_is_allowed()
    {
        var old = WithSource(s => s with { Csi = new CsiPersistentVolumeSource { Driver = "ebs.csi.aws.com", VolumeHandle = "vol-1" } }).Stored();
        var changed = old.Spec(s => s with { Csi = s.Csi! with { ControllerExpandSecretRef = new SecretReference { Name = "x", Namespace = "kube-system" } } });
        Causes.AssertNone(PersistentVolumeValidation.ValidateUpdate(changed, old));
    }

    [Fact]
    public void Capacity_access_modes_claim_ref_policy_class_and_mount_options_stay_mutable()
    {
        var old = NfsVolume().Stored();
        var changed = old.Spec(s => s with
        {
            Capacity = Size("10Gi"),
            AccessModes = ["ReadWriteMany"],
            ClaimRef = new ObjectReference { Namespace = "default", Name = "claim1" },
            PersistentVolumeReclaimPolicy = "Delete",
            StorageClassName = "slow",
            MountOptions = ["hard", "nfsvers=4.1"],
        }) with { Metadata = old.Metadata with { Labels = new Dictionary<string, string> { ["disktype"] = "ssd" } } };
        Causes.AssertNone(PersistentVolumeValidation.ValidateUpdate(changed, old));
    }

    [Fact]
    public void Volume_mode_is_immutable_at_Kubernetes_path()
    {
        var old = NfsVolume().Stored();
        Causes.AssertExactly(PersistentVolumeValidation.ValidateUpdate(old.Spec(s => s with { VolumeMode = "Block" }), old),
            "volumeMode: Invalid value: \"Block\": field is immutable");
    }

    [Fact]
    public void Node_affinity_can_be_set_once_and_then_only_move_from_beta_to_GA_labels()
    {
        var unset = NfsVolume().Stored();
        var set = unset.Spec(s => s with { NodeAffinity = NodeAffinity("failure-domain.beta.kubernetes.io/zone", "In", "us-east-1a") });
        Causes.AssertNone(PersistentVolumeValidation.ValidateUpdate(set, unset));

        var toGa = set.Spec(s => s with { NodeAffinity = NodeAffinity("topology.kubernetes.io/zone", "In", "us-east-1a") });
        Causes.AssertNone(PersistentVolumeValidation.ValidateUpdate(toGa, set));

        var otherZone = set.Spec(s => s with { NodeAffinity = NodeAffinity("failure-domain.beta.kubernetes.io/zone", "In", "us-east-1b") });
        Causes.AssertExactly(PersistentVolumeValidation.ValidateUpdate(otherZone, set),
            "nodeAffinity: Invalid value: \"null\": field is immutable, except for updating from beta label to GA");
    }

    [Fact]
    public void Metadata_update_rules_apply_to_volumes()
    {
        var old = NfsVolume().Stored();
        var renamed = old with { Metadata = old.Metadata with { Name = "pv0002", ResourceVersion = null } };
        Causes.AssertExactly(PersistentVolumeValidation.ValidateUpdate(renamed, old),
            "metadata.resourceVersion: Invalid value: \"\": must be specified for an update",
            "metadata.name: Invalid value: \"pv0002\": field is immutable");
    }

    [Fact]
    public void A_status_update_needs_a_resource_version()
    {
        var old = NfsVolume().Stored();
        var noVersion = old with { Metadata = old.Metadata with { ResourceVersion = "" }, Status = new PersistentVolumeStatus { Phase = "Available" } };
        Causes.AssertExactly(PersistentVolumeValidation.ValidateStatusUpdate(noVersion, old),
            "metadata.resourceVersion: Invalid value: \"\": must be specified for an update",
            "resourceVersion: Required value");
        Causes.AssertNone(PersistentVolumeValidation.ValidateStatusUpdate(old with { Status = new PersistentVolumeStatus { Phase = "Bound" } }, old));
    }

    [Fact]
    public void Volume_attributes_class_cannot_change_while_the_gate_is_off()
    {
        var old = NfsVolume().Stored();
        Causes.AssertExactly(PersistentVolumeValidation.ValidateUpdate(old.Spec(s => s with { VolumeAttributesClassName = "gold" }), old),
            "spec.volumeAttributesClassName: Forbidden: update is forbidden when the VolumeAttributesClass feature gate is disabled");
    }
}
