using System.Globalization;
using Stowage.Api.Validation;

namespace Stowage.Api.Selectors;

/// <summary>
/// Validation of an API <see cref="LabelSelector"/> (Kubernetes' <c>ValidateLabelSelector</c>), as
/// applied to fields such as a claim's <c>spec.selector</c>.
/// </summary>
public static class LabelSelectorValidation
{
    /// <summary>
    /// matchLabels must be valid labels; each matchExpressions entry needs values for In/NotIn,
    /// none for Exists/DoesNotExist, a known operator, a qualified-name key and valid label values.
    /// A <c>null</c> selector is valid.
    /// </summary>
    /// <param name="selector">The selector to check.</param>
    /// <param name="fieldPath">Its path, e.g. <c>spec.selector</c>.</param>
    /// <param name="allowInvalidLabelValues">
    /// Skip the value check, as Kubernetes does on update when the stored object already had an
    /// invalid value.
    /// </param>
    public static IReadOnlyList<FieldError> Validate(LabelSelector? selector, string fieldPath, bool allowInvalidLabelValues = false)
    {
        var errors = new List<FieldError>();
        if (selector is null)
        {
            return errors;
        }
        errors.AddRange(MetadataValidation.ValidateLabels(selector.MatchLabels, fieldPath + ".matchLabels"));
        var expressions = selector.MatchExpressions ?? [];
        for (int i = 0; i < expressions.Count; i++)
        {
            string path = fieldPath + ".matchExpressions[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            errors.AddRange(ValidateRequirement(expressions[i], path, allowInvalidLabelValues));
        }
        return errors;
    }

    /// <summary>Validates one matchExpressions entry (<c>ValidateLabelSelectorRequirement</c>).</summary>
    public static IReadOnlyList<FieldError> ValidateRequirement(
        LabelSelectorRequirement requirement, string fieldPath, bool allowInvalidLabelValues = false)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        var errors = new List<FieldError>();
        var values = requirement.Values ?? [];
        switch (requirement.Operator)
        {
            case "In" or "NotIn":
                if (values.Count == 0)
                {
                    errors.Add(FieldError.Required(fieldPath + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
                }
                break;
            case "Exists" or "DoesNotExist":
                if (values.Count > 0)
                {
                    errors.Add(FieldError.Forbidden(fieldPath + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }
                break;
            default:
                errors.Add(FieldError.Invalid(fieldPath + ".operator", requirement.Operator, "not a valid selector operator"));
                break;
        }
        errors.AddRange(MetadataValidation.ValidateLabelName(requirement.Key, fieldPath + ".key"));
        if (!allowInvalidLabelValues)
        {
            for (int i = 0; i < values.Count; i++)
            {
                string valuePath = fieldPath + ".values[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                errors.AddRange(NameValidation.IsValidLabelValue(values[i] ?? "")
                    .Select(message => FieldError.Invalid(valuePath, values[i], message)));
            }
        }
        return errors;
    }
}
