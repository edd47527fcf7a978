using System.Diagnostics;
using Stowage.EndToEnd.Tests.Harness;

namespace Stowage.EndToEnd.Tests;

/// <summary>
/// <c>stowage agent</c> as a user starts it to add a node: it reads the kubeconfig the server wrote,
/// registers its Node, runs the pods bound to it and stops on SIGTERM; a kubeconfig it cannot use
/// gets a one-line error before anything starts.
/// </summary>
[Collection(RuncCollection.Name)]
public sealed class AgentTests : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly ServerFixture _fixture;

    public AgentTests(ServerFixture fixture) => _fixture = fixture;

    private Kubectl K => _fixture.Kubectl;

    [Fact]
    public async Task A_second_node_joins_with_stowage_agent_and_runs_the_pods_bound_to_it()
    {
        const string node = "e2e-agent";
        var dataDir = Path.Combine(Path.GetTempPath(), "stowage-agent-" + Guid.NewGuid().ToString("N")[..12]);
        using var agent = StartStowage(["agent", "--kubeconfig", _fixture.Server.Kubeconfig, "--data-dir", dataDir, "--node-name", node, "--port", "0"]);
        try
        {
            await Eventually.WaitAsync(
                async () => (await K.RunAsync(["get", "node", node, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}"])).Stdout,
                ready => ready == "True", Timeout, $"node {node} Ready\n{agent.Output}");

            (await K.RunAsync(["run", "on-agent", "--image=busybox", "--restart=Never", $"--overrides={{\"spec\":{{\"nodeName\":\"{node}\"}}}}",
                "--", "sh", "-c", "echo hello from $(hostname)"])).Ok();
            await Eventually.WaitAsync(
                async () => (await K.RunAsync(["get", "pod", "on-agent", "-o", "jsonpath={.status.phase}"])).Stdout,
                phase => phase == "Succeeded", Timeout, "pod on-agent Succeeded");
            // Logs come through the API server from the agent's own streaming port.
            Assert.Equal("hello from on-agent\n", (await K.RunAsync(["logs", "on-agent"])).Ok().Stdout);
            Assert.True(Directory.Exists(Path.Combine(dataDir, "node", "pods")), "the pod ran under the agent's data directory");

            (await K.RunAsync(["delete", "pod", "on-agent", "--wait=true", "--timeout=60s"])).Ok();
            agent.Signal("TERM");
            Assert.Equal(0, await agent.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            agent.Kill();
            ServerProcess.CleanUpNode(dataDir);
            await K.RunAsync(["delete", "node", node, "--ignore-not-found"]);
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task An_agent_without_a_kubeconfig_or_with_one_it_cannot_use_says_why_and_exits()
    {
        using (var none = StartStowage(["agent"]))
        {
            Assert.Equal(2, await none.WaitForExitAsync(Timeout));
            Assert.Contains("stowage agent: --kubeconfig FILE is required", none.Output, StringComparison.Ordinal);
        }

        using (var missing = StartStowage(["agent", "--kubeconfig", "/no/such/kubeconfig"]))
        {
            Assert.Equal(1, await missing.WaitForExitAsync(Timeout));
            Assert.Contains("stowage agent: stat /no/such/kubeconfig: no such file or directory", missing.Output, StringComparison.Ordinal);
        }

        // The server's kubeconfig with the user's token replaced by a user name: agents need a token.
        var noToken = Path.Combine(Path.GetTempPath(), "stowage-agent-" + Guid.NewGuid().ToString("N")[..12] + ".yaml");
        var lines = await File.ReadAllLinesAsync(_fixture.Server.Kubeconfig);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("token:", StringComparison.Ordinal));
        await File.WriteAllLinesAsync(noToken, lines.Select(l => l.TrimStart().StartsWith("token:", StringComparison.Ordinal) ? l[..l.IndexOf('t', StringComparison.Ordinal)] + "username: admin" : l));
        try
        {
            // Through $KUBECONFIG, as kubectl would read it.
            using var wrong = StartStowage(["agent"], ("KUBECONFIG", noToken));
            Assert.Equal(1, await wrong.WaitForExitAsync(Timeout));
            Assert.Contains("stowage agent: the user has no token (stowage agents authenticate with a bearer token)", wrong.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(noToken);
        }
    }

    private static StowageProcess StartStowage(string[] args, params (string Name, string? Value)[] environment) =>
        new(args, environment);

    /// <summary>A <c>stowage</c> command run as a user runs it, its output collected.</summary>
    private sealed class StowageProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringWriter _output = new();

        public StowageProcess(string[] args, (string Name, string? Value)[] environment)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "stowage.dll"));
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            start.Environment.Remove("KUBECONFIG");
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
            _process = Process.Start(start) ?? throw new InvalidOperationException("could not start stowage");
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public void Signal(string signal) => ServerProcess.Signal(_process.Id, signal);

        public async Task<int> WaitForExitAsync(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(cancel.Token);
            return _process.ExitCode;
        }

        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.WriteLine(line);
                }
            }
        }
    }
}
