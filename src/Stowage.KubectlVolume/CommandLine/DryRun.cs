namespace Stowage.KubectlVolume.CommandLine;

/// <summary>kubectl's <c>--dry-run</c>.</summary>
internal enum DryRun
{
    /// <summary>Write.</summary>
    None,

    /// <summary>Print what would be written, without calling the server to write.</summary>
    Client,

    /// <summary>Send the writes with <c>dryRun=All</c>.</summary>
    Server,
}
