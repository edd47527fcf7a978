namespace Stowage.Server.Protobuf;

/// <summary>A decoded intstr.IntOrString: type 0 is an int, type 1 a string.</summary>
internal readonly record struct IntOrStringValue(bool IsString, int IntValue, string StringValue)
{
    public static IntOrStringValue Zero => new(false, 0, string.Empty);
}
