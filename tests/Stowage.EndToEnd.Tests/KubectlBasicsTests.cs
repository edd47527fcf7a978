using System.Text.Json.Nodes;
using Stowage.EndToEnd.Tests.Harness;

namespace Stowage.EndToEnd.Tests;

/// <summary>
/// Issue 2's "what a user does", with the real kubectl against a real stowage process: namespaces,
/// creating the seeds' PersistentVolumes from JSON and YAML, labels and label selectors, patches,
/// describe, watch, wait, delete, explain and api-resources.
/// </summary>
public sealed class KubectlBasicsTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public KubectlBasicsTests(ServerFixture fixture) => _fixture = fixture;

    private Kubectl K => _fixture.Kubectl;

    [Fact]
    public async Task Get_ns_lists_the_system_namespaces()
    {
        var r = (await K.RunAsync("get ns")).Ok();
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+STATUS\s+AGE$", lines[0]);
        foreach (var ns in new[] { "default", "kube-system", "kube-public" })
        {
            Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^{ns}\s+Active\s+\d+s$"));
        }
    }

    [Fact]
    public async Task Create_from_the_seed_json_then_label_and_select_by_label()
    {
        Assert.Equal("persistentvolume/pv0002 created\n", (await K.RunAsync("create -f pv0002.json")).Ok().Stdout);
        var all = (await K.RunAsync("get pv pv0002 --show-labels")).Ok().Stdout;
        Assert.Matches(@"NAME\s+CAPACITY\s+ACCESS MODES\s+RECLAIM POLICY\s+STATUS\s+CLAIM\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+REASON\s+AGE\s+LABELS", all);
        Assert.Matches(@"pv0002\s+5Gi\s+RWO\s+Retain\s+\w+\s+<unset>\s+\d+s\s+<none>", all);

        Assert.Equal("persistentvolume/pv0002 labeled\n", (await K.RunAsync("label pv pv0002 disktype=ssd")).Ok().Stdout);
        var again = (await K.RunAsync("label pv pv0002 disktype=hdd")).Fails();
        Assert.Contains("'disktype' already has a value (ssd), and --overwrite is false", again.Stderr);

        var selected = (await K.RunAsync("get pv -l disktype=ssd -o name")).Ok().Stdout;
        Assert.Equal("persistentvolume/pv0002\n", selected);
        var none = (await K.RunAsync("get pv -l disktype=nvme")).Ok();
        Assert.Equal("", none.Stdout);
        Assert.Contains("No resources found", none.Stderr);

        Assert.Equal("persistentvolume/pv0002 unlabeled\n", (await K.RunAsync("label pv pv0002 disktype-")).Ok().Stdout);
        Assert.Equal("", (await K.RunAsync("get pv -l disktype=ssd -o name")).Ok().Stdout);
    }

    [Fact]
    public async Task Create_from_yaml_twice_reports_already_exists()
    {
        Assert.Equal("persistentvolume/pv0003 created\n", (await K.RunAsync("create -f pv0003.yaml")).Ok().Stdout);
        var second = (await K.RunAsync("create -f pv0003.yaml")).Fails();
        Assert.Contains("Error from server (AlreadyExists): error when creating \"pv0003.yaml\": persistentvolumes \"pv0003\" already exists", second.Stderr);
        var jsonpath = (await K.RunAsync(["get", "pv", "pv0003", "-o", "jsonpath={.spec.capacity.storage} {.spec.persistentVolumeReclaimPolicy} {.spec.volumeMode} {.metadata.labels.type}"])).Ok();
        Assert.Equal("1Gi Retain Filesystem local", jsonpath.Stdout);
    }

    [Fact]
    public async Task Output_flags_all_namespaces_label_columns_sort_and_delete_all_work()
    {
        (await K.RunAsync("create namespace flags")).Ok();
        (await K.RunAsync(["create", "-f", "-", "-n", "flags"], "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: zz\n  labels:\n    tier: gold\ndata:\n  a: b\n")).Ok();
        (await K.RunAsync(["create", "-f", "-", "-n", "flags"], "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aa\n  labels:\n    tier: silver\ndata:\n  a: b\n  c: d\n")).Ok();
        var all = (await K.RunAsync("get cm -A")).Ok().Stdout;
        Assert.Matches(@"NAMESPACE\s+NAME\s+DATA\s+AGE", all);
        Assert.Matches(@"flags\s+zz\s+1\s+\S+", all);
        var labelled = (await K.RunAsync("get cm -n flags -L tier")).Ok().Stdout;
        Assert.Matches(@"NAME\s+DATA\s+AGE\s+TIER", labelled);
        Assert.Matches(@"aa\s+2\s+\S+\s+silver", labelled);
        var sorted = (await K.RunAsync(["get", "cm", "-n", "flags", "--sort-by=.metadata.labels.tier", "-o", "name"])).Ok().Stdout;
        Assert.Equal("configmap/zz\nconfigmap/aa\n", sorted);
        var dry = (await K.RunAsync(["create", "-f", "-", "-n", "flags", "--dry-run=server"], "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dry\n")).Ok().Stdout;
        Assert.Equal("configmap/dry created (server dry run)\n", dry);
        (await K.RunAsync("delete cm --all -n flags")).Ok();
        Assert.Contains("No resources found in flags namespace.", (await K.RunAsync("get cm -n flags")).Ok().Stderr);
    }
}
