using System.Text;
using Stowage.Api.Coordination;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Validation;

namespace Stowage.Api.Tests.Validation;

/// <summary>Namespaces, secrets, config maps, endpoints, events and leases.</summary>
public sealed class CoreKindsValidationTests
{
    private static ObjectMeta Meta(string name, string? ns = "default") => new() { Name = name, Namespace = ns, ResourceVersion = "1" };

    [Fact]
    public void A_namespace_name_must_be_a_DNS_label()
    {
        Causes.AssertExactly(NamespaceValidation.Validate(new Namespace { Metadata = new ObjectMeta { Name = "Team_A" } }),
            "metadata.name: Invalid value: \"Team_A\": " + Messages.Label);
        Causes.AssertExactly(NamespaceValidation.Validate(new Namespace { Metadata = new ObjectMeta { Name = "team.a" } }),
            "metadata.name: Invalid value: \"team.a\": must not contain dots");
        Causes.AssertNone(NamespaceValidation.Validate(new Namespace { Metadata = new ObjectMeta { Name = "team-a" }, Spec = new NamespaceSpec { Finalizers = ["kubernetes"] } }));
    }

    [Fact]
    public void Namespace_finalizers_must_be_standard_or_qualified()
    {
        var ns = new Namespace { Metadata = new ObjectMeta { Name = "a" }, Spec = new NamespaceSpec { Finalizers = ["kubernetes", "cleanup"] } };
        Causes.AssertExactly(NamespaceValidation.Validate(ns),
            "spec.finalizers: Invalid value: \"cleanup\": name is neither a standard finalizer name nor is it fully qualified");
        Causes.AssertExactly(NamespaceValidation.ValidateFinalizeUpdate(ns with { Metadata = Meta("a", null) }, ns with { Metadata = Meta("a", null) }),
            "spec.finalizers[1]: Invalid value: \"cleanup\": name is neither a standard finalizer name nor is it fully qualified");
    }

    [Fact]
    public void Namespace_phase_follows_deletion()
    {
        var active = new Namespace { Metadata = Meta("a", null), Status = new NamespaceStatus { Phase = "Active" } };
        Causes.AssertNone(NamespaceValidation.ValidateStatusUpdate(active, active));
        Causes.AssertExactly(NamespaceValidation.ValidateStatusUpdate(active with { Status = new NamespaceStatus { Phase = "Terminating" } }, active),
            "status.Phase: Invalid value: \"Terminating\": may only be 'Active' if `deletionTimestamp` is empty");
    }

    [Fact]
    public void Secret_keys_must_be_config_keys()
    {
        var secret = new Secret { Metadata = Meta("ceph-secret"), Data = new Dictionary<string, byte[]> { ["a key"] = [1], [".."] = [2] } };
        Causes.AssertExactly(SecretValidation.Validate(secret),
            "data[..]: Invalid value: \"..\": must not be '..'",
            "data[a key]: Invalid value: \"a key\": " + Messages.ConfigKey);
    }

    [Fact]
    public void Secret_data_is_at_most_one_MiB()
    {
        var secret = new Secret { Metadata = Meta("big"), Data = new Dictionary<string, byte[]> { ["a"] = new byte[1024 * 1024], ["b"] = [0] } };
        Causes.AssertExactly(SecretValidation.Validate(secret), "data: Too long: must have at most 1048576 bytes");
    }

