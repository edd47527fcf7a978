namespace Stowage.Api.Meta;

/// <summary>One manager's set of owned fields (metav1.ManagedFieldsEntry).</summary>
public sealed record ManagedFieldsEntry
{
    /// <summary>The field manager's name.</summary>
    public string? Manager { get; init; }

    /// <summary>Apply or Update.</summary>
    public string? Operation { get; init; }

    /// <summary>The API version the fields were written with.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>When the entry last changed.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>Always FieldsV1.</summary>
    public string? FieldsType { get; init; }

    /// <summary>The owned field set in FieldsV1 form.</summary>
    public FieldsV1? FieldsV1 { get; init; }

    /// <summary>The subresource written through, if any.</summary>
    public string? Subresource { get; init; }
}
