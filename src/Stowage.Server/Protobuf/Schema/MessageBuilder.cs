namespace Stowage.Server.Protobuf.Schema;

/// <summary>
/// Fluent definition of a <see cref="MessageDescriptor"/>. Fields are added in Go struct order.
/// Defaults follow the common Kubernetes tags: scalars, slices and maps are <c>omitempty</c> values,
/// nested messages are <c>omitempty</c> pointers; other shapes are passed explicitly.
/// </summary>
internal sealed class MessageBuilder
{
    private readonly string _name;
    private readonly List<FieldDescriptor> _fields = [];

    private MessageBuilder(string name) => _name = name;

    public static MessageBuilder Define(string name) => new(name);

    public MessageBuilder String(int number, string json, FieldShape shape = FieldShape.OmitEmpty) =>
        Add(number, json, FieldKind.String, FieldCardinality.Single, shape);

    public MessageBuilder Bytes(int number, string json, FieldShape shape = FieldShape.OmitEmpty) =>
        Add(number, json, FieldKind.Bytes, FieldCardinality.Single, shape);

    public MessageBuilder Bool(int number, string json, FieldShape shape = FieldShape.OmitEmpty) =>
        Add(number, json, FieldKind.Bool, FieldCardinality.Single, shape);

    public MessageBuilder Int32(int number, string json, FieldShape shape = FieldShape.OmitEmpty) =>
        Add(number, json, FieldKind.Int32, FieldCardinality.Single, shape);

    public MessageBuilder Int64(int number, string json, FieldShape shape = FieldShape.OmitEmpty) =>
        Add(number, json, FieldKind.Int64, FieldCardinality.Single, shape);

    /// <summary>A metav1.Time value (a struct, so always written; null when zero).</summary>
    public MessageBuilder Time(int number, string json, FieldShape shape = FieldShape.Always) =>
        Add(number, json, FieldKind.Time, FieldCardinality.Single, shape);

    public MessageBuilder MicroTime(int number, string json, FieldShape shape = FieldShape.Always) =>
        Add(number, json, FieldKind.MicroTime, FieldCardinality.Single, shape);

    public MessageBuilder Quantity(int number, string json, FieldShape shape = FieldShape.Pointer) =>
        Add(number, json, FieldKind.Quantity, FieldCardinality.Single, shape);

    public MessageBuilder IntOrString(int number, string json, FieldShape shape = FieldShape.Always) =>
        Add(number, json, FieldKind.IntOrString, FieldCardinality.Single, shape);

    public MessageBuilder FieldsV1(int number, string json) =>
        Add(number, json, FieldKind.FieldsV1, FieldCardinality.Single, FieldShape.Pointer);

    public MessageBuilder Message(int number, string json, Func<MessageDescriptor?> type, FieldShape shape = FieldShape.Pointer) =>
        Add(number, json, FieldKind.Message, FieldCardinality.Single, shape, type);

    /// <summary>An embedded struct (<c>json:",inline"</c>) whose fields join the parent object.</summary>
    public MessageBuilder Inline(int number, Func<MessageDescriptor?> type) =>
        Add(number, string.Empty, FieldKind.Message, FieldCardinality.Single, FieldShape.Inline, type);

    public MessageBuilder Strings(int number, string json, FieldShape shape = FieldShape.OmitEmpty) =>
        Add(number, json, FieldKind.String, FieldCardinality.Repeated, shape);

    public MessageBuilder Int32s(int number, string json, FieldShape shape = FieldShape.OmitEmpty) =>
        Add(number, json, FieldKind.Int32, FieldCardinality.Repeated, shape);

    public MessageBuilder Int64s(int number, string json, FieldShape shape = FieldShape.OmitEmpty) =>
        Add(number, json, FieldKind.Int64, FieldCardinality.Repeated, shape);

    public MessageBuilder Messages(int number, string json, Func<MessageDescriptor?> type, FieldShape shape = FieldShape.OmitEmpty) =>
        Add(number, json, FieldKind.Message, FieldCardinality.Repeated, shape, type);

    public MessageBuilder StringMap(int number, string json, FieldShape shape = FieldShape.OmitEmpty) =>
        Add(number, json, FieldKind.String, FieldCardinality.Map, shape);

    public MessageBuilder BytesMap(int number, string json, FieldShape shape = FieldShape.OmitEmpty) =>
        Add(number, json, FieldKind.Bytes, FieldCardinality.Map, shape);

    /// <summary>A ResourceList: map&lt;string, Quantity&gt;.</summary>
    public MessageBuilder QuantityMap(int number, string json, FieldShape shape = FieldShape.OmitEmpty) =>
        Add(number, json, FieldKind.Quantity, FieldCardinality.Map, shape);

    public MessageDescriptor Build() => new(_name, _fields);

    private MessageBuilder Add(
        int number,
        string json,
        FieldKind kind,
        FieldCardinality cardinality,
        FieldShape shape,
        Func<MessageDescriptor?>? type = null)
    {
        if (_fields.Exists(f => f.Number == number))
        {
            throw new InvalidOperationException($"{_name} defines field {number} twice");
        }

        _fields.Add(new FieldDescriptor(number, json, kind, cardinality, shape, type));
        return this;
    }
}
