namespace Stowage;

/// <summary>
/// <c>stowage plugin install [--dir DIR]</c>: puts the <c>kubectl-volume</c> plugin on the PATH so that
/// <c>kubectl volume ...</c> works. The plugin is built next to stowage; what is installed is a small
/// shell script that runs it with the same .NET host, so it works from <c>dotnet build</c> output as
/// well as from a publish directory, and a rebuild needs no reinstall.
/// </summary>
internal static class PluginCommand
{
    private const string PluginName = "kubectl-volume";

    private const string Usage = """
        Usage:
          stowage plugin install [--dir DIR]

        install  Installs the kubectl plugin kubectl-volume (kubectl volume ...: list, add and remove volumes on
                 pod templates, as OpenShift's oc set volume) into DIR, which should be on your PATH.
                 Default DIR: /usr/local/bin as root, else ~/.local/bin.
        """;

    /// <summary>Runs <c>stowage plugin ...</c>; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] != "install")
        {
            Console.Error.WriteLine($"unknown plugin command \"{args[0]}\"\n\n{Usage}");
            return 2;
        }
        string? dir = null;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--dir=", StringComparison.Ordinal))
            {
                dir = args[i]["--dir=".Length..];
            }
            else if (args[i] == "--dir" && i + 1 < args.Length)
            {
                dir = args[++i];
            }
            else
            {
                Console.Error.WriteLine($"invalid option {args[i]}\n\n{Usage}");
                return 2;
            }
        }
        return Install(dir);
    }

    private static int Install(string? dir)
    {
        var plugin = Path.Combine(AppContext.BaseDirectory, PluginName + ".dll");
        if (!File.Exists(plugin))
        {
            Console.Error.WriteLine($"stowage: {plugin} is missing; build src/Stowage.KubectlVolume (dotnet build Stowage.slnx) first");
            return 1;
        }
        dir = Path.GetFullPath(string.IsNullOrEmpty(dir) ? DefaultDirectory() : dir);
        var target = Path.Combine(dir, PluginName);
        var script = $"""
            #!/bin/sh
            # Installed by `stowage plugin install`: kubectl runs this for `kubectl volume ...`.
            exec {Quote(DotnetHost())} {Quote(plugin)} "$@"

            """;
        try
        {
            Directory.CreateDirectory(dir);
            // Write beside the target and rename, so a kubectl running the old script never sees half a file.
            var temp = Path.Combine(dir, $".{PluginName}.{Environment.ProcessId}.tmp");
            File.WriteAllText(temp, script);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"stowage: cannot install {target}: {e.Message}");
            return 1;
        }
        Console.WriteLine($"installed {target}");
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        if (!path.Any(p => Path.GetFullPath(p).TrimEnd('/') == dir.TrimEnd('/')))
        {
            Console.WriteLine($"  {dir} is not on your PATH; add it so that kubectl finds the plugin:");
            Console.WriteLine($"  export PATH=\"{dir}:$PATH\"");
        }
        Console.WriteLine("  kubectl volume --help");
        return 0;
    }

    private static string DefaultDirectory() => Environment.IsPrivilegedProcess
        ? "/usr/local/bin"
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "bin");

    /// <summary>The .NET host that runs stowage now, so the plugin runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }
        return "dotnet";
    }

    /// <summary>Single-quotes a word for sh.</summary>
    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
