using System.Text.Json.Nodes;
using Stowage.Api.Patching;

namespace Stowage.Api.Tests.Patching;

public class ManagedFieldsTests
{
    private static readonly DateTimeOffset T1 = new(2025, 1, 2, 3, 4, 5, 600, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddMinutes(1);

    // A PV as kubectl apply (client-side) creates it.
    private const string CreatedPv = """
        {"apiVersion":"v1","kind":"PersistentVolume",
         "metadata":{"name":"pv0004","labels":{"tier":"gold"},
                     "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}\n"}},
         "spec":{"capacity":{"storage":"2Gi"},"accessModes":["ReadWriteOnce"],"hostPath":{"path":"/data/pv0004"}}}
        """;

    private const string CsaFieldsV1 =
        """{"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}},"f:labels":{".":{},"f:tier":{}}},"f:spec":{"f:accessModes":{},"f:capacity":{".":{},"f:storage":{}},"f:hostPath":{".":{},"f:path":{}}}}""";

    [Fact]
    public void A_create_is_owned_by_its_manager_as_kube_apiserver_records_it()
    {
        var managedFields = ManagedFields.RecordUpdate(null, JsonText.Object(CreatedPv), "kubectl-client-side-apply", "v1", T1, TestSchemas.PersistentVolume);

        JsonText.Equal(
            $$"""[{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"v1","time":"2025-01-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":{{CsaFieldsV1}}}]""",
            managedFields);
        Assert.Equal(CsaFieldsV1, FieldSet.FromFieldsV1(managedFields![0]!["fieldsV1"]).ToFieldsV1Json());
    }

    [Fact]
    public void A_created_pod_owns_its_containers_by_key_as_kubectl_run_shows()
    {
        var pod = JsonText.Object("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx","labels":{"run":"nginx"}},
             "spec":{"containers":[{"name":"nginx","image":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}]}],"restartPolicy":"Always"}}
            """);

        var managedFields = ManagedFields.RecordUpdate(null, pod, "kubectl-run", "v1", T1, TestSchemas.Pod);

        Assert.Equal(
            [("kubectl-run", """{"f:metadata":{"f:labels":{".":{},"f:run":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{".":{},"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}}}},"f:restartPolicy":{}}}""")],
            Entries(managedFields));
    }

    [Fact]
    public void A_label_added_by_kubectl_label_is_owned_by_kubectl_label()
    {
        var stored = Created();
        var patched = (JsonObject)MergePatch.Apply(stored, JsonText.Parse("""{"metadata":{"labels":{"disktype":"ssd"}}}"""))!;

        var managedFields = ManagedFields.RecordUpdate(stored, patched, "kubectl-label", "v1", T2, TestSchemas.PersistentVolume);

        Assert.Equal(
            [("kubectl-client-side-apply", CsaFieldsV1), ("kubectl-label", """{"f:metadata":{"f:labels":{"f:disktype":{}}}}""")],
            Entries(managedFields));
        Assert.Equal("2025-01-02T03:05:05Z", managedFields![1]!["time"]!.GetValue<string>());
    }

    [Fact]
    public void Overwriting_a_label_takes_it_from_its_previous_owner()
    {
        var stored = Created();
        var patched = (JsonObject)MergePatch.Apply(stored, JsonText.Parse("""{"metadata":{"labels":{"tier":"silver"}}}"""))!;

        var managedFields = ManagedFields.RecordUpdate(stored, patched, "kubectl-label", "v1", T2, TestSchemas.PersistentVolume);

        Assert.Equal(
            [
                ("kubectl-client-side-apply", CsaFieldsV1.Replace("\"f:labels\":{\".\":{},\"f:tier\":{}}", "\"f:labels\":{}", StringComparison.Ordinal)),
                ("kubectl-label", """{"f:metadata":{"f:labels":{"f:tier":{}}}}"""),
            ],
            Entries(managedFields));
    }

    [Fact]
    public void Removing_a_label_drops_it_and_a_manager_left_with_nothing()
    {
        var stored = Created();
        var labeled = (JsonObject)MergePatch.Apply(stored, JsonText.Parse("""{"metadata":{"labels":{"disktype":"ssd"}}}"""))!;
        labeled = With(labeled, ManagedFields.RecordUpdate(stored, labeled, "kubectl-label", "v1", T2, TestSchemas.PersistentVolume));
        var unlabeled = (JsonObject)MergePatch.Apply(labeled, JsonText.Parse("""{"metadata":{"labels":{"disktype":null}}}"""))!;

        var managedFields = ManagedFields.RecordUpdate(labeled, unlabeled, "kubectl-label", "v1", T2.AddMinutes(1), TestSchemas.PersistentVolume);

        Assert.Equal([("kubectl-client-side-apply", CsaFieldsV1)], Entries(managedFields));
    }

    [Fact]
    public void A_write_that_changes_nothing_leaves_managed_fields_as_they_were()
    {
        var stored = Created();
        var same = (JsonObject)stored.DeepClone();
        same["metadata"]!["resourceVersion"] = "42";

        var managedFields = ManagedFields.RecordUpdate(stored, same, "kubectl-replace", "v1", T2, TestSchemas.PersistentVolume);

        JsonText.Equal(stored["metadata"]!["managedFields"]!.ToJsonString(), managedFields);
    }

    [Fact]
    public void Server_owned_metadata_is_never_recorded()
    {
        var stored = Created();
        var changed = (JsonObject)stored.DeepClone();
        changed["metadata"]!["uid"] = "u-1";
        changed["metadata"]!["generation"] = 2;
        changed["metadata"]!["creationTimestamp"] = "2025-01-01T00:00:00Z";

        var managedFields = ManagedFields.RecordUpdate(stored, changed, "controller", "v1", T2, TestSchemas.PersistentVolume);

        Assert.Equal([("kubectl-client-side-apply", CsaFieldsV1)], Entries(managedFields));
    }

    [Fact]
    public void An_existing_object_without_managed_fields_stays_untracked()
    {
        var stored = JsonText.Object(CreatedPv);
        var patched = (JsonObject)MergePatch.Apply(stored, JsonText.Parse("""{"metadata":{"labels":{"disktype":"ssd"}}}"""))!;

        Assert.Null(ManagedFields.RecordUpdate(stored, patched, "kubectl-label", "v1", T2, TestSchemas.PersistentVolume));
    }

    [Fact]
    public void A_main_resource_write_does_not_own_status()
    {
        var stored = Created();
        var changed = (JsonObject)MergePatch.Apply(stored, JsonText.Parse("""{"spec":{"storageClassName":"fast"},"status":{"phase":"Bound"}}"""))!;

        var managedFields = ManagedFields.RecordUpdate(stored, changed, "kubectl-edit", "v1", T2, TestSchemas.PersistentVolume, resetFields: ResetFields.MainResource);

        Assert.Equal(("kubectl-edit", """{"f:spec":{"f:storageClassName":{}}}"""), Entries(managedFields)[1]);
    }

    [Fact]
    public void A_status_write_owns_only_status_under_its_subresource()
    {
        var stored = Created();
        var changed = (JsonObject)MergePatch.Apply(stored, JsonText.Parse("""{"spec":{"storageClassName":"fast"},"status":{"phase":"Bound"}}"""))!;

        var managedFields = ManagedFields.RecordUpdate(
            stored, changed, "binder", "v1", T2, TestSchemas.PersistentVolume, "status", ResetFields.StatusSubresource(TestSchemas.PersistentVolume));

        var entry = managedFields![1]!;
        Assert.Equal(("binder", "status"), (entry["manager"]!.GetValue<string>(), entry["subresource"]!.GetValue<string>()));
        Assert.Equal("""{"f:status":{".":{},"f:phase":{}}}""", FieldSet.FromFieldsV1(entry["fieldsV1"]).ToFieldsV1Json());
    }

    [Fact]
    public void Managed_fields_sent_with_an_update_replace_the_stored_ones()
    {
        var stored = Created();
        var replaced = (JsonObject)stored.DeepClone();
        var entry = (JsonObject)replaced["metadata"]!["managedFields"]![0]!;
        entry["manager"] = "renamed";

        var managedFields = ManagedFields.RecordUpdate(stored, replaced, "kubectl-replace", "v1", T2, TestSchemas.PersistentVolume);

        Assert.Equal([("renamed", CsaFieldsV1)], Entries(managedFields));
    }

    [Fact]
    public void More_than_ten_updaters_fold_the_oldest_into_ancient_changes()
    {
        var current = Created();
        for (var i = 0; i < 11; i++)
        {
            var next = (JsonObject)MergePatch.Apply(current, new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [$"l{i}"] = "x" } } })!;
            current = With(next, ManagedFields.RecordUpdate(current, next, $"m{i:00}", "v1", T2.AddMinutes(i), TestSchemas.PersistentVolume));
        }

        var managers = Entries(current["metadata"]!["managedFields"]!.AsArray()).Select(e => e.Manager).ToList();

        Assert.Equal(10, managers.Count);
        Assert.Equal("ancient-changes", managers[0]);
        Assert.DoesNotContain("kubectl-client-side-apply", managers);
        Assert.DoesNotContain("m00", managers);
    }

    [Fact]
    public void Entries_with_an_invalid_operation_are_rejected_with_kubernetes_wording()
    {
        var obj = JsonText.Object("""{"metadata":{"managedFields":[{"manager":"m","operation":"Delete","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{}}]}}""");

        var error = Assert.Throws<FormatException>(() => ManagedFields.Decode(obj));

        Assert.Equal("operation must be `Apply` or `Update`", error.Message);
    }

    private static JsonObject Created() =>
        With(JsonText.Object(CreatedPv), ManagedFields.RecordUpdate(null, JsonText.Object(CreatedPv), "kubectl-client-side-apply", "v1", T1, TestSchemas.PersistentVolume));

    private static JsonObject With(JsonObject obj, JsonArray? managedFields)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy["metadata"]!["managedFields"] = managedFields;
        return copy;
    }

    private static List<(string Manager, string FieldsV1)> Entries(JsonArray? managedFields) =>
        (managedFields ?? []).Select(e => (e!["manager"]!.GetValue<string>(), FieldSet.FromFieldsV1(e["fieldsV1"]).ToFieldsV1Json())).ToList();
}
