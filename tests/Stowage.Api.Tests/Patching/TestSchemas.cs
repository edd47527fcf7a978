using Stowage.Api.Schema;

namespace Stowage.Api.Tests.Patching;

/// <summary>Small hand-built schemas shaped like Kubernetes' Pod, PersistentVolume and strategicpatch's MergeItem.</summary>
internal static class TestSchemas
{
    public static SchemaNode Pod { get; } = BuildPod();

    public static SchemaNode PersistentVolume { get; } = BuildPersistentVolume();

    /// <summary>strategicpatch's test type: mergingList keyed by name, nonMergingList atomic, mergingIntList a set.</summary>
    public static SchemaNode MergeItem { get; } = BuildMergeItem();

    public static SchemaNode String() => new() { Type = SchemaType.String };

    public static SchemaNode Object(string? definition, params (string Name, SchemaNode Schema)[] properties)
    {
        var node = new SchemaNode { Type = SchemaType.Object, DefinitionName = definition };
        foreach (var (name, schema) in properties)
        {
            node.Properties[name] = schema;
        }

        return node;
    }

    public static SchemaNode MapOf(SchemaNode values) => new() { Type = SchemaType.Map, Values = values };

    public static SchemaNode ListMap(SchemaNode items, params string[] keys) =>
        new() { Type = SchemaType.Array, Items = items, ListType = ListType.Map, MapKeys = keys };

    public static SchemaNode Set(SchemaNode items) => new() { Type = SchemaType.Array, Items = items, ListType = ListType.Set };

    public static SchemaNode Atomic(SchemaNode items) => new() { Type = SchemaType.Array, Items = items, ListType = ListType.Atomic };

    public static SchemaNode ObjectMeta() => Object(
        "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
        ("name", String()),
        ("namespace", String()),
        ("uid", String()),
        ("resourceVersion", String()),
        ("generation", new SchemaNode { Type = SchemaType.Integer }),
        ("creationTimestamp", new SchemaNode { Type = SchemaType.Time }),
        ("deletionTimestamp", new SchemaNode { Type = SchemaType.Time }),
        ("labels", MapOf(String())),
        ("annotations", MapOf(String())),
        ("finalizers", Set(String())),
        ("ownerReferences", ListMap(Object(null, ("apiVersion", String()), ("kind", String()), ("name", String()), ("uid", String())), "uid")),
        ("managedFields", Atomic(new SchemaNode { Type = SchemaType.Any })));

    private static SchemaNode BuildPod()
    {
        var fieldRef = Object("io.k8s.api.core.v1.ObjectFieldSelector", ("apiVersion", String()), ("fieldPath", String()));
        var env = Object(null, ("name", String()), ("value", String()), ("valueFrom", Object(null, ("fieldRef", fieldRef))));
        var mount = Object(null, ("name", String()), ("mountPath", String()), ("readOnly", new SchemaNode { Type = SchemaType.Boolean }));
        var port = Object(null, ("containerPort", new SchemaNode { Type = SchemaType.Integer }), ("protocol", String()), ("name", String()));
        var resources = Object(null, ("requests", MapOf(new SchemaNode { Type = SchemaType.Quantity })), ("limits", MapOf(new SchemaNode { Type = SchemaType.Quantity })));
        var container = Object(
            "io.k8s.api.core.v1.Container",
            ("name", String()),
            ("image", String()),
            ("args", Atomic(String())),
            ("env", ListMap(env, "name")),
            ("volumeMounts", ListMap(mount, "mountPath")),
            ("ports", ListMap(port, "containerPort", "protocol")),
            ("resources", resources));
        var volume = Object(
            "io.k8s.api.core.v1.Volume",
            ("name", String()),
            ("hostPath", Object(null, ("path", String()), ("type", String()))),
            ("emptyDir", Object(null, ("medium", String()))),
            ("persistentVolumeClaim", Object(null, ("claimName", String()))));
        var spec = Object(
            "io.k8s.api.core.v1.PodSpec",
            ("containers", ListMap(container, "name")),
            ("volumes", ListMap(volume, "name")),
            ("nodeSelector", MapOf(String())),
            ("tolerations", Atomic(Object(null, ("key", String()), ("operator", String())))),
            ("restartPolicy", String()));
        spec.Required.Add("containers");
        var status = Object(
            null,
            ("phase", String()),
            ("conditions", ListMap(Object(null, ("type", String()), ("status", String())), "type")));
        return Object("io.k8s.api.core.v1.Pod", ("apiVersion", String()), ("kind", String()), ("metadata", ObjectMeta()), ("spec", spec), ("status", status));
    }

    private static SchemaNode BuildPersistentVolume()
    {
        var claimRef = Object("io.k8s.api.core.v1.ObjectReference", ("kind", String()), ("namespace", String()), ("name", String()), ("uid", String()));
        var spec = Object(
            "io.k8s.api.core.v1.PersistentVolumeSpec",
            ("capacity", MapOf(new SchemaNode { Type = SchemaType.Quantity })),
            ("accessModes", Atomic(String())),
            ("persistentVolumeReclaimPolicy", String()),
            ("storageClassName", String()),
            ("hostPath", Object(null, ("path", String()), ("type", String()))),
            ("claimRef", claimRef));
        var status = Object(null, ("phase", String()), ("message", String()));
        return Object("io.k8s.api.core.v1.PersistentVolume", ("apiVersion", String()), ("kind", String()), ("metadata", ObjectMeta()), ("spec", spec), ("status", status));
    }

    private static SchemaNode BuildMergeItem()
    {
        var item = new SchemaNode { Type = SchemaType.Object, DefinitionName = "mergeItem" };
        item.Properties["name"] = String();
        item.Properties["value"] = String();
        item.Properties["other"] = String();
        item.Properties["mergingList"] = ListMap(item, "name");
        item.Properties["nonMergingList"] = Atomic(item);
        item.Properties["mergingIntList"] = Set(new SchemaNode { Type = SchemaType.Integer });
        item.Properties["nonMergingIntList"] = Atomic(new SchemaNode { Type = SchemaType.Integer });
        item.Properties["simpleMap"] = MapOf(String());
        item.Properties["retainKeysMap"] = Object(null, ("name", String()), ("value", String()), ("other", String()));
        item.Properties["retainKeysMergingList"] = ListMap(item, "name");
        return item;
    }
}
