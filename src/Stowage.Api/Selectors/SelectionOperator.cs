namespace Stowage.Api.Selectors;

/// <summary>
/// The operator of a label requirement (Kubernetes' <c>selection.Operator</c>); the selector
/// syntax of each is given in brackets.
/// </summary>
public enum SelectionOperator
{
    /// <summary>The key exists with one of the values (<c>k in (a,b)</c>).</summary>
    In,

    /// <summary>The key is absent or has none of the values (<c>k notin (a,b)</c>).</summary>
    NotIn,

    /// <summary>The key exists with exactly the value (<c>k=v</c>).</summary>
    Equal,

    /// <summary>The key exists with exactly the value (<c>k==v</c>).</summary>
    DoubleEqual,

    /// <summary>The key is absent or has another value (<c>k!=v</c>).</summary>
    NotEqual,

    /// <summary>The key exists with an integer value greater than the value (<c>k&gt;1</c>).</summary>
    GreaterThan,

    /// <summary>The key exists with an integer value less than the value (<c>k&lt;1</c>).</summary>
    LessThan,

    /// <summary>The key exists, with any value (<c>k</c>).</summary>
    Exists,

    /// <summary>The key is absent (<c>!k</c>).</summary>
    DoesNotExist,
}
