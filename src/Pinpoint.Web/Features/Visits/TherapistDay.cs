using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Intake;
using Pinpoint.Core.Referral;
using Pinpoint.Core.Scheduling;
using Pinpoint.Core.Screening;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Intake;


namespace Pinpoint.Web.Features.Visits;

/// <summary>
/// What the therapist needs at a client's door: where it hurts and the likely sources (from the latest intake),
/// cautions and areas to avoid, and the session and home preferences (from what the client had when they booked).
/// </summary>
/// <param name="PainMarkedWhenBooking">The regions come from the map the client marked before booking, not an intake.</param>
public sealed record ClientBrief(
    bool HasIntake, IReadOnlyList<string> PainfulRegions, IReadOnlyList<string> LikelySources, IReadOnlyList<string> Cautions,
    IReadOnlyList<string> AvoidAreas, SessionPreferences? Preferences, bool PainMarkedWhenBooking = false);

/// <summary>A visit of the day with its times in the therapist's zone and the drive to it from the stop before.</summary>
public sealed record DayVisit(
    Booking.Booking Booking, string Client, string Place, ZonedDateTime Start, ZonedDateTime End, int DriveMinutes, ClientBrief? Summary,
    string? Mobile = null)
{
    public GeoPoint Point => new(Booking.ClientLatitude, Booking.ClientLongitude);
}

/// <summary>A therapist's working day: the visits in order from home and back, and the driving between them.</summary>
public sealed record DayPlan(DateTimeZone Zone, LocalDate Date, LocalDate Today, GeoPoint Home, IReadOnlyList<DayVisit> Visits, int DriveHomeMinutes)
{
    public int TotalDriveMinutes => Visits.Sum(v => v.DriveMinutes) + DriveHomeMinutes;
}

