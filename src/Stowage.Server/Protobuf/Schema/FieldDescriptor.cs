namespace Stowage.Server.Protobuf.Schema;

/// <summary>
/// One field of a Kubernetes message: its proto field number (from k8s.io/api's generated.proto),
/// its JSON name, and the Go shape that decides how it is rendered.
/// </summary>
internal sealed class FieldDescriptor
{
    private readonly Lazy<MessageDescriptor>? _message;

    public FieldDescriptor(
        int number,
        string jsonName,
        FieldKind kind,
        FieldCardinality cardinality,
        FieldShape shape,
        Func<MessageDescriptor?>? message)
    {
        if (kind == FieldKind.Message && message is null)
        {
            throw new ArgumentException($"message field {jsonName} needs a descriptor", nameof(message));
        }

        Number = number;
        JsonName = jsonName;
        Kind = kind;
        Cardinality = cardinality;
        Shape = shape;
        _message = message is null
            ? null
            : new Lazy<MessageDescriptor>(() => message() ?? throw new InvalidOperationException(
                $"the message type of {jsonName} was used before it was defined"));
    }

    public int Number { get; }

    public string JsonName { get; }

    public FieldKind Kind { get; }

    public FieldCardinality Cardinality { get; }

    public FieldShape Shape { get; }

    /// <summary>The nested message type; resolved lazily so schema classes may refer to each other
    /// (and to properties declared later in the same class) in any order.</summary>
    public MessageDescriptor Message =>
        _message?.Value ?? throw new InvalidOperationException($"{JsonName} is not a message field");
}
