using System.Text.RegularExpressions;

namespace Stowage.Server.Tests.OpenApi;

/// <summary>
/// The real kubectl 1.32 reads our OpenAPI v3 documents: explain renders the Kubernetes
/// descriptions, and create delegates validation to the server (fieldValidation=Strict) because
/// the PATCH operations declare the parameter.
/// </summary>
public sealed partial class KubectlExplainTests : IClassFixture<FakeKubernetesApiFixture>
{
    private readonly FakeKubernetesApi _api;

    public KubectlExplainTests(FakeKubernetesApiFixture fixture) => _api = fixture.Api;

    [Fact]
    public async Task Explain_access_modes_prints_the_kubernetes_description()
    {
        using var kubectl = new Kubectl(_api.BaseAddress);

        var (exit, stdout, stderr) = await kubectl.RunAsync("explain", "pv.spec.accessModes");

        Assert.True(exit == 0, stderr);
        Assert.Contains("KIND:       PersistentVolume", stdout, StringComparison.Ordinal);
        Assert.Contains("VERSION:    v1", stdout, StringComparison.Ordinal);
        Assert.Contains("FIELD: accessModes <[]string>", stdout, StringComparison.Ordinal);
        Assert.Contains(
            "accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes",
            Flatten(stdout), StringComparison.Ordinal);
        Assert.Contains("GET /openapi/v3/api/v1?hash=", string.Join('\n', _api.Requests), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_storage_class_names_its_group()
    {
        using var kubectl = new Kubectl(_api.BaseAddress);

        var (exit, stdout, stderr) = await kubectl.RunAsync("explain", "sc");

        Assert.True(exit == 0, stderr);
        Assert.Contains("GROUP:      storage.k8s.io", stdout, StringComparison.Ordinal);
        Assert.Contains("KIND:       StorageClass", stdout, StringComparison.Ordinal);
        Assert.Contains("provisioner\t<string> -required-", stdout, StringComparison.Ordinal);
        Assert.Contains("StorageClass describes the parameters for a class of storage", Flatten(stdout), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_enum_field_lists_its_values()
    {
        using var kubectl = new Kubectl(_api.BaseAddress);

        var (exit, stdout, stderr) = await kubectl.RunAsync("explain", "pv.spec.persistentVolumeReclaimPolicy");

        Assert.True(exit == 0, stderr);
        Assert.Contains("FIELD: persistentVolumeReclaimPolicy <string>", stdout, StringComparison.Ordinal);
        Assert.Contains("ENUM:", stdout, StringComparison.Ordinal);
        Assert.Contains("Retain", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_recursive_lists_nested_fields()
    {
        using var kubectl = new Kubectl(_api.BaseAddress);

        var (exit, stdout, stderr) = await kubectl.RunAsync("explain", "pv", "--recursive");

        Assert.True(exit == 0, stderr);
        Assert.Matches(@"\n  spec\t<PersistentVolumeSpec>\n", stdout);
        Assert.Matches(@"\n    accessModes\t<\[\]string>\n", stdout);
        Assert.Matches(@"\n    hostPath\t<HostPathVolumeSource>\n      path\t<string> -required-\n", stdout);
        Assert.Matches(@"\n    ownerReferences\t<\[\]OwnerReference>\n      apiVersion\t<string> -required-\n", stdout);
    }

    [Fact]
    public async Task Explain_unknown_field_fails()
    {
        using var kubectl = new Kubectl(_api.BaseAddress);

        var (exit, _, stderr) = await kubectl.RunAsync("explain", "pv.spec.nope");

        Assert.Equal(1, exit);
        Assert.Contains("error: field \"nope\" does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_delegates_validation_to_the_server_with_field_validation_strict()
    {
        using var kubectl = new Kubectl(_api.BaseAddress);
        var manifest = kubectl.WriteFile("pv.json", """
            {"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0003","labels":{"type":"local"}},
             "spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"hostPath":{"path":"/tmp/pv0003"}}}
            """);

        var (exit, stdout, stderr) = await kubectl.RunAsync("create", "-f", manifest);

        Assert.True(exit == 0, stderr);
        Assert.Contains("persistentvolume/pv0003 created", stdout, StringComparison.Ordinal);
        var post = Assert.Single(_api.Requests, r => r.StartsWith("POST /api/v1/persistentvolumes", StringComparison.Ordinal));
        Assert.Contains("fieldValidation=Strict", post, StringComparison.Ordinal);
        Assert.DoesNotContain(_api.Requests, r => r.StartsWith("GET /openapi/v2", StringComparison.Ordinal));
    }

    // explain wraps descriptions at 80 columns: compare text with runs of whitespace as one space.
    private static string Flatten(string text) => Whitespace().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
