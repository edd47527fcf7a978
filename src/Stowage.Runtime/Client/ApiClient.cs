using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Stowage.Api;
using Stowage.Api.Core;
using Stowage.Api.Meta;

namespace Stowage.Runtime.Client;

/// <summary>
/// A typed Kubernetes API client over HTTPS (client-go's typed clientset, in small): get, list, watch,
/// create, update, update status, patch and delete. Failures surface as <see cref="ApiClientException"/>
/// carrying the server's Status. Thread-safe.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _fieldManager;

    /// <summary>Creates a client over a connection; writes are recorded under <paramref name="fieldManager"/>.</summary>
    public ApiClient(ApiConnection connection, string fieldManager)
        : this(connection.CreateHttpClient(), fieldManager)
    {
    }

    /// <summary>Creates a client over an HttpClient that already carries base address and credentials.</summary>
    public ApiClient(HttpClient http, string fieldManager)
    {
        _http = http;
        _fieldManager = fieldManager;
    }

    /// <summary>
    /// True if objects in answers are read without <c>metadata.managedFields</c> (see <see cref="TrimmedContracts"/>):
    /// for controllers, which never look at field ownership. Writes are unaffected.
    /// </summary>
    public bool TrimsManagedFields { get; init; }

    /// <summary>Reads one object; null if it does not exist.</summary>
    public async Task<T?> GetAsync<T>(ResourceType<T> type, string? ns, string name, CancellationToken cancellationToken)
        where T : class, IApiObject<T>
    {
        using var response = await _http.GetAsync(type.ItemPath(ns, name), cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode == 404)
        {
            return null;
        }
        return await ReadAsync(response, Reading(type), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists objects (all namespaces when <paramref name="ns"/> is null).</summary>
    public async Task<ObjectList<T>> ListAsync<T>(ResourceType<T> type, string? ns, CancellationToken cancellationToken, string? labelSelector = null, string? fieldSelector = null)
        where T : class, IApiObject<T>
    {
        var url = type.CollectionPath(ns) + Query(("labelSelector", labelSelector), ("fieldSelector", fieldSelector));
        using var response = await _http.GetAsync(url, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, TrimsManagedFields ? TrimmedContracts.For<ObjectList<T>>() : type.ListTypeInfo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Watches changes after <paramref name="resourceVersion"/>; ends when the server closes the stream.</summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(ResourceType<T> type, string? ns, string resourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken, string? fieldSelector = null, int? timeoutSeconds = null)
        where T : class, IApiObject<T>
    {
        var url = type.CollectionPath(ns) + Query(("watch", "true"), ("resourceVersion", resourceVersion), ("allowWatchBookmarks", "true"),
            ("fieldSelector", fieldSelector), ("timeoutSeconds", timeoutSeconds?.ToString(CultureInfo.InvariantCulture)));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var watchEvent in WatchStreamReader.ReadAsync(stream, Reading(type), cancellationToken).ConfigureAwait(false))
        {
            yield return watchEvent;
        }
    }

    // A typed body holds only the fields its record declares, so the server need not look for unknown
    // ones (fieldValidation=Ignore skips that check; what is sent is validated as ever).
    private static readonly (string, string?) TypedBody = ("fieldValidation", "Ignore");

    /// <summary>Creates an object.</summary>
    public Task<T> CreateAsync<T>(ResourceType<T> type, T obj, CancellationToken cancellationToken)
        where T : class, IApiObject<T> =>
        SendAsync(HttpMethod.Post, type.CollectionPath(obj.Metadata.Namespace) + Query(("fieldManager", _fieldManager), TypedBody), type, obj, cancellationToken);

    /// <summary>Replaces an object (its resourceVersion is the precondition).</summary>
    public Task<T> UpdateAsync<T>(ResourceType<T> type, T obj, CancellationToken cancellationToken)
        where T : class, IApiObject<T> =>
        SendAsync(HttpMethod.Put, type.ItemPath(obj.Metadata.Namespace, obj.Metadata.Name!) + Query(("fieldManager", _fieldManager), TypedBody), type, obj, cancellationToken);

    /// <summary>Replaces an object's status (its resourceVersion is the precondition).</summary>
    public Task<T> UpdateStatusAsync<T>(ResourceType<T> type, T obj, CancellationToken cancellationToken)
        where T : class, IApiObject<T> =>
        SendAsync(HttpMethod.Put, type.ItemPath(obj.Metadata.Namespace, obj.Metadata.Name!) + "/status" + Query(("fieldManager", _fieldManager), TypedBody), type, obj, cancellationToken);

    /// <summary>Patches an object with a JSON merge patch.</summary>
    public async Task<T> MergePatchAsync<T>(ResourceType<T> type, string? ns, string name, string patch, CancellationToken cancellationToken, string? subresource = null)
        where T : class, IApiObject<T>
    {
        var url = type.ItemPath(ns, name) + (subresource is null ? "" : "/" + subresource) + Query(("fieldManager", _fieldManager));
        using var request = new HttpRequestMessage(HttpMethod.Patch, url)
        {
            Content = new StringContent(patch, Encoding.UTF8, "application/merge-patch+json"),
        };
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, Reading(type), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes an object; false if it did not exist. A uid precondition makes the delete apply only to
    /// that incarnation of the name; a propagation policy (Orphan, Background, Foreground) says what
    /// happens to its dependents; a grace period (pods) how long its agent may take to stop it.
    /// </summary>
    public async Task<bool> DeleteAsync<T>(ResourceType<T> type, string? ns, string name, CancellationToken cancellationToken, string? uidPrecondition = null,
        string? propagationPolicy = null, long? gracePeriodSeconds = null)
        where T : class, IApiObject<T>
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, type.ItemPath(ns, name));
        if (uidPrecondition is not null || propagationPolicy is not null || gracePeriodSeconds is not null)
        {
            var options = new DeleteOptions
            {
                Preconditions = uidPrecondition is null ? null : new Preconditions { Uid = uidPrecondition },
                PropagationPolicy = propagationPolicy,
                GracePeriodSeconds = gracePeriodSeconds,
            };
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(options, ApiJsonContext.Default.DeleteOptions));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode == 404)
        {
            return false;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>
    /// Binds a pod to a node (POST pods/{name}/binding), as the scheduler does. A pod already on a
    /// node fails with a 409 Conflict (<see cref="ApiClientException"/>); so does a UID that no
    /// longer matches when <paramref name="podUid"/> is given.
    /// </summary>
    public async Task BindAsync(string ns, string pod, string node, CancellationToken cancellationToken, string? podUid = null)
    {
        var binding = new Binding
        {
            ApiVersion = "v1",
            Kind = "Binding",
            Metadata = new ObjectMeta { Name = pod, Namespace = ns, Uid = podUid },
            Target = new ObjectReference { ApiVersion = "v1", Kind = "Node", Name = node },
        };
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(binding, ApiJsonContext.Default.Binding));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var url = ResourceTypes.Pods.ItemPath(ns, pod) + "/binding" + Query(("fieldManager", _fieldManager));
        using var response = await _http.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> Reading<T>(ResourceType<T> type)
        where T : class, IApiObject<T> =>
        TrimsManagedFields ? TrimmedContracts.For<T>() : type.TypeInfo;

    private async Task<T> SendAsync<T>(HttpMethod method, string url, ResourceType<T> type, T obj, CancellationToken cancellationToken)
        where T : class, IApiObject<T>
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(obj, type.TypeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(method, url) { Content = content };
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, Reading(type), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TResult> ReadAsync<TResult>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResult> typeInfo, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }
        // Responses read here are buffered whole before SendAsync returns (HttpClient's default), so the
        // stream is memory and a synchronous read does not block.
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(stream, typeInfo) ?? throw new ApiClientException("empty response");
    }

    private static async Task<ApiClientException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        Status? status = null;
        try
        {
            status = body.Length > 0 ? JsonSerializer.Deserialize(body, ApiJsonContext.Default.Status) : null;
        }
        catch (JsonException)
        {
        }
        return new ApiClientException(status ?? new Status
        {
            Code = (int)response.StatusCode,
            Message = Encoding.UTF8.GetString(body),
        });
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}

