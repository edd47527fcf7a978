using Stowage.Api.Selectors;
using Stowage.Server.Errors;
using Stowage.Server.Resources;

namespace Stowage.Server.Http;

/// <summary>Parses labelSelector and fieldSelector query parameters with Kubernetes' grammar and errors.</summary>
public static class Selection
{
    /// <summary>Parses a label selector (400 with the parser's message when malformed).</summary>
    public static LabelFilter ParseLabels(string text)
    {
        if (!LabelSelectorParser.TryParse(text, out var selector, out var error))
        {
            throw new ApiException(StatusErrors.BadRequest($"unable to parse requirement: {error}"));
        }
        return new LabelFilter(text, selector.Matches);
    }

    /// <summary>Parses a field selector (400 when malformed).</summary>
    public static FieldFilter ParseFields(string text)
    {
        if (!FieldSelector.TryParse(text, out var selector, out var error))
        {
            throw new ApiException(StatusErrors.BadRequest($"invalid field selector: {error}"));
        }
        return new FieldFilter(text, selector.Requirements.Select(r => r.Field).Distinct().ToList(), get => selector.Matches(get));
    }
}
