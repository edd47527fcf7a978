namespace Stowage.Server.Tests.Protobuf;

/// <summary>One captured kubectl request: the command, its protobuf body (hex) and the JSON body
/// kubectl 1.31 sent for the same command.</summary>
internal sealed record KubectlCapture(string Command, string BodyHex, string ExpectedJson)
{
    public byte[] Body => Convert.FromHexString(BodyHex);

    public override string ToString() => Command;
}
