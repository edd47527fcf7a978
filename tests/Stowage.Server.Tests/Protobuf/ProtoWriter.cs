using System.Text;

namespace Stowage.Server.Tests.Protobuf;

/// <summary>
/// A minimal protobuf encoder for building fixtures of kinds kubectl never sends as protobuf
/// (PVC, PV, Pod, Event, Endpoints, Node). Field numbers in the tests are typed from
/// k8s.io/api core/v1 generated.proto, independently of the decoder's schema tables.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly List<byte> _bytes = [];

    /// <summary>"k8s\0" + runtime.Unknown{1 TypeMeta{1 apiVersion, 2 kind}, 2 raw, 3 "", 4 ""}, as client-go writes it.</summary>
    public static byte[] Envelope(string apiVersion, string kind, Action<ProtoWriter> raw) =>
        Envelope(apiVersion, kind, raw, contentEncoding: string.Empty, contentType: string.Empty);

    public static byte[] Envelope(string apiVersion, string kind, Action<ProtoWriter> raw, string contentEncoding, string contentType)
    {
        var unknown = new ProtoWriter()
            .Message(1, t => t.String(1, apiVersion).String(2, kind))
            .Message(2, raw)
            .String(3, contentEncoding)
            .String(4, contentType);
        return [.. "k8s\0"u8.ToArray(), .. unknown.ToArray()];
    }

    public ProtoWriter Varint(int field, ulong value)
    {
        Key(field, 0);
        WriteVarint(value);
        return this;
    }

    public ProtoWriter Int(int field, long value) => Varint(field, (ulong)value);

    public ProtoWriter Bool(int field, bool value) => Varint(field, value ? 1UL : 0UL);

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Key(field, 2);
        WriteVarint((ulong)value.Length);
        _bytes.AddRange(value);
        return this;
    }

    public ProtoWriter Message(int field, Action<ProtoWriter> build)
    {
        var nested = new ProtoWriter();
        build(nested);
        return Bytes(field, nested.ToArray());
    }

    public ProtoWriter StringEntry(int field, string key, string value) =>
        Message(field, e => e.String(1, key).String(2, value));

    /// <summary>A map&lt;string, Quantity&gt; entry: the value is a Quantity message {1 string}.</summary>
    public ProtoWriter QuantityEntry(int field, string key, string quantity) =>
        Message(field, e => e.String(1, key).Message(2, q => q.String(1, quantity)));

    /// <summary>A metav1.Time / MicroTime {1 seconds, 2 nanos}.</summary>
    public ProtoWriter Time(int field, long seconds, int nanos = 0) =>
        Message(field, t =>
        {
            t.Int(1, seconds);
            if (nanos != 0)
            {
                t.Int(2, nanos);
            }
        });

    public ProtoWriter Fixed32(int field, uint value)
    {
        Key(field, 5);
        _bytes.AddRange(BitConverter.GetBytes(value));
        return this;
    }

    public ProtoWriter Fixed64(int field, ulong value)
    {
        Key(field, 1);
        _bytes.AddRange(BitConverter.GetBytes(value));
        return this;
    }

    public ProtoWriter Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    private void Key(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        _bytes.Add((byte)value);
    }
}
