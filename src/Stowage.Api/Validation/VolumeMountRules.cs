using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api.Core;

namespace Stowage.Api.Validation;

/// <summary>The volume mounts and devices of a container (ValidateVolumeMounts, ValidateVolumeDevices).</summary>
internal static class VolumeMountRules
{
    private static readonly string[] Propagations = ["Bidirectional", "HostToContainer", "None"];
    private static readonly string[] RecursiveReadOnlyModes = ["Disabled", "Enabled", "IfPossible"];

    // ValidateVolumeMounts. subPath, subPathExpr and mountPropagation are reported at the list's
    // path without an index, as Kubernetes does.
    public static IEnumerable<FieldError> VolumeMounts(Container c, Dictionary<string, Volume> volumes, FieldPath path)
    {
        var devices = (c.VolumeDevices ?? []).GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().DevicePath, StringComparer.Ordinal);
        var mountPoints = new HashSet<string>(StringComparer.Ordinal);
        var mounts = c.VolumeMounts ?? [];
        for (var i = 0; i < mounts.Count; i++)
        {
            var m = mounts[i];
            var p = path.Index(i);
            if (m.Name.Length == 0)
            {
                yield return FieldErrors.Required(p.Child("name"));
            }
            if (!volumes.ContainsKey(m.Name))
            {
                yield return FieldErrors.NotFound(p.Child("name"), m.Name);
            }
            if (m.MountPath.Length == 0)
            {
                yield return FieldErrors.Required(p.Child("mountPath"));
            }
            if (!mountPoints.Add(m.MountPath))
            {
                yield return FieldErrors.Invalid(p.Child("mountPath"), m.MountPath, "must be unique");
            }
            if (devices.ContainsKey(m.Name))
            {
                yield return FieldErrors.Invalid(p.Child("name"), m.Name, "must not already exist in volumeDevices");
            }
            if (devices.ContainsValue(m.MountPath))
            {
                yield return FieldErrors.Invalid(p.Child("mountPath"), m.MountPath, "must not already exist as a path in volumeDevices");
            }
            if (volumes.TryGetValue(m.Name, out var volume) && volume.Image is not null)
            {
                if (!string.IsNullOrEmpty(m.SubPath))
                {
                    yield return FieldErrors.Invalid(p.Child("subPath"), m.SubPath, "not allowed in image volume sources");
                }
                if (!string.IsNullOrEmpty(m.SubPathExpr))
                {
                    yield return FieldErrors.Invalid(p.Child("subPathExpr"), m.SubPathExpr, "not allowed in image volume sources");
                }
            }
            if (!string.IsNullOrEmpty(m.SubPath))
            {
                foreach (var e in PodVolumeRules.LocalDescendingPath(m.SubPath, path.Child("subPath")))
                {
                    yield return e;
                }
            }
            if (!string.IsNullOrEmpty(m.SubPathExpr))
            {
                if (!string.IsNullOrEmpty(m.SubPath))
                {
                    yield return FieldErrors.Invalid(p.Child("subPathExpr"), m.SubPathExpr, "subPathExpr and subPath are mutually exclusive");
                }
                foreach (var e in PodVolumeRules.LocalDescendingPath(m.SubPathExpr, path.Child("subPathExpr")))
                {
                    yield return e;
                }
            }
            if (m.MountPropagation is { } propagation)
            {
                if (!Propagations.Contains(propagation, StringComparer.Ordinal))
                {
                    yield return FieldErrors.NotSupported(path.Child("mountPropagation"), propagation, Propagations);
                }
                if (propagation == "Bidirectional" && !Privileged(c))
                {
                    yield return FieldErrors.Forbidden(path.Child("mountPropagation"), "Bidirectional mount propagation is available only to privileged containers");
                }
            }
            if (m.RecursiveReadOnly is { } rro)
            {
                var rroPath = path.Child("recursiveReadOnly");
                if (rro is "Enabled" or "IfPossible")
                {
                    if (m.ReadOnly != true)
                    {
                        yield return FieldErrors.Forbidden(rroPath, "may only be specified when readOnly is true");
                    }
                    if (m.MountPropagation is not null and not "None")
                    {
                        yield return FieldErrors.Forbidden(rroPath, "may only be specified when mountPropagation is None or not specified");
                    }
                }
                else if (rro != "Disabled")
                {
                    yield return FieldErrors.NotSupported(rroPath, rro, RecursiveReadOnlyModes);
                }
            }
        }
    }

    public static IEnumerable<FieldError> VolumeDevices(Container c, Dictionary<string, Volume> volumes, FieldPath path)
    {
        var mounts = (c.VolumeMounts ?? []).GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().MountPath, StringComparer.Ordinal);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var devices = c.VolumeDevices ?? [];
        for (var i = 0; i < devices.Count; i++)
        {
            var d = devices[i];
            var p = path.Index(i);
            var matched = volumes.TryGetValue(d.Name, out var volume);
            var isClaim = matched && (volume!.PersistentVolumeClaim is not null || volume.Ephemeral is not null);
            if (d.Name.Length == 0)
            {
                yield return FieldErrors.Required(p.Child("name"));
            }
            if (names.Contains(d.Name))
            {
                yield return FieldErrors.Invalid(p.Child("name"), d.Name, "must be unique");
            }
            if (matched && !isClaim)
            {
                yield return FieldErrors.Invalid(p.Child("name"), d.Name, "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode");
            }
            if (!matched)
            {
                yield return FieldErrors.NotFound(p.Child("name"), d.Name);
            }
            if (d.DevicePath.Length == 0)
            {
                yield return FieldErrors.Required(p.Child("devicePath"));
            }
            if (paths.Contains(d.DevicePath))
            {
                yield return FieldErrors.Invalid(p.Child("devicePath"), d.DevicePath, "must be unique");
            }
            if (d.DevicePath.Length > 0 && d.DevicePath.Split('/').Contains(".."))
            {
                yield return FieldErrors.Invalid(p.Child("devicePath"), d.DevicePath, "can not contain backsteps ('..')");
            }
            else
            {
                paths.Add(d.DevicePath);
            }
            if (mounts.ContainsKey(d.Name))
            {
                yield return FieldErrors.Invalid(p.Child("name"), d.Name, "must not already exist in volumeMounts");
            }
            if (mounts.ContainsValue(d.DevicePath))
            {
                yield return FieldErrors.Invalid(p.Child("devicePath"), d.DevicePath, "must not already exist as a path in volumeMounts");
            }
            if (d.Name.Length > 0)
            {
                names.Add(d.Name);
            }
        }
    }

    private static bool Privileged(Container c) =>
        c.SecurityContext?["privileged"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
}
