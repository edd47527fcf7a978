using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Stowage.Benchmarks;

/// <summary>
/// A load generator's HTTP/1.1 client, as wrk is one: one keep-alive TLS connection, blocking I/O on the
/// thread that owns it, requests written in one piece and responses read to their last byte (Content-Length
/// or chunked) and checked for the expected status.
/// </summary>
/// <remarks>
/// The server and the load generator share this machine's 2 cores. <see cref="HttpClient"/> costs about as
/// much CPU per request as the API server's transport does, and each of its completions travels from the
/// socket engine's thread to a pool thread; a thread blocked in its own socket read is woken by the kernel
/// directly. Every byte still crosses TLS and Kestrel as any client's would.
/// </remarks>
internal sealed class RawHttpsConnection : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly SslStream _ssl;
    private readonly string _commonHeaders;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawHttpsConnection(Socket socket, SslStream ssl, string commonHeaders)
    {
        _socket = socket;
        _ssl = ssl;
        _commonHeaders = commonHeaders;
    }

    /// <summary>Connects and completes the TLS handshake, trusting only <paramref name="ca"/>.</summary>
    public static RawHttpsConnection Open(Uri baseAddress, X509Certificate2 ca, string token)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(baseAddress.Host, baseAddress.Port);
        var ssl = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        ssl.AuthenticateAsClient(new SslClientAuthenticationOptions
        {
            TargetHost = baseAddress.Host,
            EnabledSslProtocols = SslProtocols.None,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
            RemoteCertificateValidationCallback = ApiClients.TrustOnly(ca),
        });
        var headers = $"Host: {baseAddress.Authority}\r\nAuthorization: Bearer {token}\r\nUser-Agent: stowage-bench/1.0\r\nAccept: application/json\r\n";
        return new RawHttpsConnection(socket, ssl, headers);
    }

    /// <summary>Sends one request and reads its whole response; throws unless the status is <paramref name="expected"/>.</summary>
    public void Send(string method, string path, byte[]? body, int expected)
    {
        var head = body is null
            ? $"{method} {path} HTTP/1.1\r\n{_commonHeaders}\r\n"
            : string.Create(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\n{_commonHeaders}Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
        var request = new byte[Encoding.ASCII.GetByteCount(head) + (body?.Length ?? 0)];
        var written = Encoding.ASCII.GetBytes(head, request);
        body?.CopyTo(request, written);
        _ssl.Write(request);

        var (status, bodyText) = ReadResponse();
        if (status != expected)
        {
            throw new InvalidOperationException($"{method} {path}: {status} {bodyText}");
        }
    }

    public void Dispose()
    {
        _ssl.Dispose();
        _socket.Dispose();
    }

    private (int Status, string Body) ReadResponse()
    {
        var headerLength = FillUntil(HeaderEnd);
        var headers = Encoding.ASCII.GetString(_buffer, _start, headerLength);
        _start += headerLength + HeaderEnd.Length;
        var status = int.Parse(headers.AsSpan(9, 3), CultureInfo.InvariantCulture);
        var contentLength = -1;
        var chunked = false;
        foreach (var line in headers.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = int.Parse(line.AsSpan(15).Trim(), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && line.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                chunked = true;
            }
        }

        var body = new StringBuilder();
        if (chunked)
        {
            while (true)
            {
                var sizeLength = FillUntil("\r\n"u8);
                var size = int.Parse(Encoding.ASCII.GetString(_buffer, _start, sizeLength).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                _start += sizeLength + 2;
                Consume(size + 2, status, body);
                if (size == 0)
                {
                    break;
                }
            }
        }
        else if (contentLength > 0)
        {
            Consume(contentLength, status, body);
        }

        return (status, body.ToString());
    }

    /// <summary>Drops <paramref name="count"/> bytes of body, keeping them only for an error message.</summary>
    private void Consume(int count, int status, StringBuilder body)
    {
        while (count > 0)
        {
            if (_start == _end)
            {
                Read();
            }

            var take = Math.Min(count, _end - _start);
            if (status >= 300 && body.Length < 4096)
            {
                body.Append(Encoding.UTF8.GetString(_buffer, _start, take));
            }

            _start += take;
            count -= take;
        }
    }

    /// <summary>Reads until <paramref name="marker"/> is buffered; returns the bytes before it.</summary>
    private int FillUntil(ReadOnlySpan<byte> marker)
    {
        while (true)
        {
            var at = _buffer.AsSpan(_start, _end - _start).IndexOf(marker);
            if (at >= 0)
            {
                return at;
            }

            Read();
        }
    }

    private void Read()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            var kept = _end - _start;
            var target = kept > _buffer.Length / 2 ? new byte[_buffer.Length * 2] : _buffer;
            Buffer.BlockCopy(_buffer, _start, target, 0, kept);
            _buffer = target;
            _start = 0;
            _end = kept;
        }

        var read = _ssl.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            throw new IOException("the server closed the connection");
        }

        _end += read;
    }
}
