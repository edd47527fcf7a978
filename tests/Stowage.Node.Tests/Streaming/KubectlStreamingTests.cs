using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Stowage.Api.Core;
using Stowage.EndToEnd.Tests.Harness;

namespace Stowage.Node.Tests.Streaming;

/// <summary>The real kubectl against the API server, which proxies to the agent, which runs runc: logs, exec, cp, binding.</summary>
[Collection("runc")]
public sealed class KubectlStreamingTests : IClassFixture<StreamingCluster>
{
    private readonly StreamingCluster _cluster;

    public KubectlStreamingTests(StreamingCluster cluster) => _cluster = cluster;

    private Kubectl Kubectl => _cluster.Kubectl;

    [Fact]
    public async Task Logs_show_what_the_container_wrote_on_stdout_and_stderr()
    {
        var result = await Eventually.WaitAsync(() => Kubectl.RunAsync(["logs", "web", "-c", "main"]),
            r => r.ExitCode == 0 && r.Stdout.Contains("to stderr", StringComparison.Ordinal), what: "logs of web/main");
        Assert.Equal("hello from main\nto stderr\n", result.Stdout);
    }

    [Fact]
    public async Task Logs_previous_show_the_attempt_before()
    {
        var result = (await Kubectl.RunAsync(["logs", "web", "-c", "main", "--previous"])).Ok();
        Assert.Equal("previous run\n", result.Stdout);
    }

