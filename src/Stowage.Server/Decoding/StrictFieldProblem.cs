namespace Stowage.Server.Decoding;

/// <summary>The two problems Kubernetes' strict decoder reports.</summary>
public enum StrictFieldProblem
{
    /// <summary>A field the schema does not declare ("unknown field").</summary>
    UnknownField,

    /// <summary>A field or map key given twice in one object ("duplicate field").</summary>
    DuplicateField,
}
