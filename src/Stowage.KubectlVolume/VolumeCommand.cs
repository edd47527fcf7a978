using System.Text.Json.Nodes;
using Stowage.KubectlVolume.Client;
using Stowage.KubectlVolume.CommandLine;
using Stowage.KubectlVolume.Editing;
using Stowage.KubectlVolume.Listing;
using Stowage.KubectlVolume.Output;

namespace Stowage.KubectlVolume;

/// <summary>
/// Runs <c>kubectl volume</c> against the API: reads the objects, lists their volumes or changes their
/// pod templates, and writes each change as a JSON merge patch that carries the resourceVersion it was
/// computed from, so a concurrent writer makes it a 409 and the change is recomputed on fresh state
/// (the workload's controller then rolls out pods with the new template).
/// </summary>
internal sealed class VolumeCommand
{
    private const int MaxConflictRetries = 5;

    private readonly ApiClient _api;
    private readonly VolumeOptions _options;
    private readonly string _namespace;
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private int _exitCode;

    /// <summary>Creates the command.</summary>
    public VolumeCommand(ApiClient api, VolumeOptions options, string ns, TextWriter output, TextWriter errors)
    {
        (_api, _options, _namespace, _out, _err) = (api, options, ns, output, errors);
    }

    /// <summary>Runs it; returns the exit code.</summary>
    public async Task<int> RunAsync(IReadOnlyList<Target> targets, CancellationToken cancellationToken)
    {
        foreach (var kind in targets.Select(t => t.Kind).Distinct())
        {
            if (!await _api.ServesAsync(kind, cancellationToken).ConfigureAwait(false))
            {
                return Fail($"the server doesn't have a resource type \"{kind.Resource}\"");
            }
        }
        var objects = new List<(ResourceKind Kind, JsonObject Object)>();
        foreach (var target in targets)
        {
            objects.AddRange(await FetchAsync(target, cancellationToken).ConfigureAwait(false));
        }
        if (objects.Count == 0 && _exitCode == 0)
        {
            await _err.WriteLineAsync($"No resources found in {_namespace} namespace.").ConfigureAwait(false);
            return 0;
        }
        var single = targets.Count == 1 && targets[0].Name is not null;
        switch (_options.Operation)
        {
            case VolumeOperation.List:
                foreach (var (kind, obj) in objects)
                {
                    await ListAsync(kind, obj, cancellationToken).ConfigureAwait(false);
                }
                break;
            default:
                if (_options.Operation == VolumeOperation.Add && _options.Add.CreateClaim)
                {
                    await CreateClaimAsync(cancellationToken).ConfigureAwait(false);
                }
                string? name = _options.Name;
                foreach (var (kind, obj) in objects)
                {
                    name = await UpdateAsync(kind, obj, name, single, cancellationToken).ConfigureAwait(false);
                }
                break;
        }
        return _exitCode;
    }

    private async Task<IEnumerable<(ResourceKind, JsonObject)>> FetchAsync(Target target, CancellationToken cancellationToken)
    {
        var kind = target.Kind;
        if (target.Name is { } name)
        {
            var response = await _api.GetAsync(kind.ObjectPath(_namespace, name), cancellationToken).ConfigureAwait(false);
            if (response.Error is not null)
            {
                await ReportAsync(response.Error.ToString()).ConfigureAwait(false);
                return [];
            }
            return [(kind, response.Object!)];
        }
        var path = kind.CollectionPath(_namespace);
        if (!string.IsNullOrEmpty(_options.Selector))
        {
            path += "?labelSelector=" + Uri.EscapeDataString(_options.Selector);
        }
        var list = await _api.GetAsync(path, cancellationToken).ConfigureAwait(false);
        if (list.Error is not null)
        {
            await ReportAsync(list.Error.ToString()).ConfigureAwait(false);
            return [];
        }
        // List items carry no apiVersion and kind; -o json|yaml should show them.
        return Json.Objects(list.Object!["items"]).Select(item =>
        {
            var copy = new JsonObject { ["apiVersion"] = kind.GroupVersion, ["kind"] = kind.Kind };
            foreach (var (key, value) in item.ToList())
            {
                if (key is not ("apiVersion" or "kind"))
                {
                    copy[key] = value?.DeepClone();
                }
            }
            return (kind, copy);
        }).ToList();
    }

