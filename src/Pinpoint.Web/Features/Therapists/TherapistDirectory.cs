using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>Filters of the therapist lists. <see cref="Area"/> is a suburb, postcode or coordinates the therapist must reach.</summary>
public sealed record DirectoryFilter(Modality? Modality = null, string? Area = null, string? Status = null, string? Query = null);

/// <summary>A therapist in a list, with what the list needs to show and filter.</summary>
public sealed record DirectoryEntry(Therapist Therapist, IReadOnlyList<Modality> Bookable, IReadOnlyList<CredentialStanding> Standings, double? DistanceKm);

/// <summary>The statuses the admin directory filters by.</summary>
public static class DirectoryStatuses
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Expiring = "expiring";
    public const string Expired = "expired";
    public const string Rejected = "rejected";
    public const string Unverified = "unverified";

    public static IReadOnlyList<string> All { get; } = [Pending, Approved, Expiring, Expired, Rejected, Unverified];
}

/// <summary>Reads of therapists for the public directory, the admin directory and the vetting queue.</summary>
public sealed class TherapistDirectory(PinpointDb db, IClock clock, ITravelTimeModel travel, Gazetteer gazetteer)
{
    /// <summary>Today in a therapist's zone (that of their base): credentials start and lapse on local dates.</summary>
    public LocalDate Today(string timeZoneId) =>
        clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId) ?? DateTimeZone.Utc).Date;

    /// <summary>Resolves an area filter to a point; null when the text names no known place.</summary>
    public GeoPoint? ResolveArea(string? area) =>
        string.IsNullOrWhiteSpace(area) ? null
        : Gazetteer.TryParseCoordinates(area, out var point) ? point
        : gazetteer.Search(area, 1).FirstOrDefault()?.Point;

    /// <summary>Therapists bookable today for at least one modality (for the given modality, if any) who reach the area.</summary>
    public async Task<IReadOnlyList<DirectoryEntry>> PublicAsync(DirectoryFilter filter, CancellationToken cancellationToken)
    {
        var entries = await EntriesAsync(filter, cancellationToken);
        return [.. entries.Where(e => e.Bookable.Count > 0 && (filter.Modality is null || e.Bookable.Contains(filter.Modality.Value)))];
    }

    /// <summary>Every therapist, for admins: filtered by modality applied for, vetting status and area.</summary>
    public async Task<IReadOnlyList<DirectoryEntry>> AdminAsync(DirectoryFilter filter, CancellationToken cancellationToken)
    {
        var entries = await EntriesAsync(filter, cancellationToken);
        return [.. entries
            .Where(e => filter.Modality is null || e.Therapist.Credentials.Any(c => c.Modality == filter.Modality))
            .Where(e => filter.Status switch
            {
                null or "" => true,
                DirectoryStatuses.Pending => e.Standings.Contains(CredentialStanding.Pending),
                DirectoryStatuses.Approved => e.Bookable.Count > 0,
                DirectoryStatuses.Expiring => e.Standings.Contains(CredentialStanding.ExpiringSoon),
                DirectoryStatuses.Expired => e.Standings.Contains(CredentialStanding.Expired),
                DirectoryStatuses.Rejected => e.Standings.Contains(CredentialStanding.Rejected),
                DirectoryStatuses.Unverified => e.Bookable.Count == 0,
                _ => true,
            })
            .Where(e => string.IsNullOrWhiteSpace(filter.Query) ||
                        e.Therapist.DisplayName.Contains(filter.Query.Trim(), StringComparison.OrdinalIgnoreCase) ||
                        e.Therapist.HomeSuburb.Contains(filter.Query.Trim(), StringComparison.OrdinalIgnoreCase))];
    }

    public Task<Therapist?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Therapists.AsNoTracking().Include(t => t.Credentials).Include(t => t.WorkingHours).AsSplitQuery()
            .SingleOrDefaultAsync(t => t.Id == id, cancellationToken);

    /// <summary>Pending applications, oldest first, with their therapist.</summary>
    public async Task<IReadOnlyList<(TherapistCredential Credential, Therapist Therapist)>> PendingAsync(CancellationToken cancellationToken)
    {
        var rows = await db.TherapistCredentials.AsNoTracking().Where(c => c.Status == CredentialStatus.Pending)
            .Join(db.Therapists.AsNoTracking(), c => c.TherapistId, t => t.Id, (c, t) => new { c, t })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.c.SubmittedAt).ThenBy(r => r.c.Id).Select(r => (r.c, r.t))];
    }

    /// <summary>Approved credentials that lapse within the warning period (or lapsed today), soonest first.</summary>
    public async Task<IReadOnlyList<(TherapistCredential Credential, Therapist Therapist)>> ExpiringAsync(CancellationToken cancellationToken)
    {
        // "Today" differs between the areas' zones by at most a day either way: read a day wider, then keep each
        // credential by its therapist's own today.
        var utcToday = Today(DateTimeZone.Utc.Id);
        var (from, to) = (utcToday.PlusDays(-1), utcToday.PlusDays(1) + CredentialRules.ExpiryWarning);
        var rows = (await db.TherapistCredentials.AsNoTracking()
            .Where(c => c.Status == CredentialStatus.Approved && c.ExpiresOn >= from && c.ExpiresOn < to)
            .Join(db.Therapists.AsNoTracking(), c => c.TherapistId, t => t.Id, (c, t) => new { c, t })
            .ToListAsync(cancellationToken))
            .Where(r => Today(r.t.TimeZoneId) is var today && r.c.ExpiresOn >= today && r.c.ExpiresOn < today + CredentialRules.ExpiryWarning);
        return [.. rows.OrderBy(r => r.c.ExpiresOn).ThenBy(r => r.t.DisplayName, StringComparer.Ordinal).Select(r => (r.c, r.t))];
    }

    public Task<List<CredentialDecision>> DecisionsAsync(Guid therapistId, CancellationToken cancellationToken) =>
        db.CredentialDecisions.AsNoTracking().Where(d => d.TherapistId == therapistId).OrderByDescending(d => d.Id).ToListAsync(cancellationToken);

    /// <summary>Whether the therapist's service area (drive time or radius) covers <paramref name="point"/>.</summary>
    public bool Reaches(Therapist therapist, GeoPoint point)
    {
        var home = new GeoPoint(therapist.HomeLatitude, therapist.HomeLongitude);
        return therapist.MaxRadiusKm is { } radius
            ? home.DistanceKmTo(point) <= radius
            : travel.Estimate(home, point) <= Duration.FromMinutes(therapist.MaxTravelMinutes ?? 45);
    }

    private async Task<List<DirectoryEntry>> EntriesAsync(DirectoryFilter filter, CancellationToken cancellationToken)
    {
        var therapists = await db.Therapists.AsNoTracking().Include(t => t.Credentials).OrderBy(t => t.DisplayName).ToListAsync(cancellationToken);
        var area = ResolveArea(filter.Area);
        return [.. therapists
            .Where(t => area is null || Reaches(t, area.Value))
            .Select(t => new DirectoryEntry(
                t,
                CredentialVetting.BookableModalities(t, Today(t.TimeZoneId)),
                [.. t.Credentials.Select(c => c.StandingOn(Today(t.TimeZoneId)))],
                area is null ? null : Math.Round(new GeoPoint(t.HomeLatitude, t.HomeLongitude).DistanceKmTo(area.Value), 1)))
            .OrderBy(e => e.DistanceKm ?? 0)
            .ThenBy(e => e.Therapist.DisplayName, StringComparer.Ordinal)];
    }
}
