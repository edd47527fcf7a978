using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Defaulting;
using Stowage.Api.Validation;
using Stowage.Api.Coordination;
using Stowage.Server.Printing;
using Stowage.Server.Resources;

namespace Stowage.Server.Strategies;

/// <summary>Leases: stored as given after validation.</summary>
public sealed class LeaseStrategy : ResourceStrategy<Lease>
{
    /// <inheritdoc/>
    public override JsonTypeInfo<Lease> TypeInfo => ApiJsonContext.Default.Lease;

    /// <inheritdoc/>
    public override TablePrinter<Lease> Printer => LeasePrinter.Instance;

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> Validate(Lease obj) => LeaseValidation.Validate(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateUpdate(Lease obj, Lease old) => LeaseValidation.ValidateUpdate(obj, old);
}
