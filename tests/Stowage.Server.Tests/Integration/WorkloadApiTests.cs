using System.Text.Json.Nodes;

namespace Stowage.Server.Tests.Integration;

/// <summary>Workload kinds over real HTTPS: defaults, validation texts, generation, scale, discovery, cascading-deletion finalizers.</summary>
public sealed class WorkloadApiTests : IClassFixture<ApiServerFixture>
{
    private readonly ApiServerFixture _fx;

    public WorkloadApiTests(ApiServerFixture fx) => _fx = fx;

    private HttpClient C => _fx.Client;

    private static string Deployment(string name, string selector = "{\"matchLabels\":{\"app\":\"web\"}}", string labels = "{\"app\":\"web\"}", string extra = "") =>
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\"},"
        + "\"spec\":{\"replicas\":2,\"selector\":" + selector + extra
        + ",\"template\":{\"metadata\":{\"labels\":" + labels + "},\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.25\"}]}}}}";

    [Fact]
    public async Task A_deployment_gets_apps_v1_defaults_and_generation_one()
    {
        var (code, d, _) = await C.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", Deployment("defaults"));
        Assert.Equal(201, code);
        var spec = d!["spec"]!;
        Assert.Equal("RollingUpdate", spec["strategy"]!["type"]!.GetValue<string>());
        Assert.Equal("25%", spec["strategy"]!["rollingUpdate"]!["maxSurge"]!.GetValue<string>());
        Assert.Equal("25%", spec["strategy"]!["rollingUpdate"]!["maxUnavailable"]!.GetValue<string>());
        Assert.Equal(10, spec["revisionHistoryLimit"]!.GetValue<int>());
        Assert.Equal(600, spec["progressDeadlineSeconds"]!.GetValue<int>());
        Assert.Equal("Always", spec["template"]!["spec"]!["restartPolicy"]!.GetValue<string>());
        Assert.Null(spec["template"]!["spec"]!["enableServiceLinks"]);
        Assert.Equal(1, d["metadata"]!["generation"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_deployment_without_a_selector_is_invalid_with_kubernetes_texts()
    {
        var body = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"nosel"},
             "spec":{"template":{"metadata":{"labels":{"app":"x"}},"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"i"}]}}}}
            """;
        var (code, status, _) = await C.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", body);
        Assert.Equal(422, code);
        Assert.Equal(
            "Deployment.apps \"nosel\" is invalid: [spec.selector: Required value, spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"]",
            status!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_selector_that_does_not_match_the_template_is_invalid()
    {
        var (code, status, _) = await C.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", Deployment("mismatch", labels: """{"app":"other"}"""));
        Assert.Equal(422, code);
        Assert.Equal(
            "Deployment.apps \"mismatch\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`",
            status!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Zero_surge_and_zero_unavailable_is_invalid()
    {
        var extra = ""","strategy":{"rollingUpdate":{"maxSurge":0,"maxUnavailable":"0%"}}""";
        var (code, status, _) = await C.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", Deployment("nosurge", extra: extra));
        Assert.Equal(422, code);
        Assert.Equal(
            "Deployment.apps \"nosurge\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"0%\"}: may not be 0 when `maxSurge` is 0",
            status!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_selector_of_a_deployment_is_immutable_and_spec_changes_bump_the_generation()
    {
        await C.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", Deployment("immutable"));
        var (code, status, _) = await C.SendAsync(HttpMethod.Patch, "/apis/apps/v1/namespaces/default/deployments/immutable",
            """{"spec":{"selector":{"matchLabels":{"app":"web","tier":"x"}},"template":{"metadata":{"labels":{"app":"web","tier":"x"}}}}}""", "application/merge-patch+json");
        Assert.Equal(422, code);
        Assert.Contains("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", \"tier\":\"x\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable",
            status!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var (_, d, _) = await C.SendAsync(HttpMethod.Patch, "/apis/apps/v1/namespaces/default/deployments/immutable", """{"spec":{"replicas":5}}""", "application/merge-patch+json");
        Assert.Equal(2, d!["metadata"]!["generation"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_scale_subresource_reads_and_patches_replicas()
    {
        await C.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", Deployment("scaled"));
        var (code, scale, _) = await C.SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/default/deployments/scaled/scale");
        Assert.Equal(200, code);
        Assert.Equal("autoscaling/v1", scale!["apiVersion"]!.GetValue<string>());
        Assert.Equal("Scale", scale["kind"]!.GetValue<string>());
        Assert.Equal(2, scale["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("app=web", scale["status"]!["selector"]!.GetValue<string>());
        (code, scale, _) = await C.SendAsync(HttpMethod.Patch, "/apis/apps/v1/namespaces/default/deployments/scaled/scale", """{"spec":{"replicas":4}}""", "application/merge-patch+json");
        Assert.Equal(200, code);
        Assert.Equal(4, scale!["spec"]!["replicas"]!.GetValue<int>());
        var (_, d, _) = await C.SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/default/deployments/scaled");
        Assert.Equal(4, d!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(2, d["metadata"]!["generation"]!.GetValue<int>());
        (code, var status, _) = await C.SendAsync(HttpMethod.Patch, "/apis/apps/v1/namespaces/default/deployments/scaled/scale", """{"spec":{"replicas":-1}}""", "application/merge-patch+json");
        Assert.Equal(422, code);
        Assert.Equal("Scale.autoscaling \"scaled\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0", status!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_lists_the_workloads_with_short_names_and_a_scale_subresource_of_kind_Scale()
    {
        var (_, apps, _) = await C.SendAsync(HttpMethod.Get, "/apis/apps/v1");
        var resources = apps!["resources"]!.AsArray();
        var deployments = resources.Single(r => r!["name"]!.GetValue<string>() == "deployments")!;
        Assert.Equal("deploy", deployments["shortNames"]![0]!.GetValue<string>());
        Assert.Equal("all", deployments["categories"]![0]!.GetValue<string>());
        var scale = resources.Single(r => r!["name"]!.GetValue<string>() == "deployments/scale")!;
        Assert.Equal("autoscaling", scale["group"]!.GetValue<string>());
        Assert.Equal("Scale", scale["kind"]!.GetValue<string>());
        Assert.Contains(resources, r => r!["name"]!.GetValue<string>() == "replicasets/scale");
        var (_, core, _) = await C.SendAsync(HttpMethod.Get, "/api/v1");
        var rc = core!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "replicationcontrollers")!;
        Assert.Equal("rc", rc["shortNames"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_with_propagation_Orphan_or_Foreground_leaves_the_owner_with_the_finalizer()
    {
        await C.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", Deployment("orphaned"));
        var (code, d, _) = await C.SendAsync(HttpMethod.Delete, "/apis/apps/v1/namespaces/default/deployments/orphaned", """{"propagationPolicy":"Orphan"}""");
        Assert.Equal(200, code);
        Assert.Equal(["orphan"], d!["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.NotNull(d["metadata"]!["deletionTimestamp"]);

        await C.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", Deployment("foreground"));
        (_, d, _) = await C.SendAsync(HttpMethod.Delete, "/apis/apps/v1/namespaces/default/deployments/foreground", """{"propagationPolicy":"Foreground"}""");
        Assert.Equal(["foregroundDeletion"], d!["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));

        await C.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", Deployment("background"));
        (code, _, _) = await C.SendAsync(HttpMethod.Delete, "/apis/apps/v1/namespaces/default/deployments/background", """{"propagationPolicy":"Background"}""");
        Assert.Equal(200, code);
        (code, _, _) = await C.SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/default/deployments/background");
        Assert.Equal(404, code);
    }

    [Fact]
    public async Task A_replication_controller_infers_its_selector_and_orphans_by_default()
    {
        var body = """
            {"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"rc1"},
             "spec":{"template":{"metadata":{"labels":{"app":"registry"}},"spec":{"containers":[{"name":"c","image":"registry:2"}]}}}}
            """;
        var (code, rc, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/replicationcontrollers", body);
        Assert.Equal(201, code);
        Assert.Equal("registry", rc!["spec"]!["selector"]!["app"]!.GetValue<string>());
        Assert.Equal("registry", rc["metadata"]!["labels"]!["app"]!.GetValue<string>());
        Assert.Equal(1, rc["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(0, rc["status"]!["replicas"]!.GetValue<int>());
        var (_, deleted, _) = await C.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/replicationcontrollers/rc1");
        Assert.Equal(["orphan"], deleted!["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
    }
}
