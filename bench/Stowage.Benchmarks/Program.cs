using System.Globalization;
using Stowage.Benchmarks;

// stowage benchmarks.
const string Usage = """
    usage: Stowage.Benchmarks storage [--seconds N] [--dir PATH]
           Stowage.Benchmarks api [--dir PATH] [--results DIR | --no-results] [--quick] [--list-objects N]
           Stowage.Benchmarks binding [--quick]
           Stowage.Benchmarks create-steps [--iterations N] [--whole]
           Stowage.Benchmarks provisioning [--claims N] [--in-flight N] [--diagnose] [--pool-only] [--report PATH]
      api writes bench/results/api-<date>.md (found from the current directory) unless --no-results or --quick.
    """;
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

// Commands with their own options parse them themselves.
if (args[0] == "binding") return await Stowage.Benchmarks.Binding.BindingBenchmark.RunAsync(args[1..]);
if (args[0] == "create-steps")
{
    var iterations = args.Length > 2 && args[1] == "--iterations" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20_000;
    await CreateSteps.RunAsync(iterations, wholeOnly: args.Contains("--whole"), CancellationToken.None);
    return 0;
}
if (args[0] == "provisioning")
{
    using var provisioningStop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; provisioningStop.Cancel(); };
    return await ProvisioningCommand.RunAsync(args[1..], provisioningStop.Token);
}

var seconds = 5.0;
var directory = Path.GetTempPath();
var quick = false;
int? listObjects = null;
var results = ResultsDirectory();
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--seconds" when i + 1 < args.Length:
            seconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--dir" when i + 1 < args.Length:
            directory = args[++i];
            break;
        case "--results" when i + 1 < args.Length:
            results = args[++i];
            break;
        case "--no-results":
            results = null;
            break;
        case "--quick":
            quick = true;
            break;
        case "--list-objects" when i + 1 < args.Length:
            listObjects = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}");
            return 2;
    }
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

switch (args[0])
{
    case "storage":
        await new StorageBenchmark(directory, TimeSpan.FromSeconds(seconds)).RunAsync(stop.Token);
        return 0;
    case "api":
        var options = quick ? ApiBenchmarkOptions.Quick(directory) : new ApiBenchmarkOptions { Directory = directory, ResultsDirectory = results };
        if (listObjects is { } objects)
        {
            options = options with { ListObjects = objects };
        }
        await new ApiBenchmark(options).RunAsync(stop.Token);
        return 0;
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}

// bench/results of the repository holding the current directory, if any.
static string? ResultsDirectory()
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
