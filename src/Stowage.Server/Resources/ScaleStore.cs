using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api;
using Stowage.Api.Autoscaling;
using Stowage.Api.Meta;
using Stowage.Api.Schema;
using Stowage.Api.Validation;
using Stowage.Server.Errors;

namespace Stowage.Server.Resources;

/// <summary>
/// The scale subresource (Kubernetes' ScaleREST): reads an object as an autoscaling/v1 Scale and
/// writes spec.replicas back through the object's own update path, so preconditions, generation and
/// watches behave as for any update. A Scale that names a resourceVersion is conditional on it.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class ScaleStore<T> : IScaleStore
    where T : class, IApiObject<T>
{
    private readonly ResourceStore<T> _store;
    private readonly IScaleStrategy<T> _scale;
    private readonly TimeProvider _clock;

    /// <summary>Creates the subresource over a resource's store.</summary>
    public ScaleStore(ResourceStore<T> store, IScaleStrategy<T> scale, TimeProvider clock)
    {
        _store = store;
        _scale = scale;
        _clock = clock;
    }

    /// <inheritdoc/>
    public async Task<Scale> GetAsync(string? ns, string name, CancellationToken cancellationToken)
    {
        var obj = await _store.TryGetAsync(ns, name, cancellationToken).ConfigureAwait(false)
            ?? throw new ApiException(StatusErrors.NotFound(_store.Resource, _store.Group, name));
        return ToScale(obj);
    }

    /// <inheritdoc/>
    public Task<Scale> UpdateAsync(string? ns, string name, JsonObject body, WriteOptions options, CancellationToken cancellationToken) =>
        WriteAsync(ns, name, _ => Read(body), options, cancellationToken);

    /// <inheritdoc/>
    public Task<Scale> PatchAsync(string? ns, string name, PatchRequest patch, WriteOptions options, CancellationToken cancellationToken) =>
        WriteAsync(ns, name, current =>
        {
            var json = (JsonObject)JsonSerializer.SerializeToNode(current, ApiJsonContext.Default.Scale)!;
            var patched = Read(PatchApplier.Apply(json, patch, ApiSchemas.Default.For(typeof(Scale)), options, _clock.GetUtcNow()));
            var namesVersion = patch.Body is JsonObject o && o["metadata"] is JsonObject m && m.ContainsKey("resourceVersion");
            return namesVersion ? patched : patched with { Metadata = patched.Metadata with { ResourceVersion = null } };
        }, options, cancellationToken);

    private async Task<Scale> WriteAsync(string? ns, string name, Func<Scale, Scale> change, WriteOptions options, CancellationToken cancellationToken)
    {
        var updated = await _store.UpdateAsync(ns, name, current =>
        {
            var scale = change(ToScale(current));
            if (!string.IsNullOrEmpty(scale.Metadata.Name) && scale.Metadata.Name != name)
            {
                throw new ApiException(StatusErrors.BadRequest($"the name of the object ({scale.Metadata.Name}) does not match the name on the URL ({name})"));
            }
            var replicas = scale.Spec?.Replicas ?? 0;
            var errors = WorkloadValidation.ValidateScaleReplicas(replicas);
            if (errors.Count > 0)
            {
                throw new ApiException(StatusErrors.Invalid("Scale", "autoscaling", name, errors));
            }
            var result = _scale.WithReplicas(current, replicas);
            return result.WithMetadata(result.Metadata with { ResourceVersion = scale.Metadata.ResourceVersion });
        }, options with { Subresource = "scale" }, cancellationToken).ConfigureAwait(false);
        return ToScale(updated);
    }

    private Scale ToScale(T obj) => new()
    {
        ApiVersion = "autoscaling/v1",
        Kind = "Scale",
        Metadata = new ObjectMeta
        {
            Name = obj.Metadata.Name,
            Namespace = obj.Metadata.Namespace,
            Uid = obj.Metadata.Uid,
            ResourceVersion = obj.Metadata.ResourceVersion,
            CreationTimestamp = obj.Metadata.CreationTimestamp,
        },
        Spec = new ScaleSpec { Replicas = _scale.DesiredReplicas(obj) },
        Status = new ScaleStatus { Replicas = _scale.CurrentReplicas(obj), Selector = _scale.Selector(obj) },
    };

    private static Scale Read(JsonNode body)
    {
        try
        {
            return body.Deserialize(ApiJsonContext.Default.Scale) ?? throw new ApiException(StatusErrors.BadRequest("the body of the request is null"));
        }
        catch (JsonException e)
        {
            throw new ApiException(StatusErrors.BadRequest($"Scale in version \"v1\" cannot be handled as a Scale: {e.Message}"));
        }
    }
}
