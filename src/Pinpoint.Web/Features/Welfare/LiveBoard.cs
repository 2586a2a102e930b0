using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Visits;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.VisitDay;

namespace Pinpoint.Web.Features.Welfare;

/// <summary>An alert not closed yet, as the board shows it.</summary>
public sealed record BoardAlert(long Id, WelfareConcern Concern, WelfareLevel Level, WelfareAlertState State, Instant RaisedAt, string? AcknowledgedBy, Instant? AcknowledgedAt);

/// <summary>One visit on the board: who to call, where, when, and how it stands now.</summary>
public sealed record BoardVisit(
    Guid BookingId, string Therapist, string? TherapistMobile, string Client, string? ClientMobile, string Address, Instant Start, Instant End,
    Instant? EtaAt, BookingStatus Status, VisitStage Stage, VisitWatch? Watch, Instant? ArrivedAt, Instant? CheckedOutAt, IReadOnlyList<BoardAlert> Alerts,
    DateTimeZone Zone)
{
    /// <summary>A time of this visit on the board, in the visit's own zone (the board spans every service area).</summary>
    public string Time(Instant instant) => instant.InZone(Zone).ToString("h:mm tt", CultureInfo.InvariantCulture).ToLowerInvariant();

    /// <summary>The zone's abbreviation at the visit's start ("AEDT", "AWST", "NZDT").</summary>
    public string ZoneAbbreviation => Zone.GetZoneInterval(Start).Name;

    /// <summary>The group it is shown in: its watch state, or <c>closed</c> once completed or a no-show.</summary>
    public string Group => Watch is { } watch ? LiveBoard.Key(watch) : "closed";

    public string StageText => Status switch
    {
        BookingStatus.Completed => "Completed",
        BookingStatus.NoShow => "No-show",
        BookingStatus.Cancelled => "Cancelled",
        _ => VisitLive.StageLabel(Stage),
    };
}

public sealed record BoardGroup(string Key, string Title, IReadOnlyList<BoardVisit> Visits);

/// <param name="Alerted">Visits with an alert not closed yet, the most urgent first (help, then silence after check-in, then no check-in).</param>
/// <param name="Groups">Today's other visits by how they stand, the ones to watch first.</param>
public sealed record Board(LocalDate Day, Instant Now, IReadOnlyList<BoardVisit> Alerted, IReadOnlyList<BoardGroup> Groups)
{
    /// <summary>When the board was read, in the home area's zone (each visit's times are in its own).</summary>
    public string Updated => Now.InZone(Zones.HomeZone).ToString("h:mm:ss tt", CultureInfo.InvariantCulture).ToLowerInvariant() + " " + Zones.HomeZone.GetZoneInterval(Now).Name;
}

/// <summary>
/// The operator's live board: today's visits in the service area (its zone's day), grouped by <see cref="WelfareRules.Watch"/>,
/// with every visit that has an open or acknowledged alert on top, whatever its day.
/// </summary>
public sealed class LiveBoard(PinpointDb db, IClock clock)
{
    private static readonly (string Key, string Title)[] Order =
    [
        ("overdue-check-out", "Overdue check-out"), ("late", "Late: not checked in"), ("on-the-way", "On the way"),
        ("in-session", "In session"), ("upcoming", "Upcoming"), ("finished", "Checked out"), ("closed", "Closed"),
    ];

    public static string Key(VisitWatch watch) => watch switch
    {
        VisitWatch.OverdueCheckOut => "overdue-check-out",
        VisitWatch.Late => "late",
        VisitWatch.OnTheWay => "on-the-way",
        VisitWatch.InSession => "in-session",
        VisitWatch.Finished => "finished",
        _ => "upcoming",
    };

    /// <summary>A group's heading: an alerted visit's card shows it too, since it is listed under the alerts instead.</summary>
    public static string Title(string key) => Order.Single(g => g.Key == key).Title;

    public static string ConcernText(WelfareConcern concern) => concern switch
    {
        WelfareConcern.Help => "Asked for help",
        WelfareConcern.NoCheckOut => "No check-out",
        _ => "No check-in",
    };