    [Fact]
    public async Task Logs_of_a_stopped_container_and_no_previous_attempt()
    {
        Assert.Equal("side log\n", (await Kubectl.RunAsync(["logs", "web", "-c", "side"])).Ok().Stdout);
        var result = (await Kubectl.RunAsync(["logs", "web", "-c", "side", "--previous"])).Fails();
        Assert.Contains("previous terminated container \"side\" in pod \"web\" not found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_tail_keeps_the_last_lines()
    {
        await Eventually.WaitAsync(() => Kubectl.RunAsync(["logs", "web", "-c", "main"]), r => r.Stdout.Contains("to stderr", StringComparison.Ordinal));
        Assert.Equal("to stderr\n", (await Kubectl.RunAsync(["logs", "web", "-c", "main", "--tail=1"])).Ok().Stdout);
    }

    [Fact]
    public async Task Log_errors_are_kubernetes_texts()
    {
        using var client = _cluster.CreateClient();
        var many = await client.GetAsync("/api/v1/namespaces/default/pods/web/log");
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal("a container name must be specified for pod web, choose one of: [main side]", await MessageAsync(many));
        var unknown = await client.GetAsync("/api/v1/namespaces/default/pods/web/log?container=nope");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("container nope is not valid for pod web", await MessageAsync(unknown));
        await _cluster.CreatePodAsync("nohost", null, "c");
        var unscheduled = await client.GetAsync("/api/v1/namespaces/default/pods/nohost/exec?command=true&stdout=true");
        Assert.Equal(HttpStatusCode.BadRequest, unscheduled.StatusCode);
        Assert.Equal("pod nohost does not have a host assigned", await MessageAsync(unscheduled));
        var noLogYet = await client.GetAsync("/api/v1/namespaces/default/pods/nohost/log");
        Assert.Equal(HttpStatusCode.OK, noLogYet.StatusCode);
        Assert.Equal("", await noLogYet.Content.ReadAsStringAsync());
        var missing = (await Kubectl.RunAsync(["logs", "nosuch"])).Fails();
        Assert.Contains("pods \"nosuch\" not found", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_follow_streams_until_the_container_exits()
    {
        var pod = await _cluster.CreatePodAsync("follow", "node-a", "c");
        var container = await _cluster.StartAsync(pod.Metadata.Uid!, "c", 0,
            "sh", "-c", "echo started; while [ ! -e /tmp/stop ]; do sleep 0.1; done; echo finished");
        _cluster.Locator.Set("default", "follow", "c", pod.Metadata.Uid!, container.Id, 0, container.IsRunning);

        using var process = Kubectl.Start("logs", "-f", "follow");
        var output = new StringBuilder();
        var reading = Task.Run(async () =>
        {
            var buffer = new char[256];
            int n;
            while ((n = await process.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (output) output.Append(buffer, 0, n);
            }
        });
        await Eventually.WaitAsync(() => Task.FromResult(Text(output)), t => t.Contains("started", StringComparison.Ordinal), what: "first line while following");
        Assert.False(process.HasExited);
        container.Exec("touch", "/tmp/stop");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(deadline.Token);
        await reading;
        Assert.Equal(0, process.ExitCode);
        Assert.Equal("started\nfinished\n", Text(output));
    }

    [Fact]
    public async Task Exec_separates_stdout_and_stderr_and_exits_with_the_command_code()
    {
        var result = await Kubectl.RunAsync(["exec", "web", "-c", "main", "--", "sh", "-c", "echo out; echo err >&2; exit 3"]);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        Assert.StartsWith("err\n", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("command terminated with exit code 3", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_success_exits_zero()
    {
        var result = (await Kubectl.RunAsync(["exec", "web", "-c", "main", "--", "echo", "hi"])).Ok();
        Assert.Equal("hi\n", result.Stdout);
    }

    [Fact]
    public async Task Exec_with_stdin_reaches_the_command_and_ends_with_it()
    {
        var result = (await Kubectl.RunAsync(["exec", "-i", "web", "-c", "main", "--", "tr", "a-z", "A-Z"], stdin: "hello\nworld\n")).Ok();
        Assert.Equal("HELLO\nWORLD\n", result.Stdout);
    }

    [Fact]
    public async Task Exec_of_a_missing_executable_is_reported()
    {
        var result = (await Kubectl.RunAsync(["exec", "web", "-c", "main", "--", "nosuchcmd"])).Fails();
        Assert.Contains("executable file not found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_with_a_tty_runs_on_a_terminal_of_the_container()
    {
        // kubectl allocates a TTY only when its own stdin is a terminal: run it under script(1).
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _cluster.WorkDir,
        };
        var kubectl = $"kubectl --kubeconfig {_cluster.Server.Credentials.KubeconfigPath} exec -it web -c main -- sh -c 'tty; test -t 0 && echo TTY-OK; stty size; exit 5'";
        foreach (var a in new[] { "-q", "-e", "-c", kubectl, "/dev/null" })
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(deadline.Token);
        process.StandardInput.Close();
        var output = await stdout;
        Assert.True(process.ExitCode == 5, $"exit {process.ExitCode}:\n{output}\n{await stderr}");
        // Two terminals translate the newline (the container's and script's): \r\n or \r\r\n.
        Assert.Matches(@"/dev/pts/\d+\r+\n", output);
        Assert.Matches(@"TTY-OK\r+\n", output);
    }

    [Fact]
    public async Task The_agent_runs_the_same_exec_in_process()
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var streams = new Stowage.Node.Streaming.ExecStreams
        {
            Stdin = new MemoryStream("abc"u8.ToArray()),
            Stdout = (data, _) => { stdout.Write(data.Span); return ValueTask.CompletedTask; },
            Stderr = (data, _) => { stderr.Write(data.Span); return ValueTask.CompletedTask; },
        };
        var outcome = await _cluster.Agent.ExecAsync("default", "web", "main",
            new Stowage.Node.Streaming.ExecRequest(["sh", "-c", "cat; echo oops >&2; exit 7"], Stdin: true, Stdout: true, Stderr: true, Tty: false),
            streams, CancellationToken.None);
        Assert.Equal(new Stowage.Node.Streaming.ExecOutcome(7, null), outcome);
        Assert.Equal("abc", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("oops\n", Encoding.UTF8.GetString(stderr.ToArray()));

        var stopped = await _cluster.Agent.ExecAsync("default", "web", "side",
            new Stowage.Node.Streaming.ExecRequest(["true"], false, true, true, false), new Stowage.Node.Streaming.ExecStreams(), CancellationToken.None);
        Assert.Equal("container \"side\" in pod \"web\" is not running", stopped.Error);
    }

    [Fact]
    public async Task Cp_copies_a_binary_file_into_the_pod_and_back_unchanged()
    {
        var data = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        await File.WriteAllBytesAsync(Path.Combine(_cluster.WorkDir, "payload.bin"), data);
        (await Kubectl.RunAsync(["cp", "payload.bin", "web:/tmp/payload.bin", "-c", "main"], timeout: TimeSpan.FromSeconds(120))).Ok();
        Assert.Equal($"{data.Length}\n", (await Kubectl.RunAsync(["exec", "web", "-c", "main", "--", "sh", "-c", "wc -c < /tmp/payload.bin"])).Ok().Stdout.TrimStart());
        (await Kubectl.RunAsync(["cp", "web:/tmp/payload.bin", "back.bin", "-c", "main"], timeout: TimeSpan.FromSeconds(120))).Ok();
        Assert.Equal(data, await File.ReadAllBytesAsync(Path.Combine(_cluster.WorkDir, "back.bin")));
    }

    [Fact]
    public async Task Binding_assigns_a_node_once_then_conflicts()
    {
        using var client = _cluster.CreateClient();
        var body = new StringContent("""{"apiVersion":"v1","kind":"Binding","metadata":{"name":"unbound"},"target":{"kind":"Node","name":"node-a"}}""", Encoding.UTF8, "application/json");
        var first = await client.PostAsync("/api/v1/namespaces/default/pods/unbound/binding", body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("Success", (string?)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["status"]);

        var pod = JsonNode.Parse(await client.GetStringAsync("/api/v1/namespaces/default/pods/unbound"))!;
        Assert.Equal("node-a", (string?)pod["spec"]!["nodeName"]);
        Assert.Contains(pod["status"]!["conditions"]!.AsArray(), c => (string?)c!["type"] == "PodScheduled" && (string?)c["status"] == "True");

        var second = await client.PostAsync("/api/v1/namespaces/default/pods/unbound/binding",
            new StringContent("""{"metadata":{"name":"unbound"},"target":{"name":"node-b"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("Operation cannot be fulfilled on pods/binding \"unbound\": pod unbound is already assigned to node \"node-a\"", await MessageAsync(second));

        var invalid = await client.PostAsync("/api/v1/namespaces/default/pods/web/binding",
            new StringContent("""{"metadata":{"name":"web"},"target":{"kind":"Pod"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal((HttpStatusCode)422, invalid.StatusCode);
    }

    [Fact]
    public async Task Discovery_lists_the_pod_subresources()
    {
        var result = (await Kubectl.RunAsync(["get", "--raw", "/api/v1"])).Ok();
        var names = JsonNode.Parse(result.Stdout)!["resources"]!.AsArray().Select(r => (string?)r!["name"]).ToList();
        Assert.Contains("pods/log", names);
        Assert.Contains("pods/exec", names);
        Assert.Contains("pods/binding", names);
        Assert.Contains("pods/status", names);
        var openapi = (await Kubectl.RunAsync(["get", "--raw", "/openapi/v3/api/v1"])).Ok();
        var paths = JsonNode.Parse(openapi.Stdout)!["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/namespaces/{namespace}/pods/{name}/log"));
        Assert.True(paths.ContainsKey("/api/v1/namespaces/{namespace}/pods/{name}/exec"));
        Assert.True(paths.ContainsKey("/api/v1/namespaces/{namespace}/pods/{name}/binding"));
    }

    private static async Task<string?> MessageAsync(HttpResponseMessage response) =>
        (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"];

    private static string Text(StringBuilder output)
    {
        lock (output) return output.ToString();
    }
}
