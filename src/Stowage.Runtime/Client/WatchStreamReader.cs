using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Meta;

namespace Stowage.Runtime.Client;

/// <summary>
/// Reads a watch stream (one <c>{"type","object"}</c> JSON document per line) straight from its UTF-8
/// bytes: each line is parsed once, the object deserialized from the same reader, with no string or
/// document built in between.
/// </summary>
internal static class WatchStreamReader
{
    /// <summary>The events of <paramref name="stream"/> until it ends; an ERROR event throws its Status.</summary>
    public static async IAsyncEnumerable<WatchEvent<T>> ReadAsync<T>(Stream stream, JsonTypeInfo<T> typeInfo,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IApiObject<T>
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                // Events are parsed before any is handed out (the buffer goes back to the reader first); one
                // that fails ends the watch after those before it.
                var events = new List<WatchEvent<T>>();
                ApiClientException? failure = null;
                try
                {
                    while (TryReadLine(ref buffer, out var line))
                    {
                        if (Parse(line, typeInfo) is { } watchEvent)
                        {
                            events.Add(watchEvent);
                        }
                    }
                    if (result.IsCompleted && !buffer.IsEmpty && Parse(buffer, typeInfo) is { } last)
                    {
                        events.Add(last); // a final line without its newline
                    }
                }
                catch (ApiClientException e)
                {
                    failure = e;
                }
                reader.AdvanceTo(result.IsCompleted || failure is not null ? result.Buffer.End : buffer.Start, result.Buffer.End);
                foreach (var watchEvent in events)
                {
                    yield return watchEvent;
                }
                if (failure is not null)
                {
                    throw failure;
                }
                if (result.IsCompleted)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            if (segment.Span.IndexOfAnyExcept(" \t\r"u8) >= 0)
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is not { } end)
        {
            line = default;
            return false;
        }
        line = buffer.Slice(0, end);
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }

    /// <summary>One event; null for a blank line.</summary>
    internal static WatchEvent<T>? Parse<T>(ReadOnlySequence<byte> line, JsonTypeInfo<T> typeInfo)
        where T : class, IApiObject<T>
    {
        if (IsBlank(line))
        {
            return null;
        }
        var json = new Utf8JsonReader(line);
        json.Read();
        if (json.TokenType != JsonTokenType.StartObject)
        {
            throw new ApiClientException("watch event is not a JSON object");
        }
        string? type = null;
        T? obj = null;
        Status? error = null;
        JsonElement? early = null; // "object" before "type": kept until the type is known
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            if (json.ValueTextEquals("type"u8))
            {
                json.Read();
                type = json.GetString();
            }
            else if (json.ValueTextEquals("object"u8))
            {
                json.Read();
                if (type is null)
                {
                    early = JsonElement.ParseValue(ref json);
                }
                else if (type == "ERROR")
                {
                    error = JsonSerializer.Deserialize(ref json, ApiJsonContext.Default.Status);
                }
                else
                {
                    obj = JsonSerializer.Deserialize(ref json, typeInfo);
                }
            }
            else
            {
                json.Read();
                json.Skip();
            }
        }
        if (early is { } element)
        {
            if (type == "ERROR")
            {
                error = element.Deserialize(ApiJsonContext.Default.Status);
            }
            else
            {
                obj = element.Deserialize(typeInfo);
            }
        }
        if (type == "ERROR")
        {
            throw new ApiClientException(error ?? new Status { Code = 500 });
        }
        if (type is null || obj is null)
        {
            throw new ApiClientException("watch event without " + (type is null ? "type" : "object"));
        }
        return new WatchEvent<T>(type, obj, obj.Metadata.ResourceVersion ?? "");
    }
}
