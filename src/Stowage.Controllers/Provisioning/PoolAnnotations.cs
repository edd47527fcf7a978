namespace Stowage.Controllers.Provisioning;

/// <summary>Annotations by which Stowage says what its pool enforces.</summary>
public static class PoolAnnotations
{
    /// <summary>On a class or volume whose sizes are not enforced (the pool fell back to plain directories): why.</summary>
    public const string SizeNotEnforced = "stowage.io/size-not-enforced";
}
