using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Stowage.Api;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Validation;
using Stowage.Server.Errors;
using Stowage.Server.Http;
using Stowage.Server.Resources;

namespace Stowage.Server.PodSubresources;

/// <summary>
/// POST pods/{name}/binding (Kubernetes' BindingREST): sets spec.nodeName of a pod that has none,
/// merges the binding's annotations and marks the pod PodScheduled=True, in one compare-and-swap
/// update; answers a Success Status (201). A pod already on a node is a 409 Conflict with
/// Kubernetes' text; so is a pod being deleted. The scheduler is the caller.
/// </summary>
internal sealed class PodBindingHandler : ISubresourceHandler
{
    public async Task HandleAsync(SubresourceRequest request)
    {
        var context = request.Context;
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            throw new ApiException(StatusErrors.MethodNotSupported("pods/binding", context.Request.Method));
        }
        var bytes = await RequestBody.ReadBytesAsync(context).ConfigureAwait(false);
        var (json, _) = RequestBody.Parse(bytes, RequestBody.MediaType(context));
        Binding binding;
        try
        {
            binding = JsonSerializer.Deserialize(json, ApiJsonContext.Default.Binding)
                ?? throw new ApiException(StatusErrors.BadRequest("the body of the request was not a Binding"));
        }
        catch (JsonException e)
        {
            throw new ApiException(StatusErrors.BadRequest($"error decoding Binding: {e.Message}"));
        }
        var name = request.Name;
        if (!string.IsNullOrEmpty(binding.Metadata.Name) && binding.Metadata.Name != name)
        {
            throw new ApiException(StatusErrors.BadRequest("name in URL does not match name in Binding object"));
        }
        var errors = new List<FieldError>();
        if (!string.IsNullOrEmpty(binding.Target.Kind) && binding.Target.Kind != "Node")
        {
            errors.Add(new FieldError(FieldErrorType.NotSupported, "target.kind", binding.Target.Kind, "supported values: \"Node\", \"<empty>\""));
        }
        if (string.IsNullOrEmpty(binding.Target.Name))
        {
            errors.Add(new FieldError(FieldErrorType.Required, "target.name", null, ""));
        }
        if (errors.Count > 0)
        {
            throw new ApiException(StatusErrors.Invalid("Binding", "", name, errors));
        }
        var node = binding.Target.Name!;
        var options = QueryOptions.Write(context.Request, "binding");
        await request.Catalog.Store<Pod>().UpdateAsync(request.Namespace, name, pod => Assign(pod, binding, node, DateTimeOffset.UtcNow), options, context.RequestAborted).ConfigureAwait(false);
        await ApiResponses.WriteStatusAsync(context, new Status { Outcome = "Success", Code = 201 }).ConfigureAwait(false);
    }

    // setPodHostAndAnnotations: only an unassigned, live pod may be bound.
    private static Pod Assign(Pod pod, Binding binding, string node, DateTimeOffset now)
    {
        var name = pod.Metadata.Name ?? "";
        if (binding.Metadata.Uid is { Length: > 0 } uid && uid != pod.Metadata.Uid)
        {
            throw new ApiException(StatusErrors.Conflict("pods", "", name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {pod.Metadata.Uid}"));
        }
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            throw new ApiException(StatusErrors.Conflict("pods/binding", "", name, $"pod {name} is being deleted, cannot be assigned to a host"));
        }
        if (!string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            throw new ApiException(StatusErrors.Conflict("pods/binding", "", name, $"pod {name} is already assigned to node \"{pod.Spec.NodeName}\""));
        }
        var annotations = pod.Metadata.Annotations?.ToDictionary() ?? [];
        foreach (var (k, v) in binding.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            annotations[k] = v;
        }
        var status = pod.Status ?? new PodStatus();
        var conditions = status.Conditions?.ToList() ?? [];
        var index = conditions.FindIndex(c => c.Type == "PodScheduled");
        var scheduled = new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = now };
        if (index < 0)
        {
            conditions.Add(scheduled);
        }
        else if (conditions[index].Status != "True")
        {
            conditions[index] = scheduled;
        }
        return pod with
        {
            Metadata = pod.Metadata with { Annotations = annotations.Count > 0 ? annotations : pod.Metadata.Annotations },
            Spec = (pod.Spec ?? new PodSpec()) with { NodeName = node },
            Status = status with { Conditions = conditions },
        };
    }
}
