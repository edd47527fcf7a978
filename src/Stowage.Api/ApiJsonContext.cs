using System.Text.Json.Serialization;
using Stowage.Api.Apps;
using Stowage.Api.Autoscaling;
using Stowage.Api.Coordination;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Storage;

namespace Stowage.Api;

/// <summary>
/// The one source-generated JSON contract of the API types: camelCase names (Kubernetes' field names
/// are the camelCased Go names), nulls omitted, Kubernetes' time format. Options are built once here
/// and never mutated.
/// </summary>
/// <remarks>
/// The records' non-nullable strings are declared <c>{ get => field ?? ""; init; } = ""</c>: for
/// init-only properties a body leaves out, the source-generated deserializer passes default(T) to
/// the object initializer, bypassing the property initializer, so without the getter's fallback a
/// missing "mountPath" would read as null and fail with a NullReferenceException instead of a 422.
/// Go's zero value "" is also what Kubernetes serialises for these non-omitempty fields.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(TimeJsonConverter)])]
[JsonSerializable(typeof(PersistentVolume))]
[JsonSerializable(typeof(PersistentVolumeClaim))]
[JsonSerializable(typeof(StorageClass))]
[JsonSerializable(typeof(Namespace))]
[JsonSerializable(typeof(Secret))]
[JsonSerializable(typeof(ConfigMap))]
[JsonSerializable(typeof(Endpoints))]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(Events.Event), TypeInfoPropertyName = "EventsV1Event")]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(Node))]
[JsonSerializable(typeof(ReplicationController))]
[JsonSerializable(typeof(ReplicaSet))]
[JsonSerializable(typeof(Deployment))]
[JsonSerializable(typeof(Scale))]
[JsonSerializable(typeof(Binding))]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(ObjectMeta))]
[JsonSerializable(typeof(ObjectList<PersistentVolume>))]
[JsonSerializable(typeof(ObjectList<PersistentVolumeClaim>))]
[JsonSerializable(typeof(ObjectList<StorageClass>))]
[JsonSerializable(typeof(ObjectList<Namespace>))]
[JsonSerializable(typeof(ObjectList<Secret>))]
[JsonSerializable(typeof(ObjectList<ConfigMap>))]
[JsonSerializable(typeof(ObjectList<Endpoints>))]
[JsonSerializable(typeof(ObjectList<Event>))]
[JsonSerializable(typeof(ObjectList<Lease>))]
[JsonSerializable(typeof(ObjectList<Pod>))]
[JsonSerializable(typeof(ObjectList<Node>))]
[JsonSerializable(typeof(ObjectList<ReplicationController>))]
[JsonSerializable(typeof(ObjectList<ReplicaSet>))]
[JsonSerializable(typeof(ObjectList<Deployment>))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
