using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Stowage.Server.Loopback;

namespace Stowage.Server.Tests.Loopback;

/// <summary>The loopback transport against small applications: what a client sees, and what the application sees of the client.</summary>
public sealed class LoopbackHandlerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static HttpClient Client(RequestDelegate app) =>
        new(new LoopbackHandler(app)) { BaseAddress = new Uri("https://127.0.0.1:6443/") };

    [Fact]
    public async Task The_application_sees_the_request_and_the_client_gets_status_headers_and_body()
    {
        string? seen = null;
        using var client = Client(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            seen = $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} host={context.Request.Host} " +
                $"auth={context.Request.Headers.Authorization} type={context.Request.ContentType} length={context.Request.ContentLength} body={body}";
            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/json";
            context.Response.Headers["Audit-Id"] = "abc";
            await context.Response.Body.WriteAsync("{\"kind\":\"Status\"}"u8.ToArray(), context.RequestAborted);
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/namespaces/default/configmaps?fieldManager=me&dryRun=All")
        {
            Content = new StringContent("{\"a\":1}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "token-1");

        using var response = await client.SendAsync(request);

        Assert.Equal("POST /api/v1/namespaces/default/configmaps?fieldManager=me&dryRun=All host=127.0.0.1:6443 auth=Bearer token-1 " +
            "type=application/json; charset=utf-8 length=7 body={\"a\":1}", seen);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["abc"], response.Headers.GetValues("Audit-Id"));
        Assert.Equal("{\"kind\":\"Status\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_larger_than_the_buffer_arrives_whole_and_in_order()
    {
        var chunk = Enumerable.Range(0, 10_000).Select(i => (byte)('a' + i % 26)).ToArray();
        using var client = Client(async context =>
        {
            for (var i = 0; i < 30; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });

        var body = await client.GetByteArrayAsync("big");

        Assert.Equal(30 * chunk.Length, body.Length);
        Assert.Equal(Enumerable.Repeat(chunk, 30).SelectMany(c => c), body);
    }

    [Fact]
    public async Task A_flushed_response_streams_before_the_application_ends()
    {
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = Client(async context =>
        {
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.WriteAsync("first\n"u8.ToArray(), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await finish.Task;
            await context.Response.Body.WriteAsync("second\n"u8.ToArray(), context.RequestAborted);
        });
        using var cts = new CancellationTokenSource(Deadline);

        using var response = await client.GetAsync("watch", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));

        Assert.Equal("first", await reader.ReadLineAsync(cts.Token));
        finish.SetResult();
        Assert.Equal("second", await reader.ReadLineAsync(cts.Token));
        Assert.Null(await reader.ReadLineAsync(cts.Token));
    }

    [Fact]
    public async Task Disposing_a_streamed_response_aborts_the_request_as_closing_the_connection_would()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = Client(async context =>
        {
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.RequestAborted.Register(() => aborted.TrySetResult());
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        using var cts = new CancellationTokenSource(Deadline);
        var response = await client.GetAsync("watch", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var stream = await response.Content.ReadAsStreamAsync(cts.Token);
        Assert.False(aborted.Task.IsCompleted);

        await stream.DisposeAsync();
        response.Dispose();

        await aborted.Task.WaitAsync(cts.Token);
    }

    [Fact]
    public async Task A_client_that_gives_up_before_the_response_aborts_the_request()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = Client(async context =>
        {
            context.RequestAborted.Register(() => aborted.TrySetResult());
            started.SetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        using var giveUp = new CancellationTokenSource();
        var send = client.GetAsync("slow", giveUp.Token);
        await started.Task.WaitAsync(Deadline);

        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        await aborted.Task.WaitAsync(Deadline);
    }

    [Fact]
    public async Task A_failure_before_the_response_started_is_a_500_and_after_it_cuts_the_body_off()
    {
        using var before = Client(_ => throw new InvalidOperationException("boom"));
        using var response = await before.GetAsync("x");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());

        using var after = Client(async context =>
        {
            await context.Response.Body.WriteAsync("partial"u8.ToArray(), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            throw new InvalidOperationException("boom");
        });
        using var cts = new CancellationTokenSource(Deadline);
        using var streamed = await after.GetAsync("x", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await streamed.Content.ReadAsStreamAsync(cts.Token));
        await Assert.ThrowsAsync<IOException>(() => reader.ReadToEndAsync(cts.Token));
    }
}
