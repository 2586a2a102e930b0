using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.VisitDay;

/// <summary>
/// The live page's server-sent event stream (<c>text/event-stream</c>). It reads the visit from the database, not from
/// this process's memory: every <see cref="VisitDayOptions.StreamPollSeconds"/> it asks for the booking's row version
/// (one indexed read), and only when that moved does it read the visit again and send it. So a tap handled by any node
/// behind the balancer reaches every client's page within a poll, whichever node holds the stream.
/// </summary>
/// <remarks>
/// Each message is <c>event: visit</c> with the visit's JSON (as <c>GET …/visit</c> answers) and its version as the id;
/// a comment line every 15 seconds keeps proxies from closing a quiet stream; <c>event: end</c> says nothing more will
/// change (the visit is closed or checked out), and the stream closes after <see cref="VisitDayOptions.StreamMinutes"/>
/// (the browser reconnects by itself, after the <c>retry</c> it was told). Headers: <c>Cache-Control: no-store</c> and
/// <c>X-Accel-Buffering: no</c>, so nginx passes each message on at once.
/// </remarks>
public static class VisitStream
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(
        Guid id, HttpContext http, VisitTracker tracker, IOptions<VisitDayOptions> options, IHostApplicationLifetime lifetime,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<VisitTracker> logger)
    {
        var state = await tracker.ViewAsync(id, http.User, http.RequestAborted);
        if (state is null)
        {
            await ApiProblems.NotFound("Unknown visit", "There is no such visit among yours.").ExecuteAsync(http);
            return;
        }

        var settings = options.Value;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        stop.CancelAfter(TimeSpan.FromMinutes(settings.StreamMinutes));
        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        logger.StreamOpened(id);

        try
        {
            await WriteAsync(response, "retry: 3000\n\n", stop.Token);
            await SendAsync(response, state, json.Value.SerializerOptions, stop.Token);
            var version = state.Version;
            var quiet = TimeSpan.Zero;
            var poll = TimeSpan.FromSeconds(settings.StreamPollSeconds);
            while (!state.IsOver)
            {
                await Task.Delay(poll, stop.Token);
                if (await tracker.VersionAsync(id, stop.Token) is not { } now)
                {
                    break;
                }

                if (now != version && await tracker.ViewAsync(id, http.User, stop.Token) is { } changed)
                {
                    (state, version, quiet) = (changed, changed.Version, TimeSpan.Zero);
                    await SendAsync(response, state, json.Value.SerializerOptions, stop.Token);
                    continue;
                }

                quiet += poll;
                if (quiet >= Heartbeat)
                {
                    quiet = TimeSpan.Zero;
                    await WriteAsync(response, ": still here\n\n", stop.Token);
                }
            }

            await WriteAsync(response, "event: end\ndata: {}\n\n", stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page went away, the stream's time is up, or the app is stopping: the browser reconnects if it still wants to.
        }
    }

    private static Task SendAsync(HttpResponse response, VisitLive state, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var visit = VisitDto.From(state);
        return WriteAsync(response, $"event: visit\nid: {visit.Version}\ndata: {JsonSerializer.Serialize(visit, json)}\n\n", cancellationToken);
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
