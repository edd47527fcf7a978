using System.Text.Json.Nodes;
using Stowage.Api.Patching;
using Stowage.Api.Schema;

namespace Stowage.Api.Tests.Patching;

public class ServerSideApplyTests
{
    private static readonly DateTimeOffset T1 = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddMinutes(1);
    private static readonly DateTimeOffset T3 = T1.AddMinutes(2);

    private const string PvConfig = """
        {"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0006","labels":{"tier":"gold"}},
         "spec":{"capacity":{"storage":"2Gi"},"accessModes":["ReadWriteOnce"],"storageClassName":"manual","hostPath":{"path":"/data/pv0006"}}}
        """;

    private const string PvFieldsV1 =
        """{"f:metadata":{"f:labels":{"f:tier":{}}},"f:spec":{"f:accessModes":{},"f:capacity":{"f:storage":{}},"f:hostPath":{"f:path":{}},"f:storageClassName":{}}}""";

    [Fact]
    public void Applying_a_new_object_creates_it_owned_by_the_applier()
    {
        var result = Apply(null, PvConfig, "kubectl", T1);

        Assert.True(result.Changed);
        var expected = JsonText.Object(PvConfig);
        expected["metadata"]!["managedFields"] = JsonNode.Parse(
            $$"""[{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2025-01-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":{{PvFieldsV1}}}]""");
        JsonText.Equal(expected.ToJsonString(), result.Object);
        Assert.Equal([("kubectl", "Apply", PvFieldsV1)], Entries(result.Object!));
    }

    [Fact]
    public void Reapplying_without_a_field_removes_it()
    {
        var live = Apply(null, PvConfig, "kubectl", T1).Object;
        var config = JsonText.Object(PvConfig);
        ((JsonObject)config["metadata"]!).Remove("labels");
        ((JsonObject)config["spec"]!).Remove("storageClassName");
        ((JsonObject)config["spec"]!).Remove("hostPath");

        var result = Apply(live, config.ToJsonString(), "kubectl", T2);

        JsonText.Equal(
            """{"name":"pv0006"}""",
            Without(result.Object!["metadata"], "managedFields"));
        JsonText.Equal("""{"capacity":{"storage":"2Gi"},"accessModes":["ReadWriteOnce"]}""", result.Object!["spec"]);
        Assert.Equal([("kubectl", "Apply", """{"f:spec":{"f:accessModes":{},"f:capacity":{"f:storage":{}}}}""")], Entries(result.Object!));
    }

    [Fact]
    public void Reapplying_without_a_field_another_applier_owns_keeps_it()
    {
        var live = Apply(null, PvConfig, "kubectl", T1).Object;
        live = Apply(live, """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0006","labels":{"tier":"gold"}}}""", "ops", T2).Object;
        var config = JsonText.Object(PvConfig);
        ((JsonObject)config["metadata"]!).Remove("labels");

        var result = Apply(live, config.ToJsonString(), "kubectl", T3);

        Assert.Equal("gold", result.Object!["metadata"]!["labels"]!["tier"]!.GetValue<string>());
        Assert.Contains(("ops", "Apply", """{"f:metadata":{"f:labels":{"f:tier":{}}}}"""), Entries(result.Object!));
    }

    [Fact]
    public void A_field_an_updater_took_over_is_not_removed_by_the_applier()
    {
        var live = Apply(null, PvConfig, "kubectl", T1).Object!;
        var labeled = (JsonObject)MergePatch.Apply(live, JsonText.Parse("""{"metadata":{"labels":{"tier":"silver"}}}"""))!;
        labeled["metadata"]!["managedFields"] = ManagedFields.RecordUpdate(live, labeled, "kubectl-label", "v1", T2, TestSchemas.PersistentVolume);
        var config = JsonText.Object(PvConfig);
        ((JsonObject)config["metadata"]!).Remove("labels");

        var result = Apply(labeled, config.ToJsonString(), "kubectl", T3);

        Assert.Equal("silver", result.Object!["metadata"]!["labels"]!["tier"]!.GetValue<string>());
    }

