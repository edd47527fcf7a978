namespace Stowage.KubectlVolume.CommandLine;

/// <summary>A command line parsed: options to run, an error (kubectl's text, without "error: "), or a request for help.</summary>
/// <param name="Options">The options, when the command line is valid.</param>
/// <param name="Error">What is wrong with it.</param>
/// <param name="Help">Whether -h/--help was asked for.</param>
/// <param name="Notes">Notes for stderr (e.g. dc mapped to deployments).</param>
internal sealed record ParseResult(VolumeOptions? Options, string? Error, bool Help, IReadOnlyList<string> Notes)
{
    /// <summary>A failed parse.</summary>
    public static ParseResult Fail(string error) => new(null, error, false, []);
}
