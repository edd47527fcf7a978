using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Defaulting;
using Stowage.Api.Validation;
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

    /// <inheritdoc/>
    public override Endpoints Default(Endpoints obj) => ApiDefaults.Apply(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> Validate(Endpoints obj) => EndpointsValidation.Validate(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateUpdate(Endpoints obj, Endpoints old) => EndpointsValidation.ValidateUpdate(obj, old);
}
