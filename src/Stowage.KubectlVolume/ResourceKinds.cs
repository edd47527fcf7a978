namespace Stowage.KubectlVolume;

/// <summary>The kinds <c>kubectl volume</c> works on, by every name kubectl and oc accept for them.</summary>
internal static class ResourceKinds
{
    private static readonly string[] TemplateSpec = ["spec", "template", "spec"];

    /// <summary>Pods (listing only).</summary>
    public static readonly ResourceKind Pods = new("", "v1", "pods", "Pod", ["spec"]);

    /// <summary>ReplicationControllers.</summary>
    public static readonly ResourceKind ReplicationControllers = new("", "v1", "replicationcontrollers", "ReplicationController", TemplateSpec);

    /// <summary>Deployments.</summary>
    public static readonly ResourceKind Deployments = new("apps", "v1", "deployments", "Deployment", TemplateSpec);

    private static readonly Dictionary<string, ResourceKind> ByName = Build();

    /// <summary>
    /// Finds a kind by plural, singular, short name or <c>name.group</c>. OpenShift's DeploymentConfigs
    /// (<c>dc</c>, which the seeds use) map to Deployments, with a note saying so.
    /// </summary>
    public static ResourceKind? Find(string type, out string? note)
    {
        note = null;
        var key = type.ToLowerInvariant();
        if (key is "dc" or "deploymentconfig" or "deploymentconfigs" or "deploymentconfig.apps.openshift.io" or "deploymentconfigs.apps.openshift.io")
        {
            note = $"note: \"{type}\" names OpenShift DeploymentConfigs; Stowage serves Deployments, so deployments are used instead";
            return Deployments;
        }
        if (ByName.TryGetValue(key, out var kind))
        {
            return kind;
        }
        // name.group, e.g. deployments.apps or replicationcontrollers. (a trailing group of "" is core).
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && ByName.TryGetValue(key[..dot], out kind) && kind.Group == key[(dot + 1)..] ? kind : null;
    }

    private static Dictionary<string, ResourceKind> Build()
    {
        var kinds = new (ResourceKind Kind, string[] Names)[]
        {
            (Pods, ["pod", "po"]),
            (ReplicationControllers, ["replicationcontroller", "rc"]),
            (Deployments, ["deployment", "deploy"]),
            (new("apps", "v1", "replicasets", "ReplicaSet", TemplateSpec), ["replicaset", "rs"]),
            (new("apps", "v1", "statefulsets", "StatefulSet", TemplateSpec), ["statefulset", "sts"]),
            (new("apps", "v1", "daemonsets", "DaemonSet", TemplateSpec), ["daemonset", "ds"]),
            (new("batch", "v1", "jobs", "Job", TemplateSpec), ["job"]),
            (new("batch", "v1", "cronjobs", "CronJob", ["spec", "jobTemplate", "spec", "template", "spec"]), ["cronjob", "cj"]),
        };
        var byName = new Dictionary<string, ResourceKind>(StringComparer.Ordinal);
        foreach (var (kind, names) in kinds)
        {
            byName[kind.Resource] = kind;
            foreach (var n in names)
            {
                byName[n] = kind;
            }
        }
        return byName;
    }
}
