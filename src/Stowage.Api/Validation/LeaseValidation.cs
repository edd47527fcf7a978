using Stowage.Api.Coordination;

namespace Stowage.Api.Validation;

/// <summary>Lease validation (pkg/apis/coordination/validation ValidateLease, ValidateLeaseUpdate).</summary>
public static class LeaseValidation
{
    /// <summary>A lease on create: namespaced, DNS-subdomain name, positive duration, non-negative transitions.</summary>
    public static IReadOnlyList<FieldError> Validate(Lease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var errs = ObjectMetaValidation.ValidateObjectMeta(lease.Metadata, true, ObjectMetaValidation.DnsSubdomainName).ToList();
        var spec = FieldPath.Root("spec");
        if (lease.Spec?.LeaseDurationSeconds is <= 0 and var duration)
        {
            errs.Add(FieldErrors.Invalid(spec.Child("leaseDurationSeconds"), duration, "must be greater than 0"));
        }
        if (lease.Spec?.LeaseTransitions is < 0 and var transitions)
        {
            errs.Add(FieldErrors.Invalid(spec.Child("leaseTransitions"), transitions, "must be greater than or equal to 0"));
        }
        return errs;
    }

    /// <summary>A lease on update: metadata rules and every create rule.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(Lease newLease, Lease oldLease)
    {
        ArgumentNullException.ThrowIfNull(newLease);
        ArgumentNullException.ThrowIfNull(oldLease);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(newLease.Metadata, oldLease.Metadata).ToList();
        errs.AddRange(Validate(newLease));
        // Metadata rules run twice (update and create), as in Kubernetes, which reports each
        // distinct message once.
        return errs.Distinct().ToList();
    }
}
