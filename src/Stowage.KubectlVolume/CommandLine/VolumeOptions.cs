using Stowage.Kubeconfig;
using Stowage.KubectlVolume.Editing;

namespace Stowage.KubectlVolume.CommandLine;

/// <summary>A parsed and completed <c>kubectl volume</c> command line.</summary>
internal sealed record VolumeOptions
{
    /// <summary>What to do.</summary>
    public VolumeOperation Operation { get; init; }

    /// <summary>The positional arguments: TYPE/NAME..., or TYPE [NAME...].</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary><c>--all</c>: every object of the types given.</summary>
    public bool All { get; init; }

    /// <summary><c>-l/--selector</c>.</summary>
    public string? Selector { get; init; }

    /// <summary><c>--name</c>: the volume.</summary>
    public string? Name { get; init; }

    /// <summary><c>-c/--containers</c>.</summary>
    public string Containers { get; init; } = ContainerSelector.All;

    /// <summary><c>--confirm</c>.</summary>
    public bool Confirm { get; init; }

    /// <summary>The options of <c>--add</c>.</summary>
    public AddVolumeOptions Add { get; init; } = new();

    /// <summary><c>-o/--output</c>: json, yaml or name; null prints oc's "volume updated" line.</summary>
    public string? Output { get; init; }

    /// <summary><c>--dry-run</c>.</summary>
    public DryRun DryRun { get; init; }

    /// <summary>How to reach the server.</summary>
    public ConnectionOptions Connection { get; init; } = new();
}
