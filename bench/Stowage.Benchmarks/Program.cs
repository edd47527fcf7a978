using System.Globalization;
using Stowage.Benchmarks;

// stowage benchmarks. Usage: Stowage.Benchmarks storage [--seconds N] [--dir PATH] [--case raw1|raw100|store1|store32]
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: Stowage.Benchmarks storage [--seconds N] [--dir PATH] [--case raw1|raw100|store1|store32]...");
    return args.Length == 0 ? 2 : 0;
}

if (args[0] == "binding") return await Stowage.Benchmarks.Binding.BindingBenchmark.RunAsync(args[1..]);
var seconds = 5.0;
var directory = Path.GetTempPath();
var cases = new List<string>();
for (var i = 1; i < args.Length && args[0] != "provisioning"; i++)
{
    switch (args[i])
    {
        case "--seconds" when i + 1 < args.Length:
            seconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--dir" when i + 1 < args.Length:
            directory = args[++i];
            break;
        case "--case" when i + 1 < args.Length:
            cases.Add(args[++i]);
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
    case "provisioning":
        return await ProvisioningCommand.RunAsync(args[1..], stop.Token);
    case "storage":
        await new StorageBenchmark(directory, TimeSpan.FromSeconds(seconds), cases).RunAsync(stop.Token);
        return 0;
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}
