namespace Stowage.Api.Selectors;

/// <summary>The operator of a field selector term; <c>=</c> and <c>==</c> are both <see cref="Equal"/>.</summary>
public enum FieldSelectorOperator
{
    /// <summary>The field has exactly the value (<c>a=b</c> or <c>a==b</c>).</summary>
    Equal,

    /// <summary>The field has any other value (<c>a!=b</c>).</summary>
    NotEqual,
}
