using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Core;
using Stowage.Api.Defaulting;
using Stowage.Api.Validation;
using Stowage.Server.Printing;
using Stowage.Server.Resources;

namespace Stowage.Server.Strategies;

/// <summary>
/// Nodes: created by their node agent with the status it observed (Kubernetes keeps the status on
/// create, unlike most kinds), then updated through the status subresource. The removed dynamic
/// kubelet configuration fields are dropped.
/// </summary>
public sealed class NodeStrategy : ResourceStrategy<Node>
{
    /// <inheritdoc/>
    public override JsonTypeInfo<Node> TypeInfo => ApiJsonContext.Default.Node;

    /// <inheritdoc/>
    public override TablePrinter<Node> Printer => NodePrinter.Instance;

    /// <inheritdoc/>
    public override bool HasStatus => true;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, Func<Node, string?>> SelectableFields { get; } =
        new Dictionary<string, Func<Node, string?>>
        {
            ["spec.unschedulable"] = n => n.Spec?.Unschedulable == true ? "true" : "false",
        };

    /// <inheritdoc/>
    public override Node Default(Node obj) => ApiDefaults.Apply(obj);

    /// <inheritdoc/>
    public override Node PrepareForCreate(Node obj, DateTimeOffset now) => DropConfigSource(obj);

    /// <inheritdoc/>
    public override Node PrepareForUpdate(Node obj, Node old, DateTimeOffset now) =>
        DropConfigSource(obj) with { Status = old.Status };

    /// <inheritdoc/>
    public override Node PrepareForStatusUpdate(Node obj, Node old, DateTimeOffset now) =>
        StatusWrites.KeepAllButStatus(old, obj) with { Status = obj.Status is { } s ? s with { Config = null } : null };

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> Validate(Node obj) => NodeValidation.Validate(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateUpdate(Node obj, Node old) => NodeValidation.ValidateUpdate(obj, old);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateStatusUpdate(Node obj, Node old) => NodeValidation.ValidateUpdate(obj, old);

    private static Node DropConfigSource(Node node) =>
        node with
        {
            Spec = node.Spec is { } spec ? spec with { ConfigSource = null } : null,
            Status = node.Status is { } status ? status with { Config = null } : null,
        };
}
