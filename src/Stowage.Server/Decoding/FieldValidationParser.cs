namespace Stowage.Server.Decoding;

/// <summary>Parsing of <see cref="FieldValidation"/>.</summary>
public static class FieldValidationParser
{
    /// <summary>
    /// Reads the parameter as Kubernetes does: absent or empty means Warn; the values are
    /// case-sensitive. Returns false for anything else, which upstream
    /// rejects naming the supported values "Ignore", "Strict", "Warn".
    /// </summary>
    public static bool TryParse(string? value, out FieldValidation validation)
    {
        switch (value)
        {
            case null or "" or "Warn":
                validation = FieldValidation.Warn;
                return true;
            case "Strict":
                validation = FieldValidation.Strict;
                return true;
            case "Ignore":
                validation = FieldValidation.Ignore;
                return true;
            default:
                validation = default;
                return false;
        }
    }
}
