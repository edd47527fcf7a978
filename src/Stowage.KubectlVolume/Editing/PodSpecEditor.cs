using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stowage.KubectlVolume.Editing;

/// <summary>
/// The pure half of <c>kubectl volume --add/--remove</c>: changes one pod spec (a pod's <c>spec</c> or a
/// workload's <c>spec.template.spec</c>) in place, with oc's rules and messages (openshift/oc
/// pkg/cli/set/volume.go: addVolumeToSpec, setVolumeMount, removeVolumeFromSpec). Working on JSON
/// rather than typed records keeps every field the server sent, so any workload kind round-trips.
/// </summary>
internal static class PodSpecEditor
{
    /// <summary>
    /// Adds (or with <c>--overwrite</c> replaces) the volume and, when a mount path is given, mounts it in
    /// the selected containers. Without a mount path the volume's existing mounts are left as they are,
    /// which is how <c>--overwrite</c> switches a volume's source and keeps it at its old path.
    /// </summary>
    /// <param name="spec">The pod spec, changed in place.</param>
    /// <param name="name">The volume name, or null to find or generate one as oc does.</param>
    /// <param name="add">The completed add options.</param>
    /// <param name="containers">The <c>--containers</c> selector.</param>
    /// <param name="singleResource">Whether one object was named (needed to find a volume by mount path).</param>
    /// <param name="objectLabel">How messages name the object, e.g. <c>deployments/web</c>.</param>
    /// <param name="generateName">Makes a <c>volume-xxxxx</c> name.</param>
    /// <returns>The outcome and the volume name used.</returns>
    public static (EditOutcome Outcome, string Name) Add(JsonObject spec, string? name, AddVolumeOptions add, string containers,
        bool singleResource, string objectLabel, Func<string> generateName)
    {
        var warnings = new List<string>();
        bool claimFound;
        if (string.IsNullOrEmpty(name))
        {
            var (resolved, found, error) = ResolveName(spec, add, containers, singleResource, generateName, warnings);
            if (error is not null)
            {
                return (EditOutcome.Fail(error, warnings), "");
            }
            (name, claimFound) = (resolved, found);
        }
        else
        {
            claimFound = ExistingClaimVolume(spec, add) is not null;
        }

        var volumes = ArrayField(spec, "volumes");
        var volume = new JsonObject { ["name"] = name };
        var index = IndexOf(volumes, name);
        var setSource = true;
        if (index >= 0)
        {
            if (!add.Overwrite && !claimFound)
            {
                return (EditOutcome.Fail($"volume '{name}' already exists. Use --overwrite to replace", warnings), name);
            }
            if (!add.TypeChanged && add.Source.Length == 0)
            {
                // --overwrite without a type changes only the mount: the volume keeps its source.
                volume = (JsonObject)volumes[index]!.DeepClone();
                setSource = false;
            }
        }
        else if (add.Overwrite)
        {
            warnings.Add($"warning: volume \"{name}\" did not previously exist and was not overwritten. A new volume with this name has been created instead.");
        }

        if (setSource)
        {
            var error = SetSource(volume, add);
            if (error is not null)
            {
                return (EditOutcome.Fail(error, warnings), name);
            }
        }
        // oc removes the old entry and appends; replacing it where it stands keeps the template's order.
        if (index >= 0)
        {
            volumes[index] = volume;
        }
        else
        {
            volumes.Add(volume);
        }

        if (add.MountPath.Length > 0)
        {
            var error = SetMount(spec, name, add, containers, objectLabel, warnings);
            if (error is not null)
            {
                return (EditOutcome.Fail(error, warnings), name);
            }
        }
        return (EditOutcome.Ok(warnings), name);
    }

    /// <summary>
    /// Removes the named volume's mounts from the selected containers, and the volume itself once no
    /// other container mounts it; with no name, every volume and the selected containers' mounts.
    /// </summary>
    public static EditOutcome Remove(JsonObject spec, string? name, string containers, string objectLabel)
    {
        var (selected, skipped) = ContainerSelector.Select(spec, containers);
        if (selected.Count == 0 && containers != ContainerSelector.All)
        {
            return EditOutcome.Ok([$"warning: {objectLabel} does not have any containers matching \"{containers}\""]);
        }
        if (string.IsNullOrEmpty(name))
        {
            foreach (var c in selected)
            {
                c["volumeMounts"] = new JsonArray();
            }
            spec["volumes"] = new JsonArray();
            return EditOutcome.Ok();
        }

        foreach (var c in selected)
        {
            if (c["volumeMounts"] is JsonArray mounts)
            {
                RemoveWhere(mounts, m => Json.Str(m["name"]) == name);
            }
        }
        var stillMounted = skipped.Any(c => Json.Objects(c["volumeMounts"]).Any(m => Json.Str(m["name"]) == name));
        if (!stillMounted)
        {
            var volumes = spec["volumes"] as JsonArray;
            var index = volumes is null ? -1 : IndexOf(volumes, name);
            if (index < 0)
            {
                return EditOutcome.Fail($"volume '{name}' not found");
            }
            volumes!.RemoveAt(index);
        }
        return EditOutcome.Ok();
    }

