using System.Text;
using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Defaulting;
using Stowage.Api.Validation;
using Stowage.Api.Core;
using Stowage.Server.Printing;
using Stowage.Server.Resources;

namespace Stowage.Server.Strategies;

/// <summary>Secrets: stringData folds into data; type defaults to Opaque.</summary>
public sealed class SecretStrategy : ResourceStrategy<Secret>
{
    /// <inheritdoc/>
    public override GarbageCollectionPolicy DefaultGarbageCollectionPolicy => GarbageCollectionPolicy.DeleteDependents;

    /// <inheritdoc/>
    public override JsonTypeInfo<Secret> TypeInfo => ApiJsonContext.Default.Secret;

    /// <inheritdoc/>
    public override TablePrinter<Secret> Printer => SecretPrinter.Instance;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, Func<Secret, string?>> SelectableFields { get; } =
        new Dictionary<string, Func<Secret, string?>> { ["type"] = s => s.Type ?? "" };

    /// <inheritdoc/>
    public override Secret Default(Secret obj)
    {
        if (obj.StringData is { Count: > 0 } stringData)
        {
            var data = obj.Data?.ToDictionary() ?? [];
            foreach (var (key, value) in stringData)
            {
                data[key] = Encoding.UTF8.GetBytes(value);
            }
            obj = obj with { Data = data, StringData = null };
        }
        return ApiDefaults.Apply(obj);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> Validate(Secret obj) => SecretValidation.Validate(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateUpdate(Secret obj, Secret old) => SecretValidation.ValidateUpdate(obj, old);
}
