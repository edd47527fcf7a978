using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Core;
using Stowage.Server.Printing;
using Stowage.Server.Resources;

namespace Stowage.Server.Strategies;

/// <summary>Endpointss: stored as given after validation.</summary>
public sealed class EndpointsStrategy : ResourceStrategy<Endpoints>
{
    /// <inheritdoc/>
    public override JsonTypeInfo<Endpoints> TypeInfo => ApiJsonContext.Default.Endpoints;

    /// <inheritdoc/>
    public override TablePrinter<Endpoints> Printer => EndpointsPrinter.Instance;
}