    [Fact]
    public void Dropping_a_struct_keeps_the_parts_another_manager_owns()
    {
        var live = Apply(null, PvConfig, "kubectl", T1).Object;
        live = Apply(live, """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0006"},"spec":{"hostPath":{"type":"Directory"}}}""", "ops", T2).Object;
        var config = JsonText.Object(PvConfig);
        ((JsonObject)config["spec"]!).Remove("hostPath");

        var result = Apply(live, config.ToJsonString(), "kubectl", T3);

        JsonText.Equal("""{"type":"Directory"}""", result.Object!["spec"]!["hostPath"]);
    }

    [Fact]
    public void Fields_nobody_owns_survive_a_prune()
    {
        var live = Apply(null, PvConfig, "kubectl", T1).Object!;
        live["metadata"]!["uid"] = "3c5b";
        live["spec"]!["persistentVolumeReclaimPolicy"] = "Retain";
        var config = JsonText.Object(PvConfig);
        ((JsonObject)config["spec"]!).Remove("storageClassName");

        var result = Apply(live, config.ToJsonString(), "kubectl", T2);

        Assert.Equal("3c5b", result.Object!["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("Retain", result.Object!["spec"]!["persistentVolumeReclaimPolicy"]!.GetValue<string>());
        Assert.Null(result.Object!["spec"]!["storageClassName"]);
    }

    [Fact]
    public void A_status_writer_is_named_with_its_subresource_in_conflicts()
    {
        var live = JsonText.Object(PvConfig);
        live["metadata"]!["managedFields"] = ManagedFields.RecordUpdate(null, live, "kubectl-create", "v1", T1, TestSchemas.PersistentVolume);
        var bound = (JsonObject)MergePatch.Apply(live, JsonText.Parse("""{"status":{"phase":"Bound"}}"""))!;
        bound["metadata"]!["managedFields"] = ManagedFields.RecordUpdate(
            live, bound, "binder", "v1", T2, TestSchemas.PersistentVolume, "status", ResetFields.StatusSubresource(TestSchemas.PersistentVolume));

        var result = ServerSideApply.Apply(
            bound,
            JsonText.Object("""{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0006"},"status":{"phase":"Released"}}"""),
            "ops",
            false,
            TestSchemas.PersistentVolume,
            T3,
            "status");

        Assert.Equal("Apply failed with 1 conflict: conflict with \"binder\" with subresource \"status\" using v1: .status.phase", result.ConflictMessage);
    }

    [Fact]
    public void Two_appliers_setting_different_values_conflict()
    {
        var live = Apply(null, PvConfig, "a", T1).Object;

        var result = Apply(live, """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0006"},"spec":{"capacity":{"storage":"4Gi"}}}""", "b", T2);

        Assert.False(result.Succeeded);
        Assert.Null(result.Object);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"a\": .spec.capacity.storage", result.ConflictMessage);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(("a", ManagedFieldsOperation.Apply, "conflict with \"a\"", ".spec.capacity.storage"), (conflict.Manager, conflict.Operation, conflict.Message, conflict.Field));
    }

    [Fact]
    public void Appliers_setting_the_same_value_share_it()
    {
        var live = Apply(null, PvConfig, "a", T1).Object;

        var result = Apply(live, """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0006"},"spec":{"capacity":{"storage":"2Gi"}}}""", "b", T2);

        Assert.True(result.Succeeded);
        Assert.False(result.Changed);
        // A manager whose apply changes nothing gets no time, so it sorts first (as in Kubernetes).
        Assert.Equal([("b", "Apply", """{"f:spec":{"f:capacity":{"f:storage":{}}}}"""), ("a", "Apply", PvFieldsV1)], Entries(result.Object!));
    }

    [Fact]
    public void Forcing_moves_ownership_of_contested_fields()
    {
        var live = Apply(null, PvConfig, "a", T1).Object;

        var result = Apply(live, """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0006"},"spec":{"capacity":{"storage":"4Gi"}}}""", "b", T2, force: true);

        Assert.Equal("4Gi", result.Object!["spec"]!["capacity"]!["storage"]!.GetValue<string>());
        Assert.Equal(
            [
                ("a", "Apply", PvFieldsV1.Replace("\"f:capacity\":{\"f:storage\":{}},", "", StringComparison.Ordinal)),
                ("b", "Apply", """{"f:spec":{"f:capacity":{"f:storage":{}}}}"""),
            ],
            Entries(result.Object!));
    }

    // kubectl-protocol.md §4.5: a PV written by client-side apply, then server-side applied with a
    // changed capacity. kube-apiserver forgives "kubectl" conflicts over values the last-applied
    // annotation still matches (the upgrade path), so the conflict shows when the annotation is stale
    // or the manager has another name.
    [Theory]
    [InlineData("kubectl", "1Gi")]
    [InlineData("ops", "2Gi")]
    public void Server_side_apply_over_client_side_apply_conflicts_as_kubectl_shows(string manager, string lastAppliedStorage)
    {
        var live = CreatedByClientSideApply(lastAppliedStorage);

        var result = Apply(live, ClientSideManifest("4Gi"), manager, T2);

        Assert.Equal(
            "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using v1: .spec.capacity.storage",
            result.ConflictMessage);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(
            ("kubectl-client-side-apply", ManagedFieldsOperation.Update, "v1", "conflict with \"kubectl-client-side-apply\" using v1", ".spec.capacity.storage"),
            (conflict.Manager, conflict.Operation, conflict.ApiVersion, conflict.Message, conflict.Field));
    }

    [Fact]
    public void Kubectl_takes_over_fields_client_side_apply_left_as_last_applied()
    {
        var live = CreatedByClientSideApply("2Gi");

        var result = Apply(live, ClientSideManifest("4Gi"), "kubectl", T2);

        Assert.True(result.Succeeded);
        Assert.Equal("4Gi", result.Object!["spec"]!["capacity"]!["storage"]!.GetValue<string>());
        var entries = Entries(result.Object!);
        Assert.Equal(("kubectl", "Apply"), (entries[0].Manager, entries[0].Operation));
        Assert.Contains("f:storage", entries[0].FieldsV1, StringComparison.Ordinal);
        Assert.DoesNotContain("f:storage", entries[1].FieldsV1, StringComparison.Ordinal);
        Assert.Equal(
            "{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolume\",\"metadata\":{\"labels\":{\"tier\":\"gold\"},\"name\":\"pv0004\"},\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],\"capacity\":{\"storage\":\"4Gi\"},\"hostPath\":{\"path\":\"/data/pv0004\"}}}\n",
            result.Object!["metadata"]!["annotations"]![ServerSideApply.LastAppliedAnnotation]!.GetValue<string>());
    }

    [Fact]
    public void Kubectls_follow_up_last_applied_apply_meets_no_conflict()
    {
        var upgraded = Apply(CreatedByClientSideApply("2Gi"), ClientSideManifest("4Gi"), "kubectl", T2).Object!;
        var annotation = upgraded["metadata"]!["annotations"]![ServerSideApply.LastAppliedAnnotation]!.GetValue<string>();
        var config = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "PersistentVolume",
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject { [ServerSideApply.LastAppliedAnnotation] = annotation },
                ["name"] = "pv0004",
            },
        };