    private async Task ListAsync(ResourceKind kind, JsonObject obj, CancellationToken cancellationToken)
    {
        var label = Label(kind, obj);
        if (Json.Path(obj, kind.SpecPath) is not { } spec)
        {
            return;
        }
        var claims = new Dictionary<string, ClaimState>(StringComparer.Ordinal);
        var ns = Json.Str(Json.Path(obj, "metadata")?["namespace"]) ?? _namespace;
        foreach (var claimName in VolumeLister.ClaimNames(spec))
        {
            var response = await _api.GetAsync($"/api/v1/namespaces/{Uri.EscapeDataString(ns)}/persistentvolumeclaims/{Uri.EscapeDataString(claimName)}",
                cancellationToken).ConfigureAwait(false);
            claims[claimName] = response.Error switch
            {
                null => new ClaimState(response.Object, null),
                { IsNotFound: true } => ClaimState.NotFound,
                var e => new ClaimState(null, e.ToString()),
            };
        }
        var error = VolumeLister.Write(_out, _err, label, spec, _options.Name, _options.Containers, claims);
        if (error is not null)
        {
            await ReportAsync($"{label} {error}").ConfigureAwait(false);
        }
    }

    private async Task CreateClaimAsync(CancellationToken cancellationToken)
    {
        var add = _options.Add;
        var spec = new JsonObject
        {
            ["accessModes"] = new JsonArray(add.ClaimMode),
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = add.ClaimSize } },
        };
        if (add.ClaimClass is not null)
        {
            spec["storageClassName"] = add.ClaimClass;
        }
        var claim = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "PersistentVolumeClaim",
            ["metadata"] = new JsonObject { ["name"] = add.ClaimName, ["namespace"] = _namespace },
            ["spec"] = spec,
        };
        var kind = new ResourceKind("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", []);
        if (_options.DryRun == DryRun.Client)
        {
            PrintCreated(kind, claim);
            return;
        }
        var path = kind.CollectionPath(_namespace) + (_options.DryRun == DryRun.Server ? "?dryRun=All" : "");
        var response = await _api.CreateAsync(path, claim, cancellationToken).ConfigureAwait(false);
        if (response.Error is not null)
        {
            await ReportAsync($"failed to create persistentvolumeclaim \"{add.ClaimName}\": {response.Error}").ConfigureAwait(false);
            return;
        }
        PrintCreated(kind, response.Object!);
    }

    private void PrintCreated(ResourceKind kind, JsonObject claim)
    {
        if (_options.Output is null)
        {
            var suffix = _options.DryRun switch { DryRun.Client => " (dry run)", DryRun.Server => " (server dry run)", _ => "" };
            _out.WriteLine($"{kind.NamePrefix}/{Json.Str(Json.Path(claim, "metadata")?["name"])} created{suffix}");
        }
        else
        {
            ObjectPrinter.Print(_out, claim, kind, _options.Output, _options.DryRun);
        }
    }

    /// <summary>Changes one object's pod template; returns the volume name used, which later objects share (as in oc).</summary>
    private async Task<string?> UpdateAsync(ResourceKind kind, JsonObject current, string? name, bool single, CancellationToken cancellationToken)
    {
        var label = Label(kind, current);
        if (kind.IsPod)
        {
            await ReportAsync($"{label} the volumes of a pod cannot be changed once it is created; change the workload that makes it (deployment, replicationcontroller, …)")
                .ConfigureAwait(false);
            return name;
        }
        for (var attempt = 0; ; attempt++)
        {
            var changed = (JsonObject)current.DeepClone();
            if (Json.Path(changed, kind.SpecPath) is not { } spec)
            {
                await ReportAsync($"the {kind.Kind} {Json.Str(Json.Path(current, "metadata")?["name"])} is not a pod or does not have a pod template").ConfigureAwait(false);
                return name;
            }
            var before = spec.DeepClone();
            EditOutcome outcome;
            if (_options.Operation == VolumeOperation.Add)
            {
                (outcome, var used) = PodSpecEditor.Add(spec, name, _options.Add, _options.Containers, single, label, () => NameGenerator.Generate("volume-"));
                name = string.IsNullOrEmpty(used) ? name : used;
            }
            else
            {
                outcome = PodSpecEditor.Remove(spec, name, _options.Containers, label);
            }
            if (attempt == 0)
            {
                foreach (var warning in outcome.Warnings.Where(w => _options.Output is null || !w.StartsWith("info:", StringComparison.Ordinal)))
                {
                    await _err.WriteLineAsync(warning).ConfigureAwait(false);
                }
            }
            if (outcome.Error is not null)
            {
                await ReportAsync($"{label} {outcome.Error}").ConfigureAwait(false);
                return name;
            }
            if (JsonNode.DeepEquals(before, spec))
            {
                // Nothing to write; oc says nothing either.
                return name;
            }
            if (_options.DryRun == DryRun.Client)
            {
                ObjectPrinter.Print(_out, changed, kind, _options.Output, _options.DryRun);
                return name;
            }

            var patch = MergePatch(kind, current, spec);
            var path = kind.ObjectPath(Json.Str(Json.Path(current, "metadata")?["namespace"]) ?? _namespace, Json.Str(Json.Path(current, "metadata")?["name"]) ?? "")
                + (_options.DryRun == DryRun.Server ? "?dryRun=All" : "");
            var response = await _api.MergePatchAsync(path, patch, cancellationToken).ConfigureAwait(false);
            if (response.Error is { IsConflict: true } && attempt < MaxConflictRetries)
            {
                // Someone else wrote first: recompute the change from what is there now.
                var fresh = await _api.GetAsync(path.Split('?')[0], cancellationToken).ConfigureAwait(false);
                if (fresh.Object is not null)
                {
                    current = fresh.Object;
                    continue;
                }
                response = fresh;
            }
            if (response.Error is not null)
            {
                await ReportAsync($"failed to patch volume update to pod template: {response.Error.Message}").ConfigureAwait(false);
                return name;
            }
            ObjectPrinter.Print(_out, response.Object!, kind, _options.Output, _options.DryRun);
            return name;
        }
    }

    /// <summary>
    /// The merge patch that sets the template's volumes and containers to the edited ones (merge patches
    /// replace lists whole) and names the resourceVersion they were computed from, which makes it conditional.
    /// </summary>
    internal static JsonObject MergePatch(ResourceKind kind, JsonObject current, JsonObject spec)
    {
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = Json.Str(Json.Path(current, "metadata")?["resourceVersion"]) } };
        var cursor = patch;
        foreach (var field in kind.SpecPath)
        {
            var next = new JsonObject();
            cursor[field] = next;
            cursor = next;
        }
        cursor["volumes"] = spec["volumes"] is JsonArray { Count: > 0 } volumes ? volumes.DeepClone() : null;
        cursor["containers"] = spec["containers"]?.DeepClone();
        return patch;
    }

    private static string Label(ResourceKind kind, JsonObject obj) => $"{kind.Resource}/{Json.Str(Json.Path(obj, "metadata")?["name"])}";

    private int Fail(string message)
    {
        _err.WriteLine($"error: {message}");
        return 1;
    }

    private async Task ReportAsync(string message)
    {
        _exitCode = 1;
        await _err.WriteLineAsync(message.StartsWith("Error from server", StringComparison.Ordinal) ? message : $"error: {message}").ConfigureAwait(false);
    }
}
