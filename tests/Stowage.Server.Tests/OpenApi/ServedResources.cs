using Stowage.Api.Coordination;
using Stowage.Api.Core;
using Stowage.Api.Storage;
using Stowage.Server.OpenApi;

namespace Stowage.Server.Tests.OpenApi;

/// <summary>The resources the tests serve, as the server will list them.</summary>
internal static class ServedResources
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static IReadOnlyList<OpenApiResource> All { get; } =
    [
        new("", "v1", "PersistentVolume", "persistentvolumes", Namespaced: false, typeof(PersistentVolume), HasStatus: true, AllVerbs),
        new("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", Namespaced: true, typeof(PersistentVolumeClaim), HasStatus: true, AllVerbs),
        new("", "v1", "Namespace", "namespaces", Namespaced: false, typeof(Namespace), HasStatus: true, ["create", "delete", "get", "list", "patch", "update", "watch"]),
        new("", "v1", "Secret", "secrets", Namespaced: true, typeof(Secret), HasStatus: false, AllVerbs),
        new("", "v1", "ConfigMap", "configmaps", Namespaced: true, typeof(ConfigMap), HasStatus: false, AllVerbs),
        new("", "v1", "Endpoints", "endpoints", Namespaced: true, typeof(Endpoints), HasStatus: false, AllVerbs),
        new("", "v1", "Event", "events", Namespaced: true, typeof(Event), HasStatus: false, AllVerbs),
        new("", "v1", "Pod", "pods", Namespaced: true, typeof(Pod), HasStatus: true, AllVerbs),
        new("", "v1", "Node", "nodes", Namespaced: false, typeof(Node), HasStatus: true, AllVerbs),
        new("storage.k8s.io", "v1", "StorageClass", "storageclasses", Namespaced: false, typeof(StorageClass), HasStatus: false, AllVerbs),
        new("events.k8s.io", "v1", "Event", "events", Namespaced: true, typeof(Stowage.Api.Events.Event), HasStatus: false, AllVerbs),
        new("coordination.k8s.io", "v1", "Lease", "leases", Namespaced: true, typeof(Lease), HasStatus: false, AllVerbs),
    ];
}
