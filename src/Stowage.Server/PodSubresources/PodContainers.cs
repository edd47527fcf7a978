using Stowage.Api.Core;
using Stowage.Server.Errors;

namespace Stowage.Server.PodSubresources;

/// <summary>Which container a log or exec request means, with Kubernetes' errors (pod strategy's LogLocation/streamLocation).</summary>
internal static class PodContainers
{
    /// <summary>The named container, or the only one; 400 when none is named and there are several, or the name is unknown.</summary>
    public static string Choose(Pod pod, string? container)
    {
        var name = pod.Metadata.Name ?? "";
        var containers = pod.Spec?.Containers ?? [];
        var init = pod.Spec?.InitContainers ?? [];
        if (string.IsNullOrEmpty(container))
        {
            switch (containers.Count)
            {
                case 1:
                    return containers[0].Name;
                case 0:
                    throw new ApiException(StatusErrors.BadRequest($"a container name must be specified for pod {name}"));
                default:
                    var message = $"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', containers.Select(c => c.Name))}]";
                    if (init.Count > 0)
                    {
                        message += $" or one of the init containers: [{string.Join(' ', init.Select(c => c.Name))}]";
                    }
                    throw new ApiException(StatusErrors.BadRequest(message));
            }
        }
        if (!containers.Any(c => c.Name == container) && !init.Any(c => c.Name == container))
        {
            throw new ApiException(StatusErrors.BadRequest($"container {container} is not valid for pod {name}"));
        }
        return container;
    }
}
