using System.Text.Json;
using Stowage.Api.Core;
using Stowage.Api.Defaulting;
using Stowage.Api.Validation;

namespace Stowage.Api.Tests.Validation;

/// <summary>
/// Required strings a body leaves out read as "" (not null, which the source-generated deserializer
/// would otherwise pass for init-only properties), so validation reports them as Kubernetes does.
/// </summary>
public sealed class LeftOutFieldTests
{
    [Fact]
    public void A_hostPath_volume_without_a_path_is_Required_not_a_crash()
    {
        var pv = ApiDefaults.Apply(JsonSerializer.Deserialize(
            """{"metadata":{"name":"pvx"},"spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"hostPath":{}}}""",
            ApiJsonContext.Default.PersistentVolume)!);
        Assert.Equal("", pv.Spec!.HostPath!.Path);
        Causes.AssertExactly(PersistentVolumeValidation.Validate(pv), "spec.hostPath.path: Required value");
    }

    [Fact]
    public void A_mount_without_a_path_and_a_volume_without_a_name_are_Required()
    {
        var pod = ApiDefaults.Apply(JsonSerializer.Deserialize(
            """{"metadata":{"name":"px","namespace":"default"},"spec":{"containers":[{"name":"a","image":"b","volumeMounts":[{"name":"v"}]}],"volumes":[{"name":"v"},{"emptyDir":{}}]}}""",
            ApiJsonContext.Default.Pod)!);
        Causes.AssertExactly(PodValidation.Validate(pod),
            "spec.volumes[1].name: Required value",
            "spec.containers[0].volumeMounts[0].mountPath: Required value");
    }

    [Fact]
    public void Left_out_required_strings_serialise_as_Go_zero_values()
    {
        var mount = JsonSerializer.Deserialize("""{"name":"v"}""", ApiJsonContext.Default.VolumeMount)!;
        Assert.Equal("""{"name":"v","mountPath":""}""", JsonSerializer.Serialize(mount, ApiJsonContext.Default.VolumeMount));
    }
}
