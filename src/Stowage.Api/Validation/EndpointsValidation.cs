using Stowage.Api.Core;

namespace Stowage.Api.Validation;

/// <summary>Endpoints validation (ValidateEndpoints, ValidateEndpointsUpdate), e.g. a GlusterFS volume's servers.</summary>
public static class EndpointsValidation
{
    private static readonly string[] SupportedProtocols = ["SCTP", "TCP", "UDP"];

    /// <summary>Endpoints on create (protocols defaulted to TCP beforehand, as the server does).</summary>
    public static IReadOnlyList<FieldError> Validate(Endpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var errs = ObjectMetaValidation.ValidateObjectMeta(endpoints.Metadata, true, ObjectMetaValidation.DnsSubdomainName).ToList();
        var subsets = endpoints.Subsets ?? [];
        for (var i = 0; i < subsets.Count; i++)
        {
            var ss = subsets[i];
            var idx = FieldPath.Root("subsets").Index(i);
            var addresses = ss.Addresses ?? [];
            var notReady = ss.NotReadyAddresses ?? [];
            if (addresses.Count == 0 && notReady.Count == 0)
            {
                errs.Add(FieldErrors.Required(idx, "must specify `addresses` or `notReadyAddresses`"));
            }
            for (var a = 0; a < addresses.Count; a++)
            {
                errs.AddRange(Address(addresses[a], idx.Child("addresses").Index(a)));
            }
            for (var a = 0; a < notReady.Count; a++)
            {
                errs.AddRange(Address(notReady[a], idx.Child("notReadyAddresses").Index(a)));
            }
            var ports = ss.Ports ?? [];
            for (var p = 0; p < ports.Count; p++)
            {
                errs.AddRange(Port(ports[p], ports.Count > 1, idx.Child("ports").Index(p)));
            }
        }
        return errs;
    }

    /// <summary>Endpoints on update: metadata rules and every create rule.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(Endpoints newEndpoints, Endpoints oldEndpoints)
    {
        ArgumentNullException.ThrowIfNull(newEndpoints);
        ArgumentNullException.ThrowIfNull(oldEndpoints);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(newEndpoints.Metadata, oldEndpoints.Metadata).ToList();
        errs.AddRange(Validate(newEndpoints));
        // Metadata rules run twice (update and create), as in Kubernetes, which reports each
        // distinct message once.
        return errs.Distinct().ToList();
    }

    private static IEnumerable<FieldError> Address(EndpointAddress address, FieldPath path)
    {
        var ipPath = path.Child("ip");
        var ip = IpAddressText.ParseSloppy(address.Ip);
        if (ip is null)
        {
            yield return FieldErrors.Invalid(ipPath, address.Ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        }
        if (!string.IsNullOrEmpty(address.Hostname))
        {
            foreach (var e in ValidationPrimitives.ValidateDns1123Label(address.Hostname, path.Child("hostname")))
            {
                yield return e;
            }
        }
        if (address.NodeName is not null)
        {
            foreach (var m in ValidationPrimitives.NameIsDnsSubdomain(address.NodeName, false))
            {
                yield return FieldErrors.Invalid(path.Child("nodeName"), address.NodeName, m);
            }
        }
        // ValidateNonSpecialIP repeats the parse check with its own text.
        if (ip is null)
        {
            yield return FieldErrors.Invalid(ipPath, address.Ip, "must be a valid IP address");
            yield break;
        }
        foreach (var m in IpAddressText.SpecialRangeMessages(ip, address.Ip))
        {
            yield return FieldErrors.Invalid(ipPath, address.Ip, m);
        }
    }

    private static IEnumerable<FieldError> Port(EndpointPort port, bool requireName, FieldPath path)
    {
        if (requireName && string.IsNullOrEmpty(port.Name))
        {
            yield return FieldErrors.Required(path.Child("name"));
        }
        else if (!string.IsNullOrEmpty(port.Name))
        {
            foreach (var e in ValidationPrimitives.ValidateDns1123Label(port.Name, path.Child("name")))
            {
                yield return e;
            }
        }
        if (port.Port is < 1 or > 65535)
        {
            yield return FieldErrors.Invalid(path.Child("port"), port.Port, ValidationPrimitives.InclusiveRangeError(1, 65535));
        }
        if (string.IsNullOrEmpty(port.Protocol))
        {
            yield return FieldErrors.Required(path.Child("protocol"));
        }
        else if (!SupportedProtocols.Contains(port.Protocol, StringComparer.Ordinal))
        {
            yield return FieldErrors.NotSupported(path.Child("protocol"), port.Protocol, SupportedProtocols);
        }
        if (port.AppProtocol is not null)
        {
            foreach (var e in ValidationPrimitives.ValidateQualifiedName(port.AppProtocol, path.Child("appProtocol")))
            {
                yield return e;
            }
        }
    }
}
