using System.Globalization;
using System.Text.Json;
using Stowage.Api;
using Stowage.Server.Resources;
using Stowage.Storage;
using EventV1 = Stowage.Api.Events.Event;

namespace Stowage.Server.Strategies;

/// <summary>Stores events.k8s.io/v1 events in their core/v1 form, so both APIs see the same objects.</summary>
public sealed class EventsV1Codec : ObjectCodec<EventV1>
{
    /// <summary>Creates the codec.</summary>
    public EventsV1Codec() : base(ApiJsonContext.Default.EventsV1Event, "events.k8s.io/v1", "Event") { }

    /// <inheritdoc/>
    public override byte[] Encode(EventV1 obj)
    {
        var core = obj.ToCore();
        return JsonSerializer.SerializeToUtf8Bytes(core.WithMetadata(core.Metadata with { ResourceVersion = null }), ApiJsonContext.Default.Event);
    }

    /// <inheritdoc/>
    public override EventV1 Decode(KeyValue kv)
    {
        var core = JsonSerializer.Deserialize(kv.Value.Span, ApiJsonContext.Default.Event) ?? throw new StorageException($"stored value of {kv.Key} is null");
        var e = EventV1.FromCore(core);
        return e.WithMetadata(e.Metadata with { ResourceVersion = kv.ModRevision.ToString(CultureInfo.InvariantCulture) });
    }
}
