using Stowage.Api.Selectors;

namespace Stowage.Api.Validation;

/// <summary>
/// A minimal private copy of metav1 ValidateLabelSelector for claims' spec.selector, until the
/// shared label-selector validator exists: In/NotIn need values, Exists/DoesNotExist forbid them,
/// any other operator is invalid; keys are qualified names; values are label values unless the
/// old object already carried invalid ones.
/// </summary>
internal static class LabelSelectorRules
{
    public static IEnumerable<FieldError> Validate(LabelSelector? selector, bool allowInvalidLabelValue, FieldPath path)
    {
        if (selector is null)
        {
            yield break;
        }
        foreach (var e in ValidationPrimitives.ValidateLabels(selector.MatchLabels, path.Child("matchLabels")))
        {
            yield return e;
        }
        var requirements = selector.MatchExpressions ?? [];
        for (var i = 0; i < requirements.Count; i++)
        {
            foreach (var e in ValidateRequirement(requirements[i], allowInvalidLabelValue, path.Child("matchExpressions").Index(i)))
            {
                yield return e;
            }
        }
    }

    /// <summary>True when <see cref="Validate"/> finds anything (used to grandfather old objects).</summary>
    public static bool HasErrors(LabelSelector? selector) => Validate(selector, false, FieldPath.Root("")).Any();

    private static IEnumerable<FieldError> ValidateRequirement(LabelSelectorRequirement r, bool allowInvalidLabelValue, FieldPath path)
    {
        var values = r.Values ?? [];
        switch (r.Operator)
        {
            case "In" or "NotIn":
                if (values.Count == 0)
                {
                    yield return FieldErrors.Required(path.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
                }
                break;
            case "Exists" or "DoesNotExist":
                if (values.Count > 0)
                {
                    yield return FieldErrors.Forbidden(path.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                }
                break;
            default:
                yield return FieldErrors.Invalid(path.Child("operator"), r.Operator, ValidationMessages.NotValidSelectorOperator);
                break;
        }
        foreach (var e in ValidationPrimitives.ValidateQualifiedName(r.Key, path.Child("key")))
        {
            yield return e;
        }
        if (!allowInvalidLabelValue)
        {
            for (var i = 0; i < values.Count; i++)
            {
                foreach (var m in ValidationPrimitives.IsValidLabelValue(values[i]))
                {
                    yield return FieldErrors.Invalid(path.Child("values").Index(i), values[i], m);
                }
            }
        }
    }
}