/// <summary>
/// Builds the day view. Each client's health information is read through <see cref="ClientRecordAccess"/>, so
/// opening the day writes one audit entry per client on it, as opening each intake would.
/// </summary>
public sealed class TherapistDay(
    PinpointDb db, ClientRecordAccess access, IntakeService intake, ReferralEngine referral, Atlas atlas, ITravelTimeModel travel,
    Gazetteer gazetteer, IClock clock)
{
    public const string AuditResource = "day-view";
    public const int SourcesShown = 3;

    private static readonly BookingStatus[] Shown = [BookingStatus.Requested, BookingStatus.Confirmed, BookingStatus.Completed];

    /// <summary>The signed-in therapist's day (today in their zone when <paramref name="date"/> is empty); null without a profile.</summary>
    public async Task<DayPlan?> ForAsync(ClaimsPrincipal user, LocalDate? date, CancellationToken cancellationToken)
    {
        var userId = CurrentUser.Id(user);
        var therapist = await db.Therapists.AsNoTracking().Where(t => t.UserId == userId)
            .Select(t => new { t.Id, t.TimeZoneId, t.HomeLatitude, t.HomeLongitude }).SingleOrDefaultAsync(cancellationToken);
        if (therapist is null)
        {
            return null;
        }

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(therapist.TimeZoneId) ?? DateTimeZone.Utc;
        var today = clock.GetCurrentInstant().InZone(zone).Date;
        var day = date ?? today;
        var (from, to) = (zone.AtStartOfDay(day).ToInstant(), zone.AtStartOfDay(day.PlusDays(1)).ToInstant());
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.TherapistId == therapist.Id && b.Start >= from && b.Start < to && Shown.Contains(b.Status))
            .Join(db.Users, b => b.ClientUserId, u => u.Id, (b, u) => new { b, u.DisplayName, u.PhoneNumber })
            .ToListAsync(cancellationToken);
        var ordered = rows.OrderBy(r => r.b.Start).ToList();

        var latest = new Dictionary<string, IntakeSnapshot?>(StringComparer.Ordinal);
        foreach (var clientId in ordered.Select(r => r.b.ClientUserId).Distinct(StringComparer.Ordinal))
        {
            if (await access.CanReadAsync(user, clientId, AuditResource, cancellationToken))
            {
                latest[clientId] = await intake.LatestAsync(clientId, cancellationToken);
            }
        }

        var home = new GeoPoint(therapist.HomeLatitude, therapist.HomeLongitude);
        var visits = new List<DayVisit>(ordered.Count);
        var previous = home;
        foreach (var r in ordered)
        {
            var point = new GeoPoint(r.b.ClientLatitude, r.b.ClientLongitude);
            var summary = latest.TryGetValue(r.b.ClientUserId, out var snapshot) ? Summarise(r.b, snapshot) : null;
            visits.Add(new DayVisit(r.b, r.DisplayName, PlaceOf(r.b.Address, point), r.b.Start!.Value.InZone(zone), r.b.End!.Value.InZone(zone), Minutes(previous, point), summary, r.PhoneNumber));
            previous = point;
        }

        return new DayPlan(zone, day, today, home, visits, visits.Count == 0 ? 0 : Minutes(previous, home));
    }

    private int Minutes(GeoPoint from, GeoPoint to) => (int)Math.Ceiling(travel.Estimate(from, to).TotalMinutes);

    // Cautions and preferences as the client had them when booking; the intake only where the booking has no snapshot.
    private ClientBrief Summarise(Booking.Booking booking, IntakeSnapshot? latest)
    {
        var screening = booking.ScreeningJson is null ? latest?.Screening : IntakeJson.ReadScreening(booking.ScreeningJson);
        var preferences = booking.PreferencesJson is null ? latest?.Content.Preferences : IntakeJson.ReadPreferences(booking.PreferencesJson);
        // The intake's map when there is one; else the map the client marked on "Where does it hurt?" before booking.
        var fromIntake = latest?.Content.Regions.Where(r => r.Intensity > 0).ToList() ?? [];
        var marked = fromIntake.Count == 0 ? Booking.BookingPain.Read(booking.PainJson, atlas) : null;
        var pain = (marked?.Regions ?? fromIntake).Where(r => r.Intensity > 0).OrderByDescending(r => r.Intensity).ToList();
        var sources = pain.Count == 0 ? [] : referral.Rank(pain, marked is null ? latest!.Content.Activity : marked.Activity, take: SourcesShown * 2)
            .Select(c => c.Muscle).DistinctBy(m => m.Id).Take(SourcesShown).Select(m => m.Name).ToList();
        var cautions = screening?.Triggered.Select(Caution).ToList() ?? [];
        var avoid = (preferences?.AvoidRegions ?? []).Concat(screening?.AvoidRegions ?? [])
            .Distinct(StringComparer.Ordinal).Select(atlas.LabelOf).ToList();
        return new ClientBrief(latest is not null, [.. pain.Select(r => atlas.LabelOf(r.RegionId))], sources, cautions, avoid, preferences, marked is not null);
    }

    // "Blood thinners: Anticoagulated: gentle pressure only…", but not "Osteoporosis: Osteoporosis: gentle pressure…".
    private static string Caution(RuleResult rule) =>
        rule.NoteForTherapist.Length == 0 ? rule.Title
        : rule.NoteForTherapist.StartsWith($"{rule.Title}:", StringComparison.OrdinalIgnoreCase) ? rule.NoteForTherapist
        : $"{rule.Title}: {rule.NoteForTherapist}";

    // A short name for the route: the suburb named in the address, else the nearest one within a few kilometres.
    private string PlaceOf(string address, GeoPoint point)
    {
        foreach (var part in address.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Reverse())
        {
            if (gazetteer.Search(part, 1) is [var named])
            {
                return named.Name;
            }
        }

        return gazetteer.Nearest(point) is { } near && near.Point.DistanceKmTo(point) < 3 ? near.Name : "visit";
    }
}
