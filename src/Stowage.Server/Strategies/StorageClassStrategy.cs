using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
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
}
