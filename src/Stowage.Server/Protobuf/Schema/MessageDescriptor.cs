using System.Collections.Frozen;

namespace Stowage.Server.Protobuf.Schema;

/// <summary>
/// A Kubernetes message type. <see cref="Fields"/> are in Go struct order, which is the order
/// encoding/json writes them and so the order kubectl's own JSON would have.
/// </summary>
internal sealed class MessageDescriptor
{
    private readonly FrozenDictionary<int, FieldDescriptor> _byNumber;

    public MessageDescriptor(string name, IReadOnlyList<FieldDescriptor> fields)
    {
        Name = name;
        Fields = fields;
        _byNumber = fields.ToFrozenDictionary(f => f.Number);
    }

    public string Name { get; }

    public IReadOnlyList<FieldDescriptor> Fields { get; }

    public FieldDescriptor? Find(int number) => _byNumber.GetValueOrDefault(number);

    public override string ToString() => Name;
}
