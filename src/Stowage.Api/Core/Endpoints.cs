using Stowage.Api.Meta;

namespace Stowage.Api.Core;

/// <summary>Addresses of a service, e.g. the GlusterFS servers (v1.Endpoints).</summary>
public sealed record Endpoints : IApiObject<Endpoints>
{
    /// <inheritdoc/>
    public string? ApiVersion { get; init; }

    /// <inheritdoc/>
    public string? Kind { get; init; }

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>Sets of addresses and ports.</summary>
    public IReadOnlyList<EndpointSubset>? Subsets { get; init; }

    /// <inheritdoc/>
    public Endpoints WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    /// <inheritdoc/>
    public Endpoints WithType(string apiVersion, string kind) => this with { ApiVersion = apiVersion, Kind = kind };
}

/// <summary>Addresses sharing a set of ports.</summary>
public sealed record EndpointSubset
{
    /// <summary>Ready addresses.</summary>
    public IReadOnlyList<EndpointAddress>? Addresses { get; init; }

    /// <summary>Addresses not ready.</summary>
    public IReadOnlyList<EndpointAddress>? NotReadyAddresses { get; init; }

    /// <summary>Ports.</summary>
    public IReadOnlyList<EndpointPort>? Ports { get; init; }
}

/// <summary>One endpoint address.</summary>
public sealed record EndpointAddress
{
    /// <summary>The IP.</summary>
    public string Ip { get => field ?? ""; init; } = "";

    /// <summary>Host name.</summary>
    public string? Hostname { get; init; }

    /// <summary>Node hosting the endpoint.</summary>
    public string? NodeName { get; init; }

    /// <summary>The object providing the endpoint.</summary>
    public ObjectReference? TargetRef { get; init; }
}

/// <summary>One endpoint port.</summary>
public sealed record EndpointPort
{
    /// <summary>Port name.</summary>
    public string? Name { get; init; }

    /// <summary>Port number.</summary>
    public int Port { get; init; }

    /// <summary>TCP, UDP or SCTP.</summary>
    public string? Protocol { get; init; }

    /// <summary>Application protocol.</summary>
    public string? AppProtocol { get; init; }
}