        var result = Apply(upgraded, config.ToJsonString(), "kubectl-last-applied", T3);

        Assert.True(result.Succeeded);
        Assert.False(result.Changed);
    }

    [Fact]
    public void Several_conflicts_are_listed_per_manager()
    {
        var live = CreatedByClientSideApply("2Gi");
        live = Apply(live, """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0004"},"spec":{"storageClassName":"manual"}}""", "a", T2).Object;

        var result = Apply(
            live,
            """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0004","labels":{"tier":"silver"}},"spec":{"capacity":{"storage":"4Gi"},"storageClassName":"fast"}}""",
            "b",
            T3);

        Assert.Equal(
            "Apply failed with 3 conflicts: conflicts with \"a\":\n- .spec.storageClassName\n"
            + "conflicts with \"kubectl-client-side-apply\" using v1:\n- .metadata.labels.tier\n- .spec.capacity.storage",
            result.ConflictMessage);
        Assert.Equal(
            [
                ("conflict with \"a\"", ".spec.storageClassName"),
                ("conflict with \"kubectl-client-side-apply\" using v1", ".metadata.labels.tier"),
                ("conflict with \"kubectl-client-side-apply\" using v1", ".spec.capacity.storage"),
            ],
            result.Conflicts.Select(c => (c.Message, c.Field)));
    }

    [Fact]
    public void Map_lists_merge_by_key_and_an_item_leaves_with_its_only_applier()
    {
        var live = Apply(null, PodConfig("""[{"name":"c1","image":"x"}]"""), "a", T1, TestSchemas.Pod).Object;
        live = Apply(live, PodConfig("""[{"name":"c2","image":"y"}]"""), "b", T2, TestSchemas.Pod).Object;

        JsonText.Equal("""[{"name":"c1","image":"x"},{"name":"c2","image":"y"}]""", live!["spec"]!["containers"]);
        Assert.Contains(("b", "Apply", """{"f:spec":{"f:containers":{"k:{\"name\":\"c2\"}":{".":{},"f:image":{},"f:name":{}}}}}"""), Entries(live));

        var result = Apply(live, """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}""", "a", T3, TestSchemas.Pod);

        JsonText.Equal("""[{"name":"c2","image":"y"}]""", result.Object!["spec"]!["containers"]);
    }

    [Fact]
    public void A_port_applied_without_protocol_is_the_live_tcp_port()
    {
        var live = Apply(null, PodConfig("""[{"name":"c1","ports":[{"containerPort":80,"protocol":"TCP"}]}]"""), "a", T1, TestSchemas.Pod).Object;

        var result = Apply(live, PodConfig("""[{"name":"c1","ports":[{"containerPort":80,"name":"http"}]}]"""), "b", T2, TestSchemas.Pod);

        JsonText.Equal("""[{"containerPort":80,"protocol":"TCP","name":"http"}]""", result.Object!["spec"]!["containers"]![0]!["ports"]);
    }

    [Fact]
    public void Set_lists_are_unions_of_what_each_applier_applies()
    {
        var live = Apply(null, """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv","finalizers":["a.io/x"]}}""", "a", T1).Object;

        var result = Apply(live, """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv","finalizers":["b.io/y"]}}""", "b", T2);

        JsonText.Equal("""["a.io/x","b.io/y"]""", result.Object!["metadata"]!["finalizers"]);
        Assert.Contains(("b", "Apply", """{"f:metadata":{"f:finalizers":{"v:\"b.io/y\"":{}}}}"""), Entries(result.Object!));
    }

    [Fact]
    public void Atomic_lists_are_owned_and_replaced_whole()
    {
        var live = Apply(null, PvConfig, "a", T1).Object;
        var config = """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0006"},"spec":{"accessModes":["ReadWriteMany"]}}""";

        Assert.Equal(".spec.accessModes", Assert.Single(Apply(live, config, "b", T2).Conflicts).Field);
        JsonText.Equal("""["ReadWriteMany"]""", Apply(live, config, "b", T2, force: true).Object!["spec"]!["accessModes"]);
    }

    [Fact]
    public void Reapplying_the_same_configuration_changes_nothing()
    {
        var live = Apply(null, PvConfig, "kubectl", T1).Object;

        var result = Apply(live, PvConfig, "kubectl", T2);

        Assert.False(result.Changed);
        JsonText.Equal(live!.ToJsonString(), result.Object);
    }

    [Fact]
    public void Reset_fields_are_applied_but_never_owned()
    {
        var config = """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv"},"spec":{"storageClassName":"x"},"status":{"phase":"Bound"}}""";

        var result = ServerSideApply.Apply(null, JsonText.Object(config), "kubectl", false, TestSchemas.PersistentVolume, T1, resetFields: ResetFields.MainResource);

        Assert.Equal([("kubectl", "Apply", """{"f:spec":{"f:storageClassName":{}}}""")], Entries(result.Object!));
    }

    public static TheoryData<string, string?, string> Rejected => new()
    {
        {
            """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv","managedFields":[]}}""", null,
            "metadata.managedFields must be nil"
        },
        {
            """{"apiVersion":"v2","kind":"PersistentVolume","metadata":{"name":"pv"}}""", """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv"}}""",
            "Incorrect version specified in apply patch. Specified patch version: v2, expected: v1"
        },
        {
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"image":"x"}]}}""", null,
            "associative list with keys has an element that omits key field \"name\" (and doesn't have default value)"
        },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejects_configurations_kube_apiserver_rejects(string config, string? live, string message)
    {
        var error = Assert.Throws<PatchException>(() =>
            ServerSideApply.Apply(live is null ? null : JsonText.Object(live), JsonText.Object(config), "kubectl", false, TestSchemas.Pod, T1));

        Assert.Equal((PatchErrorReason.BadRequest, message), (error.Reason, error.Message));
    }

    [Fact]
    public void Leaves_the_inputs_untouched()
    {
        var live = Apply(null, PvConfig, "a", T1).Object!;
        var before = live.ToJsonString();
        var config = JsonText.Object("""{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0006"}}""");

        ServerSideApply.Apply(live, config, "a", false, TestSchemas.PersistentVolume, T2);

        Assert.Equal(before, live.ToJsonString());
        Assert.Equal("""{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0006"}}""", config.ToJsonString());
    }

    private static ApplyResult Apply(JsonObject? live, string config, string manager, DateTimeOffset now, SchemaNode? schema = null, bool force = false) =>
        ServerSideApply.Apply(live, JsonText.Object(config), manager, force, schema ?? TestSchemas.PersistentVolume, now);

    private static string PodConfig(string containers) =>
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":""" + containers + "}}";

    private static string ClientSideManifest(string storage) =>
        """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0004","labels":{"tier":"gold"}},"spec":{"capacity":{"storage":""" + "\"" + storage + "\""
        + """},"accessModes":["ReadWriteOnce"],"hostPath":{"path":"/data/pv0004"}}}""";

    // kubectl apply (client-side) POSTs the manifest with itself in the last-applied annotation;
    // lastAppliedStorage lets a test make that annotation stale.
    private static JsonObject CreatedByClientSideApply(string lastAppliedStorage)
    {
        var created = JsonText.Object(ClientSideManifest("2Gi"));
        created["metadata"]!["annotations"] = new JsonObject
        {
            [ServerSideApply.LastAppliedAnnotation] = JsonText.Object(ClientSideManifest(lastAppliedStorage)).ToJsonString() + "\n",
        };
        created["metadata"]!["managedFields"] = ManagedFields.RecordUpdate(null, created, "kubectl-client-side-apply", "v1", T1, TestSchemas.PersistentVolume);
        return created;
    }

    private static JsonNode? Without(JsonNode? obj, string key)
    {
        var copy = (JsonObject)obj!.DeepClone();
        copy.Remove(key);
        return copy;
    }

    private static List<(string Manager, string Operation, string FieldsV1)> Entries(JsonObject obj) =>
        (obj["metadata"]!["managedFields"] as JsonArray ?? [])
            .Select(e => (e!["manager"]!.GetValue<string>(), e["operation"]!.GetValue<string>(), FieldSet.FromFieldsV1(e["fieldsV1"]).ToFieldsV1Json()))
            .ToList();
}
