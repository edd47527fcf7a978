using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Defaulting;
using Stowage.Api.Validation;
using Stowage.Api.Storage;
using Stowage.Server.Printing;
using Stowage.Server.Resources;

namespace Stowage.Server.Strategies;

/// <summary>StorageClasss: stored as given after validation.</summary>
public sealed class StorageClassStrategy : ResourceStrategy<StorageClass>
{
    /// <inheritdoc/>
    public override JsonTypeInfo<StorageClass> TypeInfo => ApiJsonContext.Default.StorageClass;

    /// <inheritdoc/>
    public override TablePrinter<StorageClass> Printer => StorageClassPrinter.Instance;

    /// <inheritdoc/>
    public override StorageClass Default(StorageClass obj) => ApiDefaults.Apply(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> Validate(StorageClass obj) => StorageClassValidation.Validate(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateUpdate(StorageClass obj, StorageClass old) => StorageClassValidation.ValidateUpdate(obj, old);
}
