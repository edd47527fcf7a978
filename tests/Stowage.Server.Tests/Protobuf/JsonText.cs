using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stowage.Server.Tests.Protobuf;

/// <summary>
/// Serialises a node the way Go's encoding/json writes it for these fixtures (no whitespace,
/// <c>\"</c> rather than <c>\u0022</c>), so a decoded body can be compared with kubectl's JSON as text,
/// which also checks the field order.
/// </summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Of(JsonNode node) => node.ToJsonString(Options);
}