    [Fact]
    public void Typed_secrets_need_their_keys()
    {
        var tls = new Secret { Metadata = Meta("tls"), Type = "kubernetes.io/tls", Data = new Dictionary<string, byte[]> { ["tls.crt"] = [1] } };
        Causes.AssertExactly(SecretValidation.Validate(tls), "data[tls.key]: Required value");
        var docker = new Secret { Metadata = Meta("d"), Type = "kubernetes.io/dockerconfigjson", Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes("[]") } };
        Causes.AssertExactly(SecretValidation.Validate(docker),
            "data[.dockerconfigjson]: Invalid value: \"<secret contents redacted>\": json: cannot unmarshal array into Go value of type map[string]interface {}");
    }

    [Fact]
    public void Secret_type_is_immutable_and_an_immutable_secret_keeps_its_data()
    {
        var old = new Secret { Metadata = Meta("s"), Type = "Opaque", Immutable = true, Data = new Dictionary<string, byte[]> { ["key"] = [1] } };
        var changed = old with { Type = "kubernetes.io/basic-auth", Immutable = false, Data = new Dictionary<string, byte[]> { ["username"] = [2] } };
        Causes.AssertExactly(SecretValidation.ValidateUpdate(changed, old),
            "type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable",
            "immutable: Forbidden: field is immutable when `immutable` is set",
            "data: Forbidden: field is immutable when `immutable` is set");
        var relabelled = old with { Metadata = old.Metadata with { Labels = new Dictionary<string, string> { ["a"] = "b" } }, Data = new Dictionary<string, byte[]> { ["key"] = [1] } };
        Causes.AssertNone(SecretValidation.ValidateUpdate(relabelled, old));
    }

    [Fact]
    public void A_config_map_key_may_not_be_in_both_data_and_binary_data()
    {
        var cm = new ConfigMap
        {
            Metadata = Meta("cfg"),
            Data = new Dictionary<string, string> { ["app.conf"] = "x" },
            BinaryData = new Dictionary<string, byte[]> { ["app.conf"] = [1], ["bad/key"] = [2] },
        };
        Causes.AssertExactly(ConfigMapValidation.Validate(cm),
            "data[app.conf]: Invalid value: \"app.conf\": duplicate of key present in binaryData",
            "binaryData[bad/key]: Invalid value: \"bad/key\": " + Messages.ConfigKey);
    }

    [Fact]
    public void A_config_map_over_one_MiB_is_too_long_as_a_whole()
    {
        var cm = new ConfigMap { Metadata = Meta("cfg"), Data = new Dictionary<string, string> { ["a"] = new string('x', 1024 * 1024 + 1) } };
        Causes.AssertExactly(ConfigMapValidation.Validate(cm), ": Too long: must have at most 1048576 bytes");
    }

    [Fact]
    public void An_immutable_config_map_keeps_its_data()
    {
        var old = new ConfigMap { Metadata = Meta("cfg"), Immutable = true, Data = new Dictionary<string, string> { ["a"] = "1" } };
        Causes.AssertExactly(ConfigMapValidation.ValidateUpdate(old with { Data = new Dictionary<string, string> { ["a"] = "2" }, BinaryData = new Dictionary<string, byte[]>() }, old),
            "data: Forbidden: field is immutable when `immutable` is set",
            "binaryData: Forbidden: field is immutable when `immutable` is set");
    }

    private static Endpoints Gluster(params EndpointSubset[] subsets) => new() { Metadata = Meta("glusterfs-cluster"), Subsets = subsets };

    private static EndpointSubset Subset(string ip, params EndpointPort[] ports) =>
        new() { Addresses = [new EndpointAddress { Ip = ip }], Ports = ports };

    [Fact]
    public void Endpoint_addresses_must_be_usable_IPs()
    {
        Causes.AssertExactly(EndpointsValidation.Validate(Gluster(Subset("192.168.122 . 221", new EndpointPort { Port = 1, Protocol = "TCP" }))),
            "subsets[0].addresses[0].ip: Invalid value: \"192.168.122 . 221\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            "subsets[0].addresses[0].ip: Invalid value: \"192.168.122 . 221\": must be a valid IP address");
        Causes.AssertExactly(EndpointsValidation.Validate(Gluster(Subset("127.0.0.1", new EndpointPort { Port = 1, Protocol = "TCP" }))),
            "subsets[0].addresses[0].ip: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)");
        Causes.AssertExactly(EndpointsValidation.Validate(Gluster(Subset("fe80::1", new EndpointPort { Port = 1, Protocol = "TCP" }))),
            "subsets[0].addresses[0].ip: Invalid value: \"fe80::1\": may not be in the link-local range (169.254.0.0/16, fe80::/10)");
        Causes.AssertNone(EndpointsValidation.Validate(Gluster(Subset("2001:db8::1", new EndpointPort { Port = 24007, Protocol = "TCP" }))));
    }

    [Fact]
    public void Endpoint_ports_are_in_range_named_when_several_and_of_known_protocols()
    {
        var endpoints = Gluster(
            new EndpointSubset { Ports = [new EndpointPort { Port = 1, Protocol = "TCP" }] },
            Subset("10.0.0.5", new EndpointPort { Port = 0, Protocol = "HTTP" }, new EndpointPort { Name = "b", Port = 70000 }));
        Causes.AssertExactly(EndpointsValidation.Validate(endpoints),
            "subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`",
            "subsets[1].ports[0].name: Required value",
            "subsets[1].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "subsets[1].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            "subsets[1].ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
            "subsets[1].ports[1].protocol: Required value");
    }

    [Fact]
    public void A_core_v1_event_must_be_in_its_objects_namespace()
    {
        var e = new Event
        {
            Metadata = new ObjectMeta { Name = "pvc1.17a", Namespace = "default" },
            InvolvedObject = new ObjectReference { Kind = "PersistentVolumeClaim", Namespace = "team-a", Name = "pvc1" },
            Reason = "ProvisioningFailed",
        };
        Causes.AssertExactly(EventValidation.ValidateCreate(e, "v1"),
            "involvedObject.namespace: Invalid value: \"team-a\": does not match event.namespace");
        Causes.AssertNone(EventValidation.ValidateCreate(e with { InvolvedObject = e.InvolvedObject with { Namespace = "default" } }, "v1"));
        // Events about cluster-scoped objects (PersistentVolumes) live in "default".
        Causes.AssertNone(EventValidation.ValidateCreate(e with { InvolvedObject = new ObjectReference { Kind = "PersistentVolume", Name = "pv1" } }, "v1"));
    }

    [Fact]
    public void An_events_v1_event_names_its_reporter_action_and_reason()
    {
        var e = new Event
        {
            Metadata = new ObjectMeta { Name = "pv1.17a", Namespace = "default" },
            InvolvedObject = new ObjectReference { Kind = "PersistentVolume", Name = "pv1" },
            EventTime = new MicroTime(DateTimeOffset.UnixEpoch),
            Type = "Info",
            Count = 3,
        };
        Causes.AssertExactly(EventValidation.ValidateCreate(e, "events.k8s.io/v1"),
            "reportingController: Required value",
            "reportingController: Invalid value: \"\": name part must be non-empty",
            "reportingController: Invalid value: \"\": " + Messages.QualifiedNamePart,
            "reportingInstance: Required value",
            "action: Required value",
            "reason: Required value",
            "type: Invalid value: \"\": has invalid value: Info",
            "count: Invalid value: \"\": needs to be unset");
    }

    [Fact]
    public void A_lease_duration_is_positive()
    {
        var lease = new Lease { Metadata = Meta("stowage-binder", "kube-system"), Spec = new LeaseSpec { LeaseDurationSeconds = 0, LeaseTransitions = -1 } };
        Causes.AssertExactly(LeaseValidation.Validate(lease),
            "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
            "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0");
        Causes.AssertNone(LeaseValidation.Validate(lease with { Spec = new LeaseSpec { HolderIdentity = "node-1", LeaseDurationSeconds = 15 } }));
    }
}
