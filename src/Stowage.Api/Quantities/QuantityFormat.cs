namespace Stowage.Api.Quantities;

/// <summary>
/// The suffix family a <see cref="Quantity"/> remembers from parsing and uses again when it is
/// serialised (Kubernetes' <c>resource.Format</c>).
/// </summary>
public enum QuantityFormat
{
    /// <summary>Decimal SI suffixes: <c>n u m "" k M G T P E</c> (e.g. <c>12M</c> = 12 × 10^6).</summary>
    DecimalSI = 0,

    /// <summary>Binary SI suffixes: <c>Ki Mi Gi Ti Pi Ei</c> (e.g. <c>12Mi</c> = 12 × 2^20).</summary>
    BinarySI = 1,

    /// <summary>Decimal exponents: <c>e&lt;n&gt;</c> or <c>E&lt;n&gt;</c> (e.g. <c>12e6</c>).</summary>
    DecimalExponent = 2,
}
