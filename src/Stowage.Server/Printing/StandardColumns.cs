namespace Stowage.Server.Printing;

/// <summary>
/// Column definitions several printers share. Descriptions are the OpenAPI descriptions of the fields
/// shown (Kubernetes takes them from the types' SwaggerDoc), so <c>kubectl explain</c> and the table agree.
/// </summary>
public static class StandardColumns
{
    /// <summary>metav1.ObjectMeta's description of name.</summary>
    public const string NameDescription =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    /// <summary>metav1.ObjectMeta's description of creationTimestamp.</summary>
    public const string CreationTimestampDescription =
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    /// <summary>The Name column: format "name", which kubectl uses to find the object's name.</summary>
    public static TableColumnDefinition Name { get; } = new() { Name = "Name", Type = "string", Format = "name", Description = NameDescription };

    /// <summary>The Age column.</summary>
    public static TableColumnDefinition Age { get; } = new() { Name = "Age", Type = "string", Description = CreationTimestampDescription };

    /// <summary>A string column.</summary>
    public static TableColumnDefinition String(string name, string description, int priority = 0) =>
        new() { Name = name, Type = "string", Description = description, Priority = priority };
}