    private static (string Name, bool ClaimFound, string? Error) ResolveName(JsonObject spec, AddVolumeOptions add, string containers,
        bool singleResource, Func<string> generateName, List<string> warnings)
    {
        if (add.Overwrite)
        {
            // Several objects may mount different volumes at one path, so only a single object can be searched.
            if (!singleResource)
            {
                return ("", false, "you must specify --name for the volume name when dealing with multiple resources");
            }
            if (add.MountPath.Length == 0)
            {
                return ("", false, "ambiguous --overwrite, specify --name or --mount-path");
            }
            var wanted = Stowage.Api.Validation.GoPath.Clean(add.MountPath);
            var matches = ContainerSelector.Select(spec, containers).Selected
                .Select(c => Json.Objects(c["volumeMounts"]).FirstOrDefault(m => Stowage.Api.Validation.GoPath.Clean(Json.Str(m["mountPath"]) ?? "") == wanted))
                .OfType<JsonObject>().ToList();
            return matches.Count switch
            {
                0 => ("", false, $"unable to find the volume for mount-path: {add.MountPath}"),
                1 => (Json.Str(matches[0]["name"]) ?? "", false, null),
                _ => ("", false, $"found multiple volumes with same mount-path: {add.MountPath}"),
            };
        }
        if (ExistingClaimVolume(spec, add) is { } existing)
        {
            return (existing, true, null);
        }
        var generated = generateName();
        warnings.Add($"info: Generated volume name: {generated}");
        return (generated, false, null);
    }

    /// <summary>The name of a volume that already uses the claim being added, if any.</summary>
    private static string? ExistingClaimVolume(JsonObject spec, AddVolumeOptions add) =>
        Json.Objects(spec["volumes"])
            .Where(v => v["persistentVolumeClaim"] is JsonObject pvc && Json.Str(pvc["claimName"]) == add.ClaimName)
            .Select(v => Json.Str(v["name"])).FirstOrDefault();

    private static string? SetSource(JsonObject volume, AddVolumeOptions add)
    {
        foreach (var key in volume.Select(p => p.Key).Where(k => k != "name").ToList())
        {
            volume.Remove(key);
        }
        switch (add.Type)
        {
            case "emptydir":
                volume["emptyDir"] = new JsonObject();
                return null;
            case "hostpath":
                volume["hostPath"] = new JsonObject { ["path"] = add.Path };
                return null;
            case "secret":
                volume["secret"] = new JsonObject { ["secretName"] = add.SecretName, ["defaultMode"] = Convert.ToInt32(add.DefaultMode, 8) };
                return null;
            case "configmap":
                volume["configMap"] = new JsonObject { ["name"] = add.ConfigMapName, ["defaultMode"] = Convert.ToInt32(add.DefaultMode, 8) };
                return null;
            case "persistentvolumeclaim" or "pvc":
                volume["persistentVolumeClaim"] = new JsonObject { ["claimName"] = add.ClaimName };
                return null;
            case "" when add.Source.Length > 0:
                try
                {
                    if (JsonNode.Parse(add.Source) is not JsonObject source)
                    {
                        return "--source must be a JSON object";
                    }
                    foreach (var (key, value) in source.ToList())
                    {
                        source.Remove(key);
                        volume[key] = value;
                    }
                    return null;
                }
                catch (JsonException e)
                {
                    return e.Message;
                }
            default:
                return $"invalid volume type: {add.Type}";
        }
    }

    private static string? SetMount(JsonObject spec, string name, AddVolumeOptions add, string containers, string objectLabel, List<string> warnings)
    {
        var (selected, _) = ContainerSelector.Select(spec, containers);
        if (selected.Count == 0 && containers != ContainerSelector.All)
        {
            warnings.Add($"warning: {objectLabel} does not have any containers matching \"{containers}\"");
            return null;
        }
        var path = Stowage.Api.Validation.GoPath.Clean(add.MountPath);
        foreach (var c in selected)
        {
            var mounts = ArrayField(c, "volumeMounts");
            if (Json.Objects(mounts).Any(m => Stowage.Api.Validation.GoPath.Clean(Json.Str(m["mountPath"]) ?? "") == path && Json.Str(m["name"]) != name))
            {
                return $"volume mount '{add.MountPath}' already exists for container '{Json.Str(c["name"])}'";
            }
            var mount = new JsonObject { ["name"] = name, ["mountPath"] = path };
            if (add.ReadOnly)
            {
                mount["readOnly"] = true;
            }
            if (add.SubPath.Length > 0)
            {
                mount["subPath"] = Stowage.Api.Validation.GoPath.Clean(add.SubPath);
            }
            var existing = add.Overwrite ? Json.Objects(mounts).FirstOrDefault(m => Json.Str(m["name"]) == name) : null;
            if (existing is not null)
            {
                mounts[mounts.IndexOf(existing)] = mount;
            }
            else
            {
                mounts.Add(mount);
            }
        }
        return null;
    }

    /// <summary>The array in <paramref name="field"/>, created when absent.</summary>
    private static JsonArray ArrayField(JsonObject parent, string field)
    {
        if (parent[field] is not JsonArray array)
        {
            array = [];
            parent[field] = array;
        }
        return array;
    }

    private static int IndexOf(JsonArray volumes, string name)
    {
        for (var i = 0; i < volumes.Count; i++)
        {
            if (volumes[i] is JsonObject v && Json.Str(v["name"]) == name)
            {
                return i;
            }
        }
        return -1;
    }

    private static void RemoveWhere(JsonArray array, Func<JsonObject, bool> predicate)
    {
        for (var i = array.Count - 1; i >= 0; i--)
        {
            if (array[i] is JsonObject o && predicate(o))
            {
                array.RemoveAt(i);
            }
        }
    }
}
