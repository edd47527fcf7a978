using System.Globalization;

namespace Stowage.Benchmarks.Binding;

/// <summary>What the <c>binding</c> command runs, and where it writes.</summary>
internal sealed record BindingOptions
{
    public const string Usage = """
        usage: Stowage.Benchmarks binding [--volumes N] [--warm-up N] [--pool N] [--paced N] [--rate PER_S] [--baseline-rows N]
                                          [--concurrency N] [--patience SECONDS] [--dir PATH] [--results DIR | --no-results] [--quick]
          Baseline (durable single-row SQLite transactions), then an in-process server + controller manager:
          a warm-up round (--warm-up N volumes and claims, unmeasured; 0 for none), then N volumes and
          N claims created through the API until all are Bound, then claims paced at PER_S
          against a pool of Available volumes. Writes bench/results/binding-<date>.md unless --no-results or --quick.
        """;

    /// <summary>Rows of the durable-insert baseline.</summary>
    public int BaselineRows { get; init; } = 20_000;

    /// <summary>Volumes, and as many claims, of the bulk phase.</summary>
    public int Volumes { get; init; } = 10_000;

    /// <summary>Volumes, and as many claims, of each unmeasured warm-up round (a multiple of the workload's 16 cells).</summary>
    public int WarmUp { get; init; } = 1_600;

    /// <summary>Available volumes made ready before the paced phase.</summary>
    public int Pool { get; init; } = 1_000;

    /// <summary>Claims of the paced phase.</summary>
    public int Paced { get; init; } = 1_000;

    /// <summary>Claim creations per second in the paced phase.</summary>
    public double Rate { get; init; } = 100;

    /// <summary>API requests in flight while creating in bulk.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>How long to wait for volumes to become Available or claims Bound before giving up.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Where the temp data directories go.</summary>
    public string Directory { get; init; } = Path.GetTempPath();

    /// <summary>Where the markdown report goes; null for none.</summary>
    public string? ResultsDirectory { get; init; } = RepositoryResults();

    /// <summary>Parses the command's arguments; null (after printing why) when they are wrong.</summary>
    public static BindingOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new BindingOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            try
            {
                options = args[i] switch
                {
                    "--volumes" => options with { Volumes = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--warm-up" => options with { WarmUp = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--pool" => options with { Pool = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--paced" => options with { Paced = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--rate" => options with { Rate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--baseline-rows" => options with { BaselineRows = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--concurrency" => options with { Concurrency = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--patience" => options with { Patience = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                    "--dir" => options with { Directory = Next() },
                    "--results" => options with { ResultsDirectory = Next() },
                    "--no-results" => options with { ResultsDirectory = null },
                    "--quick" => options with { Volumes = 1_000, WarmUp = 320, Pool = 200, Paced = 200, BaselineRows = 2_000, Patience = TimeSpan.FromMinutes(2), ResultsDirectory = null },
                    _ => throw new FormatException($"unknown argument {args[i]}"),
                };
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine(Usage);
                return null;
            }
        }
        if (options.WarmUp < 0 || options.WarmUp % 16 != 0)
        {
            Console.Error.WriteLine("--warm-up must be a multiple of 16, so that its claims bind exactly its own volumes");
            return null;
        }
        if (options.Pool < options.Paced)
        {
            Console.Error.WriteLine("--pool must be at least --paced: every paced claim needs a volume");
            return null;
        }
        return options;
    }

    // bench/results of the repository holding the current directory, if any.
    private static string? RepositoryResults()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Stowage.slnx")))
            {
                return Path.Combine(dir.FullName, "bench", "results");
            }
        }
        return null;
    }
}
