using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stowage.Api.Patching;

/// <summary>One entry of <c>metadata.managedFields</c> (metav1.ManagedFieldsEntry) with its fields decoded.</summary>
public sealed record ManagedFieldsEntry
{
    /// <summary>The field manager, e.g. "kubectl-client-side-apply".</summary>
    public required string Manager { get; init; }

    /// <summary>Apply or Update.</summary>
    public required ManagedFieldsOperation Operation { get; init; }

    /// <summary>The API version the fields are expressed in, e.g. "v1".</summary>
    public required string ApiVersion { get; init; }

    /// <summary>When the manager last changed the object; second precision, UTC. Null if unknown.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The fields owned.</summary>
    public required FieldSet Fields { get; init; }

    /// <summary>The subresource written through ("status"), or null for the main resource.</summary>
    public string? Subresource { get; init; }

    /// <summary>
    /// The entry as Kubernetes serialises it: manager, operation, apiVersion, time, fieldsType,
    /// fieldsV1, subresource (omitted when empty).
    /// </summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["manager"] = Manager,
            ["operation"] = Operation.ToString(),
            ["apiVersion"] = ApiVersion,
        };
        if (Time is { } time)
        {
            json["time"] = FormatTime(time);
        }

        json["fieldsType"] = "FieldsV1";
        json["fieldsV1"] = Fields.ToFieldsV1();
        if (!string.IsNullOrEmpty(Subresource))
        {
            json["subresource"] = Subresource;
        }

        return json;
    }

    /// <summary>Reads one entry, validating it as kube-apiserver's decodeManagedFields does.</summary>
    /// <exception cref="FormatException">The entry is invalid; the message is Kubernetes'.</exception>
    public static ManagedFieldsEntry FromJson(JsonNode? json, int index)
    {
        if (json is not JsonObject entry)
        {
            throw new FormatException($"managed fields entry {index} is not an object");
        }

        var (operation, apiVersion) = CheckHeader(ReadString(entry, "operation"), ReadString(entry, "apiVersion"), ReadString(entry, "fieldsType"), index);

        DateTimeOffset? time = null;
        if (ReadString(entry, "time") is { Length: > 0 } text)
        {
            time = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? Truncate(parsed)
                : throw new FormatException($"invalid time \"{text}\" in managed fields entry {index}");
        }

        FieldSet fields;
        try
        {
            fields = FieldSet.FromFieldsV1(entry["fieldsV1"]);
        }
        catch (FormatException e)
        {
            throw new FormatException($"error decoding versioned set from managed fields entry {index}: {e.Message}", e);
        }

        return new ManagedFieldsEntry
        {
            Manager = ReadString(entry, "manager") ?? "",
            Operation = operation,
            ApiVersion = apiVersion,
            Time = time,
            Fields = fields,
            Subresource = ReadString(entry, "subresource") is { Length: > 0 } s ? s : null,
        };
    }

    /// <summary>
    /// Reads one entry of a decoded object, validating it as <see cref="FromJson"/> does (the same messages);
    /// its time was read by the object's decoder.
    /// </summary>
    /// <exception cref="FormatException">The entry is invalid; the message is Kubernetes'.</exception>
    public static ManagedFieldsEntry FromApi(Stowage.Api.Meta.ManagedFieldsEntry entry, int index)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (operation, apiVersion) = CheckHeader(entry.Operation, entry.ApiVersion, entry.FieldsType, index);

        FieldSet fields;
        try
        {
            fields = FieldSet.FromFieldsV1(entry.FieldsV1);
        }
        catch (FormatException e)
        {
            throw new FormatException($"error decoding versioned set from managed fields entry {index}: {e.Message}", e);
        }

        return new ManagedFieldsEntry
        {
            Manager = entry.Manager ?? "",
            Operation = operation,
            ApiVersion = apiVersion,
            Time = entry.Time is { } time ? Truncate(time) : null,
            Fields = fields,
            Subresource = string.IsNullOrEmpty(entry.Subresource) ? null : entry.Subresource,
        };
    }

    // The checks on operation, apiVersion and fieldsType that both readers make, in Kubernetes' order.
    private static (ManagedFieldsOperation Operation, string ApiVersion) CheckHeader(string? operation, string? apiVersion, string? fieldsType, int index)
    {
        var op = operation switch
        {
            "Apply" => ManagedFieldsOperation.Apply,
            "Update" => ManagedFieldsOperation.Update,
            _ => throw new FormatException("operation must be `Apply` or `Update`"),
        };
        if (string.IsNullOrEmpty(apiVersion))
        {
            throw new FormatException("apiVersion must not be empty");
        }

        switch (fieldsType)
        {
            case "FieldsV1":
                return (op, apiVersion);
            case null or "":
                throw new FormatException($"missing fieldsType in managed fields entry {index}");
            default:
                throw new FormatException($"invalid fieldsType \"{fieldsType}\" in managed fields entry {index}");
        }
    }

    /// <summary>A time as metav1.Time serialises: RFC 3339, seconds, UTC.</summary>
    internal static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Drops sub-second precision, as metav1.Time does.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static string? ReadString(JsonObject entry, string name) =>
        entry[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
