using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Apps;
using Stowage.Api.Coordination;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Storage;

namespace Stowage.Runtime.Client;

/// <summary>Where a kind lives in the API and how its JSON reads.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Group">API group ("" for core).</param>
/// <param name="Version">Version.</param>
/// <param name="Plural">Plural resource name.</param>
/// <param name="Namespaced">True for namespaced kinds.</param>
/// <param name="TypeInfo">JSON contract of the object.</param>
/// <param name="ListTypeInfo">JSON contract of its list.</param>
public sealed record ResourceType<T>(string Group, string Version, string Plural, bool Namespaced, JsonTypeInfo<T> TypeInfo, JsonTypeInfo<ObjectList<T>> ListTypeInfo)
    where T : class, IApiObject<T>
{
    /// <summary>The URL of a collection (all namespaces when <paramref name="ns"/> is null).</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && !string.IsNullOrEmpty(ns) ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}" : $"{root}/{Plural}";
    }

    /// <summary>The URL of one object.</summary>
    public string ItemPath(string? ns, string name) => $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";

    /// <summary>The same resource, its objects and lists read without <c>metadata.managedFields</c> (see <see cref="TrimmedContracts"/>).</summary>
    public ResourceType<T> WithoutManagedFields() =>
        this with { TypeInfo = TrimmedContracts.For<T>(), ListTypeInfo = TrimmedContracts.For<ObjectList<T>>() };
}

/// <summary>The resource types the controllers use.</summary>
public static class ResourceTypes
{
    /// <summary>persistentvolumes.</summary>
    public static ResourceType<PersistentVolume> PersistentVolumes { get; } =
        new("", "v1", "persistentvolumes", false, ApiJsonContext.Default.PersistentVolume, ApiJsonContext.Default.ObjectListPersistentVolume);

    /// <summary>persistentvolumeclaims.</summary>
    public static ResourceType<PersistentVolumeClaim> PersistentVolumeClaims { get; } =
        new("", "v1", "persistentvolumeclaims", true, ApiJsonContext.Default.PersistentVolumeClaim, ApiJsonContext.Default.ObjectListPersistentVolumeClaim);

    /// <summary>storageclasses.</summary>
    public static ResourceType<StorageClass> StorageClasses { get; } =
        new("storage.k8s.io", "v1", "storageclasses", false, ApiJsonContext.Default.StorageClass, ApiJsonContext.Default.ObjectListStorageClass);

    /// <summary>events (core/v1).</summary>
    public static ResourceType<Event> Events { get; } =
        new("", "v1", "events", true, ApiJsonContext.Default.Event, ApiJsonContext.Default.ObjectListEvent);

    /// <summary>leases.</summary>
    public static ResourceType<Lease> Leases { get; } =
        new("coordination.k8s.io", "v1", "leases", true, ApiJsonContext.Default.Lease, ApiJsonContext.Default.ObjectListLease);

    /// <summary>pods.</summary>
    public static ResourceType<Pod> Pods { get; } =
        new("", "v1", "pods", true, ApiJsonContext.Default.Pod, ApiJsonContext.Default.ObjectListPod);

    /// <summary>namespaces.</summary>
    public static ResourceType<Namespace> Namespaces { get; } =
        new("", "v1", "namespaces", false, ApiJsonContext.Default.Namespace, ApiJsonContext.Default.ObjectListNamespace);

    /// <summary>nodes.</summary>
    public static ResourceType<Node> Nodes { get; } =
        new("", "v1", "nodes", false, ApiJsonContext.Default.Node, ApiJsonContext.Default.ObjectListNode);
    /// <summary>replicationcontrollers.</summary>
    public static ResourceType<ReplicationController> ReplicationControllers { get; } =
        new("", "v1", "replicationcontrollers", true, ApiJsonContext.Default.ReplicationController, ApiJsonContext.Default.ObjectListReplicationController);

    /// <summary>replicasets (apps/v1).</summary>
    public static ResourceType<ReplicaSet> ReplicaSets { get; } =
        new("apps", "v1", "replicasets", true, ApiJsonContext.Default.ReplicaSet, ApiJsonContext.Default.ObjectListReplicaSet);

    /// <summary>deployments (apps/v1).</summary>
    public static ResourceType<Deployment> Deployments { get; } =
        new("apps", "v1", "deployments", true, ApiJsonContext.Default.Deployment, ApiJsonContext.Default.ObjectListDeployment);

    /// <summary>configmaps.</summary>
    public static ResourceType<ConfigMap> ConfigMaps { get; } =
        new("", "v1", "configmaps", true, ApiJsonContext.Default.ConfigMap, ApiJsonContext.Default.ObjectListConfigMap);

    /// <summary>secrets.</summary>
    public static ResourceType<Secret> Secrets { get; } =
        new("", "v1", "secrets", true, ApiJsonContext.Default.Secret, ApiJsonContext.Default.ObjectListSecret);

    /// <summary>endpoints.</summary>
    public static ResourceType<Endpoints> Endpoints { get; } =
        new("", "v1", "endpoints", true, ApiJsonContext.Default.Endpoints, ApiJsonContext.Default.ObjectListEndpoints);
}
