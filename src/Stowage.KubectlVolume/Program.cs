using System.Net.Http;
using System.Net.Sockets;
using Stowage.KubectlVolume.Client;
using Stowage.KubectlVolume.CommandLine;
using Stowage.Kubeconfig;

namespace Stowage.KubectlVolume;

/// <summary><c>kubectl-volume</c>: the kubectl plugin that kubectl runs for <c>kubectl volume ...</c>.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, CancellationToken.None);

    /// <summary>Runs the plugin with the given streams and environment.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, Func<string, string?> environment,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var parsed = VolumeOptionsParser.Parse(args);
        if (parsed.Help)
        {
            await output.WriteLineAsync(Usage.Text).ConfigureAwait(false);
            return 0;
        }
        if (parsed.Options is not { } options)
        {
            await errors.WriteLineAsync($"error: {parsed.Error}").ConfigureAwait(false);
            return 1;
        }
        var notes = new List<string>();
        var (targets, targetError) = TargetResolver.Resolve(options, notes);
        foreach (var note in notes)
        {
            await errors.WriteLineAsync(note).ConfigureAwait(false);
        }
        if (targetError is not null)
        {
            await errors.WriteLineAsync($"error: {targetError}").ConfigureAwait(false);
            return 1;
        }

        ClusterConnection connection;
        try
        {
            var home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            connection = KubeconfigLoader.Load(options.Connection, environment, home);
        }
        catch (Exception e) when (e is KubeconfigException or IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        try
        {
            using var api = new ApiClient(connection);
            return await new VolumeCommand(api, options, connection.Namespace, output, errors).RunAsync(targets, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            await errors.WriteLineAsync($"The connection to the server {connection.Server.Authority} was refused - did you specify the right host or port?").ConfigureAwait(false);
            return 1;
        }
        catch (HttpRequestException e)
        {
            await errors.WriteLineAsync($"Unable to connect to the server: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await errors.WriteLineAsync("Unable to connect to the server: the request timed out").ConfigureAwait(false);
            return 1;
        }
    }
}
