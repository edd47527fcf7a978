using System.Text;
using Stowage.Node.Streaming;

namespace Stowage.Node.Tests.Streaming;

public sealed class ContainerLogReaderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "stowage-logs-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly FixedLocator _locator = new();
    private readonly NodePaths _paths;

    public ContainerLogReaderTests()
    {
        _paths = new NodePaths(_root);
        Write(0, "old 1\nold 2\n");
        Write(1, "a\nb\nc\nd");
        _locator.Set("ns", "p", "c", "uid", "uid-c", 1, () => false);
        _locator.Set("ns", "p", "fresh", "uid", "uid-fresh", 0, () => false);
        _locator.Set("ns", "p", "never", "uid", "uid-never", -1, () => false);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(int attempt, string text, string container = "c")
    {
        var path = _paths.ContainerLog("uid", container, attempt);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private async Task<string> ReadAsync(LogOptions options, string container = "c")
    {
        var reader = new ContainerLogReader(_paths, _locator, TimeProvider.System);
        using var output = new MemoryStream();
        await reader.Open("ns", "p", container, options)(output, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public async Task The_current_attempt_is_served_whole() => Assert.Equal("a\nb\nc\nd", await ReadAsync(new LogOptions()));

    [Fact]
    public async Task Previous_is_the_attempt_before() => Assert.Equal("old 1\nold 2\n", await ReadAsync(new LogOptions { Previous = true }));

    [Theory]
    [InlineData(0, "")]
    [InlineData(1, "d")]
    [InlineData(2, "c\nd")]
    [InlineData(10, "a\nb\nc\nd")]
    public async Task Tail_lines_counts_a_last_line_without_newline(long lines, string expected) =>
        Assert.Equal(expected, await ReadAsync(new LogOptions { TailLines = lines }));

    [Fact]
    public async Task Tail_lines_does_not_count_the_final_newline_as_a_line() =>
        Assert.Equal("old 2\n", await ReadAsync(new LogOptions { Previous = true, TailLines = 1 }));

    [Fact]
    public async Task Limit_bytes_cuts_the_output() => Assert.Equal("a\nb", await ReadAsync(new LogOptions { LimitBytes = 3 }));

    [Fact]
    public async Task Timestamps_prefix_every_line()
    {
        var lines = (await ReadAsync(new LogOptions { Timestamps = true })).Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z [a-d]$", l));
    }

    [Fact]
    public void No_previous_attempt_is_kubernetes_error()
    {
        var reader = new ContainerLogReader(_paths, _locator, TimeProvider.System);
        var e = Assert.Throws<ContainerLogException>(() => reader.Open("ns", "p", "fresh", new LogOptions { Previous = true }));
        Assert.Equal(400, e.StatusCode);
        Assert.Equal("previous terminated container \"fresh\" in pod \"p\" not found", e.Message);
    }

    [Fact]
    public void A_container_that_never_ran_is_waiting_to_start()
    {
        var reader = new ContainerLogReader(_paths, _locator, TimeProvider.System);
        var e = Assert.Throws<ContainerLogException>(() => reader.Open("ns", "p", "never", new LogOptions()));
        Assert.Equal("container \"never\" in pod \"p\" is waiting to start: ContainerCreating", e.Message);
    }

    [Fact]
    public void An_unknown_container_is_not_found()
    {
        var reader = new ContainerLogReader(_paths, _locator, TimeProvider.System);
        Assert.Equal(404, Assert.Throws<ContainerLogException>(() => reader.Open("ns", "p", "nope", new LogOptions())).StatusCode);
    }

    [Fact]
    public async Task Follow_ends_when_the_container_is_not_running_and_the_file_is_drained() =>
        Assert.Equal("a\nb\nc\nd", await ReadAsync(new LogOptions { Follow = true }));
}
