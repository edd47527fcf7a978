using System.Globalization;

namespace Stowage.Benchmarks;

/// <summary>
/// <c>provisioning [--claims N] [--in-flight N] [--timeout SECONDS] [--dir PATH] [--diagnose] [--pool-only] [--report PATH]</c>
/// (as root: the pool makes loop devices and mounts).
/// </summary>
internal static class ProvisioningCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = new ProvisioningOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--claims" when value is not null:
                    options = options with { Claims = int.Parse(value, CultureInfo.InvariantCulture) };
                    i++;
                    break;
                case "--in-flight" when value is not null:
                    options = options with { InFlight = int.Parse(value, CultureInfo.InvariantCulture) };
                    i++;
                    break;
                case "--timeout" when value is not null:
                    options = options with { Timeout = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) };
                    i++;
                    break;
                case "--dir" when value is not null:
                    options = options with { Directory = value };
                    i++;
                    break;
                case "--report" when value is not null:
                    options = options with { ReportPath = value };
                    i++;
                    break;
                case "--pool-only":
                    options = options with { PoolOnly = true };
                    break;
                case "--diagnose":
                    options = options with { Diagnose = true };
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}");
                    return 2;
            }
        }
        return await new ProvisioningBenchmark(options).RunAsync(cancellationToken);
    }
}
