namespace Stowage.Api.Validation;

/// <summary>Messages Kubernetes shares between many rules.</summary>
internal static class ValidationMessages
{
    public const string FieldImmutable = "field is immutable";
    public const string IsNegative = "must be greater than or equal to 0";
    public const string IsNotPositive = "must be greater than zero";
    public const string NotValidSelectorOperator = "not a valid selector operator";
}
