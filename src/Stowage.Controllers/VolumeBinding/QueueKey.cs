namespace Stowage.Controllers.VolumeBinding;

/// <summary>A key on one of the binder's work queues.</summary>
public readonly record struct QueueKey(QueueKind Kind, string Namespace, string Name)
{
    /// <summary>The key of a claim.</summary>
    public static QueueKey Claim(ClaimKey claim) => new(QueueKind.Claim, claim.Namespace, claim.Name);

    /// <summary>The key of a volume.</summary>
    public static QueueKey Volume(string name) => new(QueueKind.Volume, "", name);

    /// <summary><c>namespace/name</c> for claims, the name for volumes.</summary>
    public override string ToString() => Kind == QueueKind.Claim ? Namespace + "/" + Name : Name;
}
