using Stowage.Node;
using Stowage.Node.Images;

namespace Stowage;

/// <summary><c>stowage image import NAME[:TAG] FILE</c> and <c>stowage image ls</c>: the node's image store.</summary>
internal static class ImageCommand
{
    public const string Usage = """
          stowage image import NAME[:TAG] FILE [--data-dir DIR]
          stowage image ls [--data-dir DIR]
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var dataDir = Environment.GetEnvironmentVariable("STOWAGE_DATA_DIR") ?? Path.Combine(Environment.CurrentDirectory, ".stowage");
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--data-dir" && i + 1 < args.Length)
            {
                dataDir = args[++i];
            }
            else if (args[i].StartsWith("--data-dir=", StringComparison.Ordinal))
            {
                dataDir = args[i]["--data-dir=".Length..];
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return Fail($"unknown option {args[i]}");
            }
            else
            {
                positional.Add(args[i]);
            }
        }
        var store = new ImageStore(new NodePaths(Path.Combine(Path.GetFullPath(dataDir), "node")).Images);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            return positional switch
            {
                ["import", var name, var file] => await ImportAsync(store, name, file, cancel.Token).ConfigureAwait(false),
                ["ls"] => await ListAsync(store, cancel.Token).ConfigureAwait(false),
                _ => Fail("expected \"image import NAME[:TAG] FILE\" or \"image ls\""),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.Error.WriteLine($"stowage: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> ImportAsync(ImageStore store, string name, string file, CancellationToken cancellationToken)
    {
        var image = await store.ImportAsync(name, file, cancellationToken).ConfigureAwait(false);
        var command = string.Join(' ', image.Entrypoint.Concat(image.Cmd));
        Console.WriteLine($"imported {image.Name} (command: {(command.Length == 0 ? "none" : command)})");
        return 0;
    }

    private static async Task<int> ListAsync(ImageStore store, CancellationToken cancellationToken)
    {
        // The built-in image is built on first use, so a fresh node lists it too.
        try
        {
            await store.EnsureBuiltInAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"stowage: no built-in busybox image: {e.Message}");
        }
        Console.WriteLine($"{"IMAGE",-60} SIZE");
        foreach (var image in await store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var name in image.Names)
            {
                Console.WriteLine($"{name,-60} {image.SizeBytes / 1048576.0:F1} MiB");
            }
        }
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"stowage image: {message}\n\nUsage:\n{Usage}");
        return 2;
    }
}
