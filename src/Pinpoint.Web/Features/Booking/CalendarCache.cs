using System.Collections.Frozen;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Therapists;

namespace Pinpoint.Web.Features.Booking;

/// <summary>The slowly-changing part of a therapist's calendar: where they live, when they work, what they may do, how they are rated.</summary>
public sealed record CalendarProfile(
    Guid Id,
    GeoPoint Home,
    DateTimeZone Zone,
    WeeklyHours Week,
    IReadOnlyList<DayException> Exceptions,
    IReadOnlyList<CredentialWindow> Credentials,
    int MaxSessionsPerDay,
    Duration MinBreak,
    Duration? MaxTravel,
    double? MaxRadiusKm,
    MatchGender Gender,
    IReadOnlySet<string> Interests,
    string DisplayName,
    double? Rating)
{
    public TherapistCalendar WithVisits(Modality modality, IReadOnlyList<Visit> visits, bool hasSeenClient) =>
        new(Id, Home, Zone, Week, Exceptions, CredentialsFor(modality), visits, MaxSessionsPerDay, MinBreak, MaxTravel, MaxRadiusKm)
        {
            Interests = Interests, Gender = Gender, HasSeenClient = hasSeenClient, Rating = Rating,
        };

    // Most therapists hold one credential: the profile's own list then serves every search for that modality as it is.
    private IReadOnlyList<CredentialWindow> CredentialsFor(Modality modality)
    {
        for (var i = 0; i < Credentials.Count; i++)
        {
            if (Credentials[i].Modality != modality)
            {
                return [.. Credentials.Where(c => c.Modality == modality)];
            }
        }

        return Credentials;
    }
}

/// <summary>
/// Every bookable therapist's <see cref="CalendarProfile"/>, held in memory so a search loads only visits from the
/// database. Any save that touches therapists, credentials, hours or exceptions in this process invalidates it at once
/// (<see cref="CalendarChangeInterceptor"/>); on PostgreSQL the database's triggers tell every node of any change,
/// however made (<see cref="Data.CacheSignalListener"/>), and a snapshot older than <see cref="BookingOptions.CalendarCacheSeconds"/>
/// is read again in any case. Only searches and the planner's proposal read it: booking, moving and approving a plan read
/// hours, time off, credentials and visits from the database inside the therapist's lock.
/// </summary>
public sealed class CalendarCache(IOptions<BookingOptions> options, IClock clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _version;
    private Snapshot? _current;

    private sealed record Snapshot(long Version, long LoadedAtTicks, IReadOnlyList<CalendarProfile> Profiles)
    {
        public FrozenDictionary<Guid, CalendarProfile> ById { get; } = Profiles.ToFrozenDictionary(p => p.Id);
    }

    public void Invalidate() => Interlocked.Increment(ref _version);

    public async Task<IReadOnlyList<CalendarProfile>> AllAsync(PinpointDb db, CancellationToken cancellationToken) =>
        (await CurrentAsync(db, cancellationToken)).Profiles;

    /// <summary>One therapist's profile (none when they have no approved credential or do not exist).</summary>
    public async Task<IReadOnlyList<CalendarProfile>> OneAsync(PinpointDb db, Guid therapistId, CancellationToken cancellationToken) =>
        (await CurrentAsync(db, cancellationToken)).ById.TryGetValue(therapistId, out var profile) ? [profile] : [];

    private async Task<Snapshot> CurrentAsync(PinpointDb db, CancellationToken cancellationToken)
    {
        if (Fresh(Volatile.Read(ref _current)) is { } hit)
        {
            return hit;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_current) is { } loadedMeanwhile)
            {
                return loadedMeanwhile;
            }

            // The version is read before loading: a change saved while loading leaves this snapshot already stale.
            var version = Interlocked.Read(ref _version);
            var started = Environment.TickCount64;
            var snapshot = new Snapshot(version, started, await LoadAsync(db, null, clock, cancellationToken));
            Volatile.Write(ref _current, snapshot);
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Snapshot? Fresh(Snapshot? snapshot) =>
        snapshot is not null && snapshot.Version == Interlocked.Read(ref _version) &&
        Environment.TickCount64 - snapshot.LoadedAtTicks < options.Value.CalendarCacheSeconds * 1000L
            ? snapshot
            : null;

    /// <summary>Straight from the database: all therapists with an approved credential, or just one.</summary>
    public static async Task<IReadOnlyList<CalendarProfile>> LoadAsync(PinpointDb db, Guid? therapistId, IClock clock, CancellationToken cancellationToken)
    {
        // Exceptions that ended before yesterday (UTC) cannot touch a bookable day.
        var since = clock.GetCurrentInstant().InUtc().Date.PlusDays(-2);
        var therapists = await db.Therapists.AsNoTracking()
            .Where(t => (therapistId == null || t.Id == therapistId) && t.Credentials.Any(c => c.Status == CredentialStatus.Approved))
            .Select(t => new
            {
                t.Id, t.HomeLatitude, t.HomeLongitude, t.TimeZoneId, t.MaxSessionsPerDay, t.MinBreakMinutes, t.MaxTravelMinutes, t.MaxRadiusKm, t.Gender, t.Interests, t.DisplayName,
            })
            .ToListAsync(cancellationToken);
        var credentials = (await db.TherapistCredentials.AsNoTracking()
                .Where(c => (therapistId == null || c.TherapistId == therapistId) && c.Status == CredentialStatus.Approved)
                .Select(c => new { c.TherapistId, c.Modality, c.IssuedOn, c.ExpiresOn }).ToListAsync(cancellationToken))
            .ToLookup(c => c.TherapistId);
        var hours = (await db.WorkingHours.AsNoTracking().Where(w => therapistId == null || w.TherapistId == therapistId).ToListAsync(cancellationToken))
            .ToLookup(w => w.TherapistId);
        var ratings = (await db.Set<Reviews.Review>().AsNoTracking()
                .Where(r => therapistId == null || r.TherapistId == therapistId)
                .GroupBy(r => r.TherapistId).Select(g => new { TherapistId = g.Key, Count = g.Count(), Sum = g.Sum(r => r.Rating) })
                .ToListAsync(cancellationToken))
            .ToDictionary(r => r.TherapistId, r => new Reviews.RatingSummary(null, r.Count).ForRanking(r.Sum));
        var exceptions = (await db.ScheduleExceptions.AsNoTracking()
                .Where(x => (therapistId == null || x.TherapistId == therapistId) && x.LastDay >= since).ToListAsync(cancellationToken))
            .ToLookup(x => x.TherapistId);

        return [.. therapists.Select(t => new CalendarProfile(
            t.Id, new GeoPoint(t.HomeLatitude, t.HomeLongitude), DateTimeZoneProviders.Tzdb.GetZoneOrNull(t.TimeZoneId) ?? DateTimeZone.Utc,
            TherapistSchedule.Weekly(hours[t.Id]), TherapistSchedule.DayExceptions(exceptions[t.Id]),
            [.. credentials[t.Id].Select(c => new CredentialWindow(c.Modality, c.IssuedOn, c.ExpiresOn))],
            t.MaxSessionsPerDay, Duration.FromMinutes(t.MinBreakMinutes),
            t.MaxRadiusKm is null ? Duration.FromMinutes(t.MaxTravelMinutes ?? 45) : null, t.MaxRadiusKm,
            (MatchGender)(int)t.Gender, t.Interests.ToFrozenSet(StringComparer.Ordinal), t.DisplayName, ratings.GetValueOrDefault(t.Id)))];
    }
}

