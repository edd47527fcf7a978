using Stowage.Api.Core;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// <c>provisionClaim</c>'s decisions (pv-semantics §7): entered for an unbound claim with a class
/// and no matching volume. Hands the claim to Stowage's own provisioner with a
/// <see cref="SyncStep.Provision"/> step, or to an external one with the provisioner annotations
/// and an ExternalProvisioning event.
/// </summary>
internal static class Provisioning
{
    public static void Plan(PersistentVolumeClaim claim, BindingView view, PlanBuilder plan)
    {
        string className = ClassRules.ClassOf(claim);
        var target = ObjectRefs.Of(claim);
        if (view.GetClass(className) is not { } storageClass)
        {
            // The lister's NotFound error text.
            plan.Event(target, EventReasons.Warning, EventReasons.ProvisioningFailed,
                "storageclass.storage.k8s.io \"" + className + "\" not found");
            return;
        }
        string provisioner = storageClass.Provisioner;
        if (Provisioners.IsBuiltIn(provisioner))
        {
            if (claim.Spec?.DataSource is not null)
            {
                plan.Event(target, EventReasons.Warning, EventReasons.ProvisioningFailed,
                    "plugin \"" + provisioner + "\" is not a CSI plugin. Only CSI plugin can provision a claim with a datasource");
                return;
            }
            claim = plan.SetClaimProvisioner(claim, provisioner);
            // The provisioned volume has a deterministic name: once it exists, the claim's next
            // sync binds it (it designates the claim) and there is nothing to provision.
            if (view.GetVolume(Provisioners.VolumeNameFor(claim)) is null)
            {
                plan.Provision(claim, storageClass);
            }
            return;
        }
        if (provisioner.StartsWith(Provisioners.InTreePrefix, StringComparison.Ordinal))
        {
            // An in-tree plugin name Stowage does not have (including kubernetes.io/no-provisioner).
            plan.Event(target, EventReasons.Warning, EventReasons.ProvisioningFailed,
                "no volume plugin matched name: " + provisioner);
            return;
        }
        claim = plan.SetClaimProvisioner(claim, provisioner);
        plan.Event(ObjectRefs.Of(claim), EventReasons.Normal, EventReasons.ExternalProvisioning,
            "Waiting for a volume to be created either by the external provisioner '" + provisioner
            + "' or manually by the system administrator. If volume creation is delayed, please verify that "
            + "the provisioner is running and correctly registered.");
    }
}
