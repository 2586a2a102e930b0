using System.Security.Claims;
using NodaTime;
using Pinpoint.Core.Visits;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Welfare;

public sealed record CloseAlertInput(string? Note);

/// <summary>A welfare alert. <c>concern</c> is no-check-in, no-check-out or help; <c>level</c> concern, serious or urgent; <c>state</c> open, acknowledged or closed.</summary>
public sealed record WelfareAlertDto(
    long Id, Guid BookingId, string Concern, string Level, string State, Instant RaisedAt, Instant? EscalatedAt,
    Instant? AcknowledgedAt, Instant? ClosedAt, string? CloseNote)
{
    public static WelfareAlertDto From(WelfareAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new WelfareAlertDto(alert.Id, alert.BookingId, ConcernKey(alert.Concern), alert.Level.ToString().ToLowerInvariant(),
            alert.State.ToString().ToLowerInvariant(), alert.RaisedAt, alert.EscalatedAt, alert.AcknowledgedAt, alert.ClosedAt, alert.CloseNote);
    }

    public static string ConcernKey(WelfareConcern concern) => concern switch
    {
        WelfareConcern.Help => "help",
        WelfareConcern.NoCheckOut => "no-check-out",
        _ => "no-check-in",
    };
}

public sealed record BoardAlertDto(long Id, string Concern, string Level, string State, Instant RaisedAt, string? AcknowledgedBy, Instant? AcknowledgedAt);

public sealed record BoardPersonDto(string Name, string? Mobile);

public sealed record BoardVisitDto(
    Guid BookingId, string Group, string Stage, BoardPersonDto Therapist, BoardPersonDto Client, string Address, Instant Start, Instant End,
    Instant? EtaAt, Instant? ArrivedAt, Instant? CheckedOutAt, BoardAlertDto[] Alerts)
{
    public static BoardVisitDto From(BoardVisit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return new BoardVisitDto(visit.BookingId, visit.Group, visit.StageText, new BoardPersonDto(visit.Therapist, visit.TherapistMobile),
            new BoardPersonDto(visit.Client, visit.ClientMobile), visit.Address, visit.Start, visit.End, visit.EtaAt, visit.ArrivedAt, visit.CheckedOutAt,
            [.. visit.Alerts.Select(a => new BoardAlertDto(a.Id, WelfareAlertDto.ConcernKey(a.Concern), a.Level.ToString().ToLowerInvariant(),
                a.State.ToString().ToLowerInvariant(), a.RaisedAt, a.AcknowledgedBy, a.AcknowledgedAt))]);
    }
}

public sealed record BoardGroupDto(string Key, string Title, BoardVisitDto[] Visits);

/// <param name="Day">The service area's day (its zone) the board shows.</param>
public sealed record BoardDto(LocalDate Day, string Zone, Instant Now, BoardVisitDto[] Alerts, BoardGroupDto[] Groups);

/// <summary>The therapist's "I need help", and the operators' board and alert actions.</summary>
public static class WelfareApi
{
    public static RouteGroupBuilder MapWelfareApi(this RouteGroupBuilder api)
    {
        api.MapPost("/bookings/{id:guid}/visit/help", Help).WithTags("Visit day").RequireAuthorization().RequireRateLimiting(AbuseLimits.PublicApi)
            .WithName("AskForHelp")
            .WithSummary("The visit's therapist asks for help: an urgent welfare alert at once and an email to the operator on call. Pressing again answers 200 with the same alert; anyone else's visit is 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        var admin = api.MapGroup("/admin").WithTags("Admin: welfare").RequireAuthorization(AuthorizationPolicies.Admin);
        admin.MapGet("/live", async (LiveBoard board, CancellationToken ct) => TypedResults.Ok(ToDto(await board.TodayAsync(ct))))
            .WithName("LiveBoard").WithSummary("Today's visits in the service area by how they stand, with open and acknowledged welfare alerts on top (help first).");
        admin.MapPost("/welfare/{alertId:long}/acknowledge", Acknowledge).WithName("AcknowledgeWelfareAlert")
            .WithSummary("An operator is on it. Acknowledging again answers 200 as before; a closed alert is 409 with the alert.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/welfare/{alertId:long}/close", Close).WithName("CloseWelfareAlert")
            .WithSummary("Closes the alert with a note of what was found (required, at most 1000 characters). Closing again answers 200 with the first close.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static BoardDto ToDto(Board board)
    {
        ArgumentNullException.ThrowIfNull(board);
        return new BoardDto(board.Day, Zones.HomeZone.Id, board.Now, [.. board.Alerted.Select(BoardVisitDto.From)],
            [.. board.Groups.Select(g => new BoardGroupDto(g.Key, g.Title, [.. g.Visits.Select(BoardVisitDto.From)]))]);
    }

    private static async Task<IResult> Help(Guid id, ClaimsPrincipal user, WelfareAlerts alerts, CancellationToken cancellationToken) =>
        Answer(await alerts.HelpAsync(id, user, cancellationToken));

    private static async Task<IResult> Acknowledge(long alertId, ClaimsPrincipal user, WelfareAlerts alerts, CancellationToken cancellationToken) =>
        Answer(await alerts.AcknowledgeAsync(alertId, CurrentUser.Id(user), cancellationToken));

    private static async Task<IResult> Close(long alertId, CloseAlertInput? input, ClaimsPrincipal user, WelfareAlerts alerts, CancellationToken cancellationToken) =>
        Answer(await alerts.CloseAsync(alertId, CurrentUser.Id(user), input?.Note, cancellationToken));

    private static IResult Answer(WelfareResult result) => result.Outcome switch
    {
        WelfareOutcome.Done => TypedResults.Ok(WelfareAlertDto.From(result.Alert!)),
        WelfareOutcome.Invalid => ApiProblems.Invalid(result.Errors!),
        WelfareOutcome.Conflict => TypedResults.Problem(title: "Already closed", detail: "This alert is closed: there is nothing to acknowledge.",
            statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["alert"] = WelfareAlertDto.From(result.Alert!) }),
        _ => ApiProblems.NotFound("No such alert or visit", "There is no such welfare alert, or no such visit among yours."),
    };
}