/// <summary>
/// Tells <see cref="CalendarCache"/> and <see cref="VisitCache"/> when a save touched what they hold: before the save (so a load that races it is
/// discarded) and again once the change is committed (the save's own transaction, or the caller's when it commits).
/// </summary>
public sealed class CalendarChangeInterceptor(CalendarCache cache, VisitCache visits) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, Changes> Pending = [];

    private sealed record Changes(bool Profiles, List<VisitChange> Visits);

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Settle(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Settle(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var profiles = false;
        var visitChanges = new List<VisitChange>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            profiles |= entry.Entity is Therapist or TherapistCredential or WorkingHoursEntry or ScheduleException or Reviews.Review;
            if (entry.Entity is Booking { TherapistId: { } therapistId } booking)
            {
                // A window request being planned had no range before: like a new booking.
                var was = entry.State == EntityState.Added ? null : (Instant?)entry.Property(nameof(Booking.OccupiedStart)).OriginalValue;
                var now = entry.State == EntityState.Deleted || booking.Status == BookingStatus.Cancelled
                    ? null
                    : new CachedVisit(booking.Id, therapistId, new Visit(
                        new Interval(booking.OccupiedStart!.Value, booking.OccupiedEnd!.Value), new GeoPoint(booking.ClientLatitude, booking.ClientLongitude), booking.ClientUserId));
                visitChanges.Add(new VisitChange(booking.Id, therapistId, was, now));
                foreach (var start in new[] { was, now?.Visit.Occupied.Start }.OfType<Instant>())
                {
                    visits.Changing(start);
                }
            }
        }

        if (profiles || visitChanges.Count > 0)
        {
            Pending.AddOrUpdate(context, new Changes(profiles, visitChanges));
            if (profiles)
            {
                cache.Invalidate();
            }
        }
    }

    private void Settle(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Committed(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && Pending.TryGetValue(context, out var changes))
        {
            Pending.Remove(context);
            if (changes.Profiles)
            {
                cache.Invalidate();
            }

            visits.Apply(changes.Visits);
        }
    }
}
