namespace Stowage.Node.Streaming;

/// <summary>A terminal's size, as the resize channel carries it (<c>{"Width":80,"Height":24}</c>).</summary>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
public readonly record struct TerminalSize(ushort Width, ushort Height);
