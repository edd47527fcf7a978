using Stowage.Api.Meta;
using Stowage.Api.Validation;

namespace Stowage.Api.Tests.Validation;

public sealed class ObjectMetaValidationTests
{
    private static IReadOnlyList<FieldError> Namespaced(ObjectMeta meta) =>
        ObjectMetaValidation.ValidateObjectMeta(meta, true, ObjectMetaValidation.DnsSubdomainName);

    private static readonly Dictionary<string, (ObjectMeta Meta, string[] Causes)> Invalid = new()
    {
        ["no name"] = (new ObjectMeta { Namespace = "default" }, ["metadata.name: Required value: name or generateName is required"]),
        ["a generateName that is not a subdomain"] = (new ObjectMeta { Name = "ok", GenerateName = "Bad-", Namespace = "default" },
            ["metadata.generateName: Invalid value: \"Bad-\": " + Messages.Subdomain]),
        ["a name too long"] = (new ObjectMeta { Name = new string('a', 254), Namespace = "default" },
            ["metadata.name: Invalid value: \"" + new string('a', 254) + "\": must be no more than 253 characters"]),
        ["a namespace that is not a label"] = (new ObjectMeta { Name = "a", Namespace = "my.ns" },
            ["metadata.namespace: Invalid value: \"my.ns\": must not contain dots"]),
        ["a negative generation"] = (new ObjectMeta { Name = "a", Namespace = "default", Generation = -1 },
            ["metadata.generation: Invalid value: -1: must be greater than or equal to 0"]),
        ["a bad label key and value"] = (new ObjectMeta { Name = "a", Namespace = "default", Labels = new Dictionary<string, string> { ["a/b/c"] = "ok", ["app"] = "-x" } },
            ["metadata.labels: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
             "metadata.labels: Invalid value: \"-x\": " + Messages.LabelValue]),
        ["an annotation key with an empty prefix"] = (new ObjectMeta { Name = "a", Namespace = "default", Annotations = new Dictionary<string, string> { ["/x"] = "" } },
            ["metadata.annotations: Invalid value: \"/x\": prefix part must be non-empty"]),
        ["annotations over 256 KiB"] = (new ObjectMeta { Name = "a", Namespace = "default", Annotations = new Dictionary<string, string> { ["big"] = new string('x', 256 * 1024) } },
            ["metadata.annotations: Too long: must have at most 262144 bytes"]),
        ["an owner reference missing everything"] = (new ObjectMeta { Name = "a", Namespace = "default", OwnerReferences = [new OwnerReference()] },
            ["metadata.ownerReferences.apiVersion: Invalid value: \"\": version must not be empty",
             "metadata.ownerReferences.kind: Invalid value: \"\": must not be empty",
             "metadata.ownerReferences.name: Invalid value: \"\": must not be empty",
             "metadata.ownerReferences.uid: Invalid value: \"\": must not be empty"]),
        ["two controllers"] = (new ObjectMeta
            {
                Name = "a", Namespace = "default",
                OwnerReferences =
                [
                    new OwnerReference { ApiVersion = "apps/v1", Kind = "StatefulSet", Name = "db", Uid = "1", Controller = true },
                    new OwnerReference { ApiVersion = "v1", Kind = "Pod", Name = "p", Uid = "2", Controller = true },
                ],
            },
            ["metadata.ownerReferences: Invalid value: \"null\": Only one reference can have Controller set to true. Found \"true\" in references for StatefulSet/db and Pod/p"]),
        ["orphan and foreground together"] = (new ObjectMeta { Name = "a", Namespace = "default", Finalizers = ["orphan", "foregroundDeletion"] },
            ["metadata.finalizers: Invalid value: \"[]string{\\\"orphan\\\", \\\"foregroundDeletion\\\"}\": finalizer orphan and foregroundDeletion cannot be both set"]),
        ["a finalizer that is neither standard nor qualified"] = (new ObjectMeta { Name = "a", Namespace = "default", Finalizers = ["kubernetes.io/pv-protection", "protect"] },
            ["metadata.finalizers[1]: Invalid value: \"protect\": name is neither a standard finalizer name nor is it fully qualified"]),
    };

    public static TheoryData<string> InvalidCases => new(Invalid.Keys);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Rejects_invalid_metadata_with_Kubernetes_causes(string name)
    {
        var (meta, expected) = Invalid[name];
        Causes.AssertExactly(Namespaced(meta), expected);
    }

    [Fact]
    public void A_generate_name_may_end_with_a_dash()
    {
        Causes.AssertNone(Namespaced(new ObjectMeta { Name = "claim-x7k2p", GenerateName = "claim-", Namespace = "default" }));
    }

    [Fact]
    public void Duplicate_finalizers_are_accepted_as_by_Kubernetes()
    {
        Causes.AssertNone(Namespaced(new ObjectMeta { Name = "a", Namespace = "default", Finalizers = ["kubernetes.io/pvc-protection", "kubernetes.io/pvc-protection"] }));
    }

    [Fact]
    public void Identity_and_timestamps_are_immutable_on_update()
    {
        var created = new DateTimeOffset(2024, 5, 1, 8, 30, 0, TimeSpan.Zero);
        var old = new ObjectMeta { Name = "a", Namespace = "default", Uid = "u1", ResourceVersion = "5", CreationTimestamp = created, Generation = 3 };
        var changed = old with
        {
            Name = "b", Namespace = "other", Uid = "u2", Generation = 2,
            CreationTimestamp = created.AddSeconds(1.5),
            DeletionTimestamp = created, DeletionGracePeriodSeconds = 30,
        };
        Causes.AssertExactly(ObjectMetaValidation.ValidateObjectMetaUpdate(changed, old),
            "metadata.generation: Invalid value: 2: must not be decremented",
            "metadata.name: Invalid value: \"b\": field is immutable",
            "metadata.namespace: Invalid value: \"other\": field is immutable",
            "metadata.uid: Invalid value: \"u2\": field is immutable",
            "metadata.creationTimestamp: Invalid value: \"2024-05-01 08:30:01.5 +0000 UTC\": field is immutable",
            "metadata.deletionTimestamp: Invalid value: \"2024-05-01 08:30:00 +0000 UTC\": field is immutable",
            "metadata.deletionGracePeriodSeconds: Invalid value: 30: field is immutable");
    }

    [Fact]
    public void No_finalizer_may_be_added_once_deletion_started()
    {
        var old = new ObjectMeta { Name = "a", ResourceVersion = "5", DeletionTimestamp = DateTimeOffset.UnixEpoch, Finalizers = ["kubernetes.io/pv-protection"] };
        var changed = old with { Finalizers = ["kubernetes.io/pv-protection", "example.com/b", "example.com/a"] };
        Causes.AssertExactly(ObjectMetaValidation.ValidateObjectMetaUpdate(changed, old),
            "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"example.com/a\", \"example.com/b\"}");
        Causes.AssertNone(ObjectMetaValidation.ValidateObjectMetaUpdate(old with { Finalizers = [] }, old));
    }
}
