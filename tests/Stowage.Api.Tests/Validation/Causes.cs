using Stowage.Api.Validation;

namespace Stowage.Api.Tests.Validation;

/// <summary>Assertions on the rendered causes of a validation result.</summary>
internal static class Causes
{
    /// <summary>Exactly these causes, in this order.</summary>
    public static void AssertExactly(IReadOnlyList<FieldError> errors, params string[] expected) =>
        Assert.Equal(expected, errors.Select(e => e.ToString()).ToList());

    public static void AssertNone(IReadOnlyList<FieldError> errors) =>
        Assert.True(errors.Count == 0, "unexpected causes:\n" + string.Join("\n", errors.Select(e => e.ToString()).ToList()));

    /// <summary>Each expected cause is present (for lists where order does not matter to the case).</summary>
    public static void AssertContains(IReadOnlyList<FieldError> errors, params string[] expected)
    {
        var rendered = errors.Select(e => e.ToString()).ToList();
        foreach (var e in expected)
        {
            Assert.True(rendered.Contains(e), $"missing cause:\n{e}\nactual:\n" + string.Join("\n", rendered));
        }
    }
}
