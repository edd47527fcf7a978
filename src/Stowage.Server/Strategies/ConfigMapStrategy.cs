using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Defaulting;
using Stowage.Api.Validation;
using Stowage.Api.Core;
using Stowage.Server.Printing;
using Stowage.Server.Resources;

namespace Stowage.Server.Strategies;

/// <summary>ConfigMaps: stored as given after validation.</summary>
public sealed class ConfigMapStrategy : ResourceStrategy<ConfigMap>
{
    /// <inheritdoc/>
    public override GarbageCollectionPolicy DefaultGarbageCollectionPolicy => GarbageCollectionPolicy.DeleteDependents;

    /// <inheritdoc/>
    public override JsonTypeInfo<ConfigMap> TypeInfo => ApiJsonContext.Default.ConfigMap;

    /// <inheritdoc/>
    public override TablePrinter<ConfigMap> Printer => ConfigMapPrinter.Instance;

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> Validate(ConfigMap obj) => ConfigMapValidation.Validate(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateUpdate(ConfigMap obj, ConfigMap old) => ConfigMapValidation.ValidateUpdate(obj, old);
}
