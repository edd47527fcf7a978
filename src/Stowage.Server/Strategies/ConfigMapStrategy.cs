using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Core;
using Stowage.Server.Printing;
using Stowage.Server.Resources;

namespace Stowage.Server.Strategies;

/// <summary>ConfigMaps: stored as given after validation.</summary>
public sealed class ConfigMapStrategy : ResourceStrategy<ConfigMap>
{
    /// <inheritdoc/>
    public override JsonTypeInfo<ConfigMap> TypeInfo => ApiJsonContext.Default.ConfigMap;

    /// <inheritdoc/>
    public override TablePrinter<ConfigMap> Printer => ConfigMapPrinter.Instance;
}
