using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Selectors;
using Stowage.Runtime.Client;

namespace Stowage.Controllers.Workloads;

/// <summary>
/// What the replica controller needs of the kind it manages: apps/v1 ReplicaSet or core/v1
/// ReplicationController (Kubernetes runs the ReplicationManager as the ReplicaSet controller
/// over a conversion; here the two kinds are adapters of one controller).
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public interface IReplicaKind<T>
    where T : class, IApiObject<T>
{
    /// <summary>Where the kind lives.</summary>
    ResourceType<T> Type { get; }

    /// <summary>The kind's apiVersion, for owner references.</summary>
    string ApiVersion { get; }

    /// <summary>The kind, for owner references.</summary>
    string Kind { get; }

    /// <summary>The controller's name (events, logs).</summary>
    string ControllerName { get; }

    /// <summary>spec.replicas.</summary>
    int Replicas(T obj);

    /// <summary>spec.minReadySeconds.</summary>
    int MinReadySeconds(T obj);

    /// <summary>The pod selector; <see cref="Selector.Nothing"/> when it is missing or invalid.</summary>
    Selector Selector(T obj);

    /// <summary>spec.template.</summary>
    PodTemplateSpec? Template(T obj);

    /// <summary>The counts and observed generation in the current status.</summary>
    (ReplicaCounts Counts, long ObservedGeneration) Status(T obj);

    /// <summary>The ReplicaFailure condition in the current status, if any.</summary>
    ReplicaFailure? Failure(T obj);

    /// <summary>The object with a new status.</summary>
    T WithStatus(T obj, ReplicaCounts counts, long observedGeneration, ReplicaFailure? failure, DateTimeOffset now);
}
