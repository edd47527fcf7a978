using System.Text.Json;
using Stowage.Api.Core;
using Stowage.Api.Defaulting;
using Stowage.Api.Validation;

namespace Stowage.Api.Tests.Validation;

/// <summary>
/// The pod manifests of the seed documents (shared/seeds/002 and 003), decoded through the API's
/// JSON contract, defaulted as the server does, and validated. Where a page is wrong as printed,
/// Kubernetes rejects it too and the case asserts its causes; the intended manifest is tested
/// beside it.
/// </summary>
public sealed class SeedPodManifestTests
{
    private static readonly Dictionary<string, string> ValidPods = new()
    {
        // 002: two busybox containers sharing the emptyDir cache-volume.
        ["002 test-pd"] = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"test-pd"},"spec":{"containers":[{"image":"busybox","name":"test-conta","volumeMounts":[{"mountPath":"/cache","name":"cache-volume"}],"args":["/bin/sh","-c","echo \"hello world\" > /cache/hello ; sleep 3000"]},{"image":"busybox","name":"read-conta","volumeMounts":[{"mountPath":"/cache","name":"cache-volume"}],"args":["/bin/sh","-c","cat /cache/hello; sleep 3000"]}],"volumes":[{"name":"cache-volume","emptyDir":{}}]}}""",
        // 002 nfs-pod.yml: the claim mypvc1 mounted at /data.
        ["002 mypod1"] = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"mypod1"},"spec":{"containers":[{"name":"mypod1","image":"busybox","args":["/bin/sh","-c","sleep 30000"],"volumeMounts":[{"mountPath":"/data","name":"mydata"}]}],"volumes":[{"name":"mydata","persistentVolumeClaim":{"claimName":"mypvc1"}}]}}""",
        // 002: the kube-apiserver pod's hostPath volumes k8s, certs and pki.
        ["002 hostPath k8s certs pki"] = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"kube-apiserver-k8s-master"},"spec":{"containers":[{"name":"kube-apiserver","image":"k8s.gcr.io/kube-apiserver:v1.13.1","volumeMounts":[{"mountPath":"/etc/kubernetes","name":"k8s","readOnly":true},{"mountPath":"/etc/ssl/certs","name":"certs","readOnly":true},{"mountPath":"/etc/pki","name":"pki","readOnly":true}]}],"volumes":[{"name":"k8s","hostPath":{"path":"/etc/kubernetes","type":"DirectoryOrCreate"}},{"name":"certs","hostPath":{"path":"/etc/ssl/certs","type":"DirectoryOrCreate"}},{"name":"pki","hostPath":{"path":"/etc/pki","type":"DirectoryOrCreate"}}]}}""",
        // 002: the OSS flexVolume of the nginx Deployment's pod template ("***" credentials as strings).
        ["002 flexVolume alicloud/oss"] = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx-oss","labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx-flexvolume-oss","image":"nginx","volumeMounts":[{"name":"oss1","mountPath":"/data"}],"livenessProbe":{"exec":{"command":["sh","-c","cd /data"]},"initialDelaySeconds":30,"periodSeconds":30}}],"volumes":[{"name":"oss1","flexVolume":{"driver":"alicloud/oss","options":{"bucket":"docker","url":"oss-cn-hangzhou.aliyuncs.com","akId":"***","akSecret":"***","otherOpts":"-o max_stat_cache_size=0 -o allow_other"}}}]}}""",
        // 003 6.2.1 as intended ("mountpath" and the undeclared "vol" repaired).
        ["003 test1 as intended"] = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"test1"},"spec":{"containers":[{"image":"192.168.2.7:5000/go_serv:1.0","name":"ctn1","volumeMounts":[{"name":"vol1","mountPath":"/tmp"}]},{"image":"192.168.2.7:5000/go_serv:1.0","name":"ctn2","volumeMounts":[{"name":"vol1","mountPath":"/mnt","readOnly":true}],"ports":[{"containerPort":9190,"protocol":"TCP"}]}],"volumes":[{"name":"vol1","emptyDir":{}}]}}""",
        // 003 6.2.1: emptyDir on tmpfs.
        ["003 emptyDir medium Memory"] = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"mem"},"spec":{"containers":[{"image":"busybox","name":"c","volumeMounts":[{"name":"vol1","mountPath":"/tmp"}]}],"volumes":[{"name":"vol1","emptyDir":{"medium":"Memory"}}]}}""",
        // 003 6.2.2 as intended (volumeMounts as a list, mountPath, revision).
        ["003 vol-repo gitRepo as intended"] = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"vol-repo"},"spec":{"containers":[{"image":"192.168.2.7:5000/go_serv","name":"repo","volumeMounts":[{"name":"repo","mountPath":"/tmp","readOnly":true}]}],"volumes":[{"name":"repo","gitRepo":{"repository":"https://github.com/haochen233/words.git","revision":"master","directory":"."}}]}}""",
    };

    public static TheoryData<string> ValidPodNames => new(ValidPods.Keys);

    private static Pod Decode(string json)
    {
        var pod = JsonSerializer.Deserialize(json, ApiJsonContext.Default.Pod)!;
        // The namespace comes from the request path (kubectl's current namespace).
        return ApiDefaults.Apply(pod with { Metadata = pod.Metadata with { Namespace = "default" } });
    }

    [Theory]
    [MemberData(nameof(ValidPodNames))]
    public void Seed_pod_is_valid_after_defaulting(string name) =>
        Causes.AssertNone(PodValidation.Validate(Decode(ValidPods[name])));

    [Fact]
    public void Seed_003_test1_as_printed_is_rejected_for_its_typo_and_undeclared_volume()
    {
        // "mountpath" is not a field (JSON names are case-sensitive) and ctn2 mounts "vol", not "vol1".
        const string printed = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"test1"},"spec":{"containers":[{"image":"192.168.2.7:5000/go_serv:1.0","name":"ctn1","volumeMounts":[{"name":"vol1","mountpath":"/tmp"}]},{"image":"192.168.2.7:5000/go_serv:1.0","name":"ctn2","volumeMounts":[{"name":"vol","mountPath":"/mnt","readOnly":true}],"ports":[{"containerPort":9190,"protocol":"TCP"}]}],"volumes":[{"name":"vol1","emptyDir":{}}]}}""";
        Causes.AssertExactly(PodValidation.Validate(Decode(printed)),
            "spec.containers[0].volumeMounts[0].mountPath: Required value",
            "spec.containers[1].volumeMounts[0].name: Not found: \"vol\"");
    }

    [Fact]
    public void The_seed_pods_get_the_pull_policy_their_tags_ask_for()
    {
        Assert.Equal("IfNotPresent", Decode(ValidPods["003 test1 as intended"]).Spec!.Containers![0].ImagePullPolicy);
        Assert.Equal("Always", Decode(ValidPods["003 vol-repo gitRepo as intended"]).Spec!.Containers![0].ImagePullPolicy);
    }
}