    public async Task<Board> TodayAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var day = now.InZone(Zones.HomeZone).Date;
        // Today is each area's own today: read the two days around now, then keep the visits whose start falls on the
        // day it is now where the visit is (zones run from UTC−12 to UTC+14).
        var (dayStart, dayEnd) = (now - Duration.FromHours(38), now + Duration.FromHours(38));
        var openAlerts = await db.Set<WelfareAlert>().AsNoTracking()
            .Where(a => a.State == WelfareAlertState.Open || a.State == WelfareAlertState.Acknowledged).ToListAsync(cancellationToken);
        var alerted = openAlerts.Select(a => a.BookingId).Distinct().ToList();
        var rows = await (from b in db.Bookings.AsNoTracking()
                          where b.Start != null && b.End != null &&
                                ((b.Start >= dayStart && b.Start < dayEnd && b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.Requested) || alerted.Contains(b.Id))
                          join t in db.Therapists on b.TherapistId equals t.Id
                          join tu in db.Users on t.UserId equals tu.Id
                          join cu in db.Users on b.ClientUserId equals cu.Id
                          select new
                          {
                              b.Id, Therapist = t.DisplayName, TherapistMobile = tu.PhoneNumber, Client = cu.DisplayName, ClientMobile = cu.PhoneNumber,
                              b.Address, Start = b.Start!.Value, End = b.End!.Value, b.EtaAt, b.Status, b.Stage, b.ClientLatitude, b.ClientLongitude,
                          }).ToListAsync(cancellationToken);
        var today = rows.Select(r => (Row: r, Zone: Zones.At(r.ClientLatitude, r.ClientLongitude)))
            .Where(x => alerted.Contains(x.Row.Id) || x.Row.Start.InZone(x.Zone).Date == now.InZone(x.Zone).Date).ToList();
        var ids = today.Select(x => x.Row.Id).ToList();
        var reached = (await db.Set<VisitEvent>().AsNoTracking().Where(e => ids.Contains(e.BookingId) && (e.Stage == VisitStage.Arrived || e.Stage == VisitStage.CheckedOut))
            .Select(e => new { e.BookingId, e.Stage, e.At }).ToListAsync(cancellationToken)).ToDictionary(e => (e.BookingId, e.Stage), e => e.At);
        var operators = openAlerts.Select(a => a.AcknowledgedBy).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => operators.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var alertsOf = openAlerts.ToLookup(a => a.BookingId);

        var visits = today.Select(x => new BoardVisit(
            x.Row.Id, x.Row.Therapist, x.Row.TherapistMobile, x.Row.Client, x.Row.ClientMobile, x.Row.Address, x.Row.Start, x.Row.End, x.Row.EtaAt,
            x.Row.Status, x.Row.Stage,
            x.Row.Status == BookingStatus.Confirmed ? WelfareRules.Watch(x.Row.Stage, x.Row.Start, x.Row.End, now) : null,
            reached.TryGetValue((x.Row.Id, VisitStage.Arrived), out var arrived) ? arrived : null,
            reached.TryGetValue((x.Row.Id, VisitStage.CheckedOut), out var left) ? left : null,
            [.. alertsOf[x.Row.Id].OrderByDescending(a => a.Level).ThenBy(a => a.RaisedAt).Select(a => new BoardAlert(
                a.Id, a.Concern, a.Level, a.State, a.RaisedAt, a.AcknowledgedBy is { } by ? names.GetValueOrDefault(by, "an operator") : null, a.AcknowledgedAt))],
            x.Zone))
            .ToList();
        var top = visits.Where(v => v.Alerts.Count > 0)
            .OrderByDescending(v => v.Alerts.Max(a => a.Level)).ThenBy(v => v.Alerts.Any(a => a.State == WelfareAlertState.Open) ? 0 : 1)
            .ThenBy(v => v.Alerts.Min(a => a.RaisedAt)).ToList();
        var groups = Order.Select(g => new BoardGroup(g.Key, g.Title,
                [.. visits.Where(v => v.Alerts.Count == 0 && v.Group == g.Key).OrderBy(v => v.Start).ThenBy(v => v.Therapist, StringComparer.Ordinal)]))
            .ToList();
        return new Board(day, now, top, groups);
    }
}
