using Stowage.Api;
using Stowage.Api.Coordination;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Storage;
using Stowage.Server.PodSubresources;
using Stowage.Server.Strategies;
using Stowage.Storage;
using EventV1 = Stowage.Api.Events.Event;

namespace Stowage.Server.Resources;

/// <summary>
/// The resources this server serves. Adding a kind: its records (Stowage.Api), a strategy
/// (Strategies/), and one line here.
/// </summary>
public static class BuiltInResources
{
    /// <summary>Builds the catalog over a datastore.</summary>
    public static ResourceCatalog Create(IStore store, TimeProvider clock)
    {
        var definitions = new List<ResourceDefinition>
        {
            Define(store, clock, "", "v1", "Namespace", "namespaces", false, new NamespaceStrategy(), ["ns"]),
            Define(store, clock, "", "v1", "PersistentVolume", "persistentvolumes", false, new PersistentVolumeStrategy(), ["pv"]),
            Define(store, clock, "", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, new PersistentVolumeClaimStrategy(), ["pvc"]),
            Define(store, clock, "", "v1", "Secret", "secrets", true, new SecretStrategy(), []),
            Define(store, clock, "", "v1", "ConfigMap", "configmaps", true, new ConfigMapStrategy(), ["cm"]),
            Define(store, clock, "", "v1", "Endpoints", "endpoints", true, new EndpointsStrategy(), ["ep"]),
            Define(store, clock, "", "v1", "Event", "events", true, new EventStrategy(), ["ev"]),
            Define(store, clock, "", "v1", "Pod", "pods", true, new PodStrategy(), ["po"]) with { Categories = ["all"], ExtraSubresources = PodSubresourceDefinitions.All },
            Define(store, clock, "", "v1", "Node", "nodes", false, new NodeStrategy(), ["no"]),
            Define(store, clock, "storage.k8s.io", "v1", "StorageClass", "storageclasses", false, new StorageClassStrategy(), ["sc"]),
            Define(store, clock, "events.k8s.io", "v1", "Event", "events", true, new EventsV1Strategy(), ["ev"], new EventsV1Codec()),
            Define(store, clock, "coordination.k8s.io", "v1", "Lease", "leases", true, new LeaseStrategy(), []),
            Define(store, clock, "", "v1", "ReplicationController", "replicationcontrollers", true, new ReplicationControllerStrategy(), ["rc"]) with { Categories = ["all"] },
            Define(store, clock, "apps", "v1", "Deployment", "deployments", true, new DeploymentStrategy(), ["deploy"]) with { Categories = ["all"] },
            Define(store, clock, "apps", "v1", "ReplicaSet", "replicasets", true, new ReplicaSetStrategy(), ["rs"]) with { Categories = ["all"] },
        };
        var catalog = new ResourceCatalog(definitions);
        foreach (var d in definitions)
        {
            if (d.Store is IAdmissionAware aware)
            {
                aware.Catalog = catalog;
            }
        }
        return catalog;
    }

    private static ResourceDefinition Define<T>(IStore store, TimeProvider clock, string group, string version, string kind, string plural,
        bool namespaced, ResourceStrategy<T> strategy, IReadOnlyList<string> shortNames, ObjectCodec<T>? codec = null)
        where T : class, IApiObject<T>
    {
        var apiVersion = group.Length == 0 ? version : $"{group}/{version}";
        codec ??= new ObjectCodec<T>(strategy.TypeInfo, apiVersion, kind);
        var resourceStore = new ResourceStore<T>(store, strategy, codec, new StorageKeys(plural, namespaced), plural, group, clock);
        return new ResourceDefinition
        {
            Group = group,
            Version = version,
            Kind = kind,
            Plural = plural,
            Singular = kind.ToLowerInvariant(),
            Namespaced = namespaced,
            ShortNames = shortNames,
            Store = resourceStore,
            Scale = strategy is IScaleStrategy<T> scale ? new ScaleStore<T>(resourceStore, scale, clock) : null,
        };
    }
}
