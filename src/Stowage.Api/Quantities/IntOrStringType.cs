namespace Stowage.Api.Quantities;

/// <summary>Which member of an <see cref="IntOrString"/> is set.</summary>
public enum IntOrStringType
{
    /// <summary>An int32 (the default, as in Kubernetes).</summary>
    Int = 0,

    /// <summary>A string, for example a port name or a percentage such as <c>25%</c>.</summary>
    String = 1,
}
