using Stowage.Server.Resources;
using Stowage.Storage;

namespace Stowage.EndToEnd.Tests.Harness;

/// <summary>
/// A fact that is skipped, with the reason, while this build of the server does not serve a resource
/// (xunit 2 cannot skip from inside a running test). The server's discovery is generated from the same
/// resource catalog, so this asks the question discovery would answer.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServedFactAttribute : FactAttribute
{
    /// <summary>Skips unless <paramref name="group"/>/<paramref name="version"/> <paramref name="resource"/> is served.</summary>
    public ServedFactAttribute(string group, string version, string resource)
    {
        // The catalog only needs a store to build its resource stores; nothing is read or written.
        if (BuiltInResources.Create(new InMemoryStore(), TimeProvider.System).Find(group, version, resource) is null)
        {
            var gv = group.Length == 0 ? version : $"{group}/{version}";
            Skip = $"the server does not serve {resource} ({gv}) yet: they come with the workload controllers";
        }
    }
}
