using System.Buffers.Binary;

namespace Stowage.Server.Protobuf;

/// <summary>
/// A forward-only reader of protobuf wire format over a span. Every read checks bounds and throws a
/// <see cref="ProtobufDecodeException"/> (Malformed) on truncated or impossible input, so callers never
/// see an <see cref="IndexOutOfRangeException"/> from hostile bytes.
/// </summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ProtoReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Reads the next field key; false at the end of the message.</summary>
    public bool TryReadTag(out int fieldNumber, out WireType wireType)
    {
        if (AtEnd)
        {
            fieldNumber = 0;
            wireType = default;
            return false;
        }

        var key = ReadVarint();
        var number = key >> 3;
        if (number is 0 or > 536_870_911)
        {
            throw ProtobufDecodeException.Malformed($"invalid field number {number} at byte {_position}");
        }

        fieldNumber = (int)number;
        wireType = (WireType)(key & 7);
        return true;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw ProtobufDecodeException.Malformed("truncated varint");
            }

            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw ProtobufDecodeException.Malformed("varint longer than 10 bytes");
    }

    public ulong ReadFixed64()
    {
        var bytes = Take(8, "fixed64");
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    public uint ReadFixed32()
    {
        var bytes = Take(4, "fixed32");
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw ProtobufDecodeException.Malformed(
                $"length {length} at byte {_position} runs past the end of the message ({_data.Length - _position} bytes left)");
        }

        return Take((int)length, "length-delimited field");
    }

    /// <summary>Skips one field's value, as any proto parser must for fields it does not know.</summary>
    public void Skip(WireType wireType)
    {
        switch (wireType)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Take(8, "fixed64");
                break;
            case WireType.LengthDelimited:
                ReadLengthDelimited();
                break;
            case WireType.Fixed32:
                Take(4, "fixed32");
                break;
            default:
                throw ProtobufDecodeException.Malformed($"unsupported wire type {(int)wireType}");
        }
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > _data.Length - _position)
        {
            throw ProtobufDecodeException.Malformed($"truncated {what} at byte {_position}");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
