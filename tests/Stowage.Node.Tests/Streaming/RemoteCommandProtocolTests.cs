using System.Text;
using System.Text.Json.Nodes;
using Stowage.Node.Streaming;

namespace Stowage.Node.Tests.Streaming;

public sealed class RemoteCommandProtocolTests
{
    [Fact]
    public void A_frame_is_the_channel_byte_then_the_data()
    {
        Assert.Equal([1, (byte)'h', (byte)'i'], RemoteCommandProtocol.Frame(RemoteCommandProtocol.StdoutChannel, "hi"u8));
        Assert.Equal([3], RemoteCommandProtocol.Frame(RemoteCommandProtocol.ErrorChannel, []));
    }

    [Theory]
    [InlineData(new[] { "v5.channel.k8s.io" }, "v5.channel.k8s.io")]
    [InlineData(new[] { "v4.channel.k8s.io", "v5.channel.k8s.io" }, "v5.channel.k8s.io")]
    [InlineData(new[] { "v4.channel.k8s.io", "channel.k8s.io" }, "v4.channel.k8s.io")]
    [InlineData(new[] { "base64.channel.k8s.io" }, null)]
    public void Negotiation_prefers_v5_then_v4(string[] offered, string? chosen) =>
        Assert.Equal(chosen, RemoteCommandProtocol.Negotiate(offered));

    [Fact]
    public void Only_v5_has_the_stream_close_channel()
    {
        Assert.True(RemoteCommandProtocol.SupportsStreamClose("v5.channel.k8s.io"));
        Assert.False(RemoteCommandProtocol.SupportsStreamClose("v4.channel.k8s.io"));
    }

    [Theory]
    [InlineData("{\"Width\":120,\"Height\":40}", true, 120, 40)]
    [InlineData("{\"Height\":1,\"Width\":2}", true, 2, 1)]
    [InlineData("{\"Width\":-1,\"Height\":40}", false, 0, 0)]
    [InlineData("not json", false, 0, 0)]
    public void Resize_messages_are_read_from_json(string json, bool ok, int width, int height)
    {
        Assert.Equal(ok, RemoteCommandProtocol.TryParseResize(Encoding.UTF8.GetBytes(json), out var size));
        Assert.Equal(new TerminalSize((ushort)width, (ushort)height), size);
    }

    [Fact]
    public void Exit_zero_is_a_success_status()
    {
        var json = JsonNode.Parse(RemoteCommandProtocol.StatusJson(RemoteCommandProtocol.ExitStatus(new ExecOutcome(0, null), ["true"])))!;
        Assert.Equal("Success", (string?)json["status"]);
        Assert.Null(json["reason"]);
    }

    [Fact]
    public void A_non_zero_exit_carries_the_code_as_an_ExitCode_cause()
    {
        var status = RemoteCommandProtocol.ExitStatus(new ExecOutcome(3, null), ["sh", "-c", "exit 3"]);
        var json = JsonNode.Parse(RemoteCommandProtocol.StatusJson(status))!;
        Assert.Equal("Failure", (string?)json["status"]);
        Assert.Equal("NonZeroExitCode", (string?)json["reason"]);
        Assert.Equal("command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3", (string?)json["message"]);
        var cause = json["details"]!["causes"]![0]!;
        Assert.Equal("ExitCode", (string?)cause["reason"]);
        Assert.Equal("3", (string?)cause["message"]);
    }

    [Fact]
    public void A_command_that_could_not_run_is_an_internal_error()
    {
        var status = RemoteCommandProtocol.ExitStatus(new ExecOutcome(255, "exec failed: container does not exist"), ["ls"]);
        Assert.Equal("InternalError", status.Reason);
        Assert.Equal(500, status.Code);
        Assert.Equal("Internal error occurred: error executing command in container: exec failed: container does not exist", status.Message);
    }
}
