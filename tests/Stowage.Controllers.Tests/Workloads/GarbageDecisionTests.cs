using Stowage.Controllers.GarbageCollection;

namespace Stowage.Controllers.Tests.GarbageCollection;

/// <summary>attemptToDeleteItem's decision table.</summary>
public sealed class GarbageDecisionTests
{
    [Theory]
    [InlineData(new[] { OwnerState.Solid }, false, GarbageAction.Keep)]
    [InlineData(new[] { OwnerState.Solid, OwnerState.Dangling }, false, GarbageAction.RemoveReferences)]
    [InlineData(new[] { OwnerState.Solid, OwnerState.WaitingForDependentsDeletion }, true, GarbageAction.RemoveReferences)]
    [InlineData(new[] { OwnerState.Dangling }, false, GarbageAction.Delete)]
    [InlineData(new[] { OwnerState.Dangling }, true, GarbageAction.Delete)]
    [InlineData(new[] { OwnerState.WaitingForDependentsDeletion }, false, GarbageAction.Delete)]
    [InlineData(new[] { OwnerState.WaitingForDependentsDeletion }, true, GarbageAction.DeleteForeground)]
    [InlineData(new OwnerState[0], false, GarbageAction.Keep)]
    public void Decides_from_the_owners_states(OwnerState[] owners, bool hasDependents, GarbageAction expected) =>
        Assert.Equal(expected, GarbageDecision.Decide(owners, hasDependents));
}
