using Stowage.Api.Quantities;

namespace Stowage.Api.Tests.Validation;

/// <summary>
/// Whether Quantity has its real semantics yet. Until the placeholder is replaced (Sign and
/// CompareTo always 0), every capacity reads as "not greater than zero", so the tests that need
/// quantity arithmetic are reported as skipped with this reason instead of failing or passing
/// vacuously. With the real Quantity they run.
/// </summary>
internal static class QuantityReadiness
{
    public static readonly string? SkipReason = Quantity.Parse("1").Sign == 1 && Quantity.Parse("2") > Quantity.Parse("1")
        ? null
        : "Quantity is still the placeholder (Sign/CompareTo return 0); this test needs real quantity comparison";
}

/// <summary>A fact that needs real Quantity semantics.</summary>
internal sealed class QuantityFactAttribute : FactAttribute
{
    public QuantityFactAttribute()
    {
        if (QuantityReadiness.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs real Quantity semantics.</summary>
internal sealed class QuantityTheoryAttribute : TheoryAttribute
{
    public QuantityTheoryAttribute()
    {
        if (QuantityReadiness.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
