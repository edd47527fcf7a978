using System.Globalization;
using Stowage.Api.Quantities;

namespace Stowage.Api.Validation;

/// <summary>Kubernetes' quantity checks (validateBasicResource, ValidatePositiveQuantityValue, ValidateNonnegativeQuantity).</summary>
internal static class QuantityRules
{
    /// <summary>validateBasicResource: Value() (rounded up) may not be negative.</summary>
    public static IEnumerable<FieldError> Basic(Quantity q, FieldPath path)
    {
        if (q.Value < 0)
        {
            yield return FieldErrors.Invalid(path, q.Value, "must be a valid resource quantity");
        }
    }

    /// <summary>ValidatePositiveQuantityValue.</summary>
    public static IEnumerable<FieldError> Positive(Quantity q, FieldPath path)
    {
        if (q.Sign <= 0)
        {
            yield return FieldErrors.Invalid(path, q.ToString(), ValidationMessages.IsNotPositive);
        }
    }

    /// <summary>ValidateNonnegativeQuantity.</summary>
    public static IEnumerable<FieldError> Nonnegative(Quantity q, FieldPath path)
    {
        if (q.Sign < 0)
        {
            yield return FieldErrors.Invalid(path, q.ToString(), ValidationMessages.IsNegative);
        }
    }
}
