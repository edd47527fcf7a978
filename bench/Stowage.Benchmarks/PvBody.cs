using System.Text;

namespace Stowage.Benchmarks;

/// <summary>
/// Request bodies for PV creates: a CSI PersistentVolume of exactly <see cref="Size"/> bytes, padded with an
/// annotation (an unknown field would draw a warning per request under the default fieldValidation=Warn).
/// </summary>
internal static class PvBody
{
    public const int Size = 1024;

    private static readonly byte[] Head = Encoding.UTF8.GetBytes("{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolume\",\"metadata\":{\"name\":\"");
    private static readonly byte[] AfterName = Encoding.UTF8.GetBytes("\",\"labels\":{\"app\":\"bench\",\"tier\":\"storage\"},\"annotations\":{\"bench.stowage.io/pad\":\"");
    private static readonly byte[] AfterPad = Encoding.UTF8.GetBytes(
        "\"}},\"spec\":{\"capacity\":{\"storage\":\"20Gi\"},\"accessModes\":[\"ReadWriteOnce\"],\"persistentVolumeReclaimPolicy\":\"Retain\"," +
        "\"storageClassName\":\"standard\",\"csi\":{\"driver\":\"bench.csi.example.com\",\"volumeHandle\":\"vol-");
    private static readonly byte[] Tail = Encoding.UTF8.GetBytes("\"}}}");

    /// <summary>The body creating PV <paramref name="name"/> (ASCII, as Kubernetes names are).</summary>
    public static byte[] Create(string name)
    {
        var body = new byte[Size];
        var span = body.AsSpan();
        var fixedLength = Head.Length + AfterName.Length + AfterPad.Length + Tail.Length + 2 * name.Length;
        var pad = Size - fixedLength;
        if (pad < 1)
        {
            throw new ArgumentException($"name {name} is too long for a {Size}-byte body", nameof(name));
        }

        Head.CopyTo(span);
        span = span[Head.Length..];
        span = span[Encoding.ASCII.GetBytes(name, span)..];
        AfterName.CopyTo(span);
        span = span[AfterName.Length..];
        span[..pad].Fill((byte)'x');
        span = span[pad..];
        AfterPad.CopyTo(span);
        span = span[AfterPad.Length..];
        span = span[Encoding.ASCII.GetBytes(name, span)..];
        Tail.CopyTo(span);
        return body;
    }
}
