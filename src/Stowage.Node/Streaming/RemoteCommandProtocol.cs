using System.Globalization;
using System.Text.Json;
using Stowage.Api;
using Stowage.Api.Meta;

namespace Stowage.Node.Streaming;

/// <summary>
/// Kubernetes' remote command protocol over WebSocket (wsstream): every binary message is one
/// channel byte followed by data. Channels 0-2 are stdin, stdout and stderr; 3 carries one
/// metav1.Status when the command ends; 4 carries terminal resizes as JSON. v5 adds channel 255,
/// whose message <c>[255, n]</c> closes the client's writing side of channel n (stdin end of
/// file, which <c>kubectl cp</c> needs to end tar). The base64 variants are not offered: kubectl
/// 1.32 speaks only v5 (and v4 through older clients).
/// </summary>
public static class RemoteCommandProtocol
{
    /// <summary>v5: v4 plus stream close.</summary>
    public const string V5 = "v5.channel.k8s.io";

    /// <summary>v4: Status on the error channel, resize channel.</summary>
    public const string V4 = "v4.channel.k8s.io";

    /// <summary>Standard input (client to server).</summary>
    public const byte StdinChannel = 0;

    /// <summary>Standard output.</summary>
    public const byte StdoutChannel = 1;

    /// <summary>Standard error.</summary>
    public const byte StderrChannel = 2;

    /// <summary>The final Status.</summary>
    public const byte ErrorChannel = 3;

    /// <summary>Terminal resize (client to server).</summary>
    public const byte ResizeChannel = 4;

    /// <summary>v5 stream close: <c>[255, channel]</c>.</summary>
    public const byte CloseChannel = 255;

    /// <summary>The subprotocols served, most preferred first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [V5, V4];

    /// <summary>Picks the best served subprotocol the client offered; null when none.</summary>
    public static string? Negotiate(IEnumerable<string> offered)
    {
        var set = offered.Select(p => p.Trim()).ToHashSet(StringComparer.Ordinal);
        return Supported.FirstOrDefault(set.Contains);
    }

    /// <summary>True when the protocol has channel 255 (stream close).</summary>
    public static bool SupportsStreamClose(string protocol) => protocol == V5;

    /// <summary>One message: the channel byte, then the data.</summary>
    public static byte[] Frame(byte channel, ReadOnlySpan<byte> data)
    {
        var message = new byte[data.Length + 1];
        message[0] = channel;
        data.CopyTo(message.AsSpan(1));
        return message;
    }

    /// <summary>Reads a resize message's JSON, <c>{"Width":80,"Height":24}</c>.</summary>
    public static bool TryParseResize(ReadOnlySpan<byte> json, out TerminalSize size)
    {
        size = default;
        try
        {
            var reader = new Utf8JsonReader(json);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("Width", out var width) || !width.TryGetUInt16(out var w)
                || !root.TryGetProperty("Height", out var height) || !height.TryGetUInt16(out var h))
            {
                return false;
            }
            size = new TerminalSize(w, h);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// The Status the kubelet writes on the error channel when a command ends: Success; or Failure
    /// with reason NonZeroExitCode, the CRI's message and the exit code as an ExitCode cause
    /// (kubectl exits with that code); or an internal error when the command could not run.
    /// </summary>
    public static Status ExitStatus(ExecOutcome outcome, IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(command);
        if (outcome.Error is { } error)
        {
            return InternalError($"error executing command in container: {error}");
        }
        if (outcome.ExitCode == 0)
        {
            return new Status { Outcome = "Success" };
        }
        var code = outcome.ExitCode.ToString(CultureInfo.InvariantCulture);
        return new Status
        {
            Outcome = "Failure",
            Reason = "NonZeroExitCode",
            Message = $"command terminated with non-zero exit code: error executing command [{string.Join(' ', command)}], exit code {code}",
            Details = new StatusDetails { Causes = [new StatusCause { Reason = "ExitCode", Message = code }] },
        };
    }

    /// <summary>A 500 InternalError Status (apierrors.NewInternalError).</summary>
    public static Status InternalError(string message) => new()
    {
        Outcome = "Failure",
        Code = 500,
        Reason = "InternalError",
        Message = $"Internal error occurred: {message}",
        Details = new StatusDetails { Causes = [new StatusCause { Message = message }] },
    };

    /// <summary>The Status as the error channel carries it (JSON).</summary>
    public static byte[] StatusJson(Status status) => JsonSerializer.SerializeToUtf8Bytes(status, ApiJsonContext.Default.Status);
}
