using System.Text;

namespace Stowage.EndToEnd.Tests.Harness;

/// <summary>
/// One walkthrough of docs/walkthroughs.md run as a user runs it: in its own namespace, made the
/// current one with <c>kubectl config set-context --current --namespace=NS</c> (what <c>oc project</c>
/// does in the seeds) on a private copy of the server's kubeconfig, so walkthroughs sharing a server
/// do not see each other's namespace. Every command and its output goes to a transcript
/// (<c>walkthroughs/NAME.txt</c> beside the test assembly), from which the docs' outputs are taken.
/// </summary>
/// <remarks>
/// The manifests' hostPath volumes live under <see cref="ManifestHostRoot"/>; a walkthrough creates
/// them under its own directory instead (<see cref="CreateAsync"/> rewrites the path), so that two
/// test runs on one machine never share a volume's data, and the directory goes with the test.
/// </remarks>
public sealed class Walkthrough : IAsyncDisposable
{
    /// <summary>Where the walkthrough manifests put their hostPath volumes.</summary>
    public const string ManifestHostRoot = "/tmp/stowage-walkthrough";

    private readonly DirectoryInfo _dir;
    private readonly StringBuilder _transcript = new();
    private readonly string _name;

    private Walkthrough(ServerProcess server, string name)
    {
        _name = name;
        _dir = Directory.CreateTempSubdirectory($"stowage-walk-{name}-");
        Kubeconfig = Path.Combine(_dir.FullName, "kubeconfig.yaml");
        File.Copy(server.Kubeconfig, Kubeconfig);
        HostRoot = Path.Combine(_dir.FullName, "host");
        Directory.CreateDirectory(HostRoot);
        Kubectl = new Kubectl(Kubeconfig);
    }

    /// <summary>The walkthrough's kubeconfig (its current namespace is the walkthrough's).</summary>
    public string Kubeconfig { get; }

    /// <summary>This walkthrough's stand-in for <see cref="ManifestHostRoot"/>.</summary>
    public string HostRoot { get; }

    /// <summary>A scratch directory of the walkthrough's (e.g. for backups).</summary>
    public string Scratch => _dir.FullName;

    /// <summary>kubectl with the walkthrough's kubeconfig, for polling (not recorded).</summary>
    public Kubectl Kubectl { get; }

    /// <summary>Creates the namespace and makes it the current one.</summary>
    public static async Task<Walkthrough> StartAsync(ServerProcess server, string ns)
    {
        var walk = new Walkthrough(server, ns);
        (await walk.RunAsync("create", "namespace", ns)).Ok();
        (await walk.RunAsync("config", "set-context", "--current", "--namespace=" + ns)).Ok();
        return walk;
    }

    /// <summary>Runs kubectl and records the command and its output.</summary>
    public async Task<KubectlResult> RunAsync(params string[] args) => Record("kubectl " + string.Join(' ', args), await Kubectl.RunAsync(args));

    /// <summary>
    /// <c>kubectl VERB -f MANIFEST</c> with the manifest's hostPath root replaced by <see cref="HostRoot"/>
    /// (recorded as the command the docs show).
    /// </summary>
    public async Task<KubectlResult> CreateAsync(string verb, string manifest)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Manifests", manifest));
        var result = await Kubectl.RunAsync([verb, "-f", "-"], text.Replace(ManifestHostRoot, HostRoot, StringComparison.Ordinal));
        return Record($"kubectl {verb} -f {manifest}", result);
    }

    /// <summary>Records a command run some other way (e.g. through the kubectl volume plugin).</summary>
    public KubectlResult Record(string command, KubectlResult result)
    {
        lock (_transcript)
        {
            _transcript.Append("$ ").AppendLine(command).Append(result.Stdout).Append(result.Stderr);
            if (result.ExitCode != 0)
            {
                _transcript.AppendLine($"(exit code {result.ExitCode})");
            }
        }
        return result;
    }

    /// <summary>The name of the one pod with these labels, once it is the only one and not <paramref name="not"/>.</summary>
    public async Task<string> OnlyPodAsync(string selector, params string[] not)
    {
        var names = await Eventually.WaitAsync(
            async () => (await Kubectl.RunAsync(["get", "pod", "-l", selector, "-o", "jsonpath={range .items[*]}{.metadata.name} {.status.phase}{'\\n'}{end}"])).Stdout,
            list => list.Split('\n', StringSplitOptions.RemoveEmptyEntries) is [var only] && only.EndsWith(" Running", StringComparison.Ordinal) && !not.Contains(only.Split(' ')[0]),
            TimeSpan.FromSeconds(60), $"one running pod {selector}");
        return names.Split(' ')[0];
    }

    /// <summary>Waits until a jsonpath of an object has a value.</summary>
    public Task WaitForAsync(string resource, string jsonPath, string value) =>
        Eventually.WaitAsync(async () => (await Kubectl.RunAsync(["get", resource, "-o", "jsonpath=" + jsonPath])).Stdout,
            v => v == value, TimeSpan.FromSeconds(60), $"{resource} {jsonPath} = {value}");

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        var transcripts = Path.Combine(AppContext.BaseDirectory, "walkthroughs");
        Directory.CreateDirectory(transcripts);
        await File.WriteAllTextAsync(Path.Combine(transcripts, _name + ".txt"), _transcript.ToString());
        Kubectl.Dispose();
        try
        {
            _dir.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a directory that cannot go must not fail the walkthrough that used it.
        }
    }
}
