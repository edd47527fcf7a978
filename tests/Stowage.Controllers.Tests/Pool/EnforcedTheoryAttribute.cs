namespace Stowage.Controllers.Tests.Pool;

/// <summary>The theory form of <see cref="EnforcedFactAttribute"/>.</summary>
public sealed class EnforcedTheoryAttribute : TheoryAttribute
{
    public EnforcedTheoryAttribute()
    {
        Skip = new EnforcedFactAttribute().Skip;
    }
}
