using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Booking;

/// <summary>A booked visit as searches see it: the booking it is, whom it is for, when and where.</summary>
public sealed record CachedVisit(Guid BookingId, Guid TherapistId, Visit Visit);

/// <summary>A saved change to a booking: where it was (null when new) and where it is now (null when gone or cancelled).</summary>
public sealed record VisitChange(Guid BookingId, Guid TherapistId, Instant? WasStarting, CachedVisit? Now);

/// <summary>
/// Every therapist's visits by UTC day, for searches across many therapists. A day is read with one query (ahead of
/// time by <see cref="VisitCacheWarmer"/>, else when first needed); each booking this process saves is then applied
/// to the days in place once committed. On PostgreSQL, where several nodes may write, the database's triggers name each
/// changed day to every node (<see cref="Data.CacheSignalListener"/>), and a day is read again after
/// <see cref="BookingOptions.VisitCacheSeconds"/> in any case. Only searches read it: booking and moving re-read the
/// therapist's visits from the database inside their write transaction, so a stale day can at worst offer a time that
/// booking then refuses with the next free ones.
/// </summary>
public sealed class VisitCache(IOptions<BookingOptions> options, IOptions<DatabaseOptions> database)
{
    private readonly ConcurrentDictionary<LocalDate, long> _versions = new();
    private readonly ConcurrentDictionary<LocalDate, Day> _days = new();
    private readonly Lock _writes = new();
    private long _epoch;

    // A committed booking replaces one therapist's sorted array in place instead of copying the day. Concurrent rather than
    // immutable: a search looks up each of ~270 therapists in five days, and an immutable dictionary's tree walk (a dozen
    // scattered nodes a lookup) made those lookups most of a search's loading time.
    private sealed record Day(long LoadedAtTicks, ConcurrentDictionary<Guid, CachedVisit[]> ByTherapist);

    private long? LifetimeMilliseconds => database.Value.Provider == DatabaseProvider.Sqlite ? null : options.Value.VisitCacheSeconds * 1000L;

    /// <summary>A change is about to be saved: a day being read right now must not be kept, it may miss it.</summary>
    public void Changing(Instant occupiedStart) => _versions.AddOrUpdate(occupiedStart.InUtc().Date, 1, (_, v) => v + 1);

    /// <summary>Another node (or SQL outside EF) changed bookings on this UTC day: it is read again when next needed.</summary>
    public void Forget(LocalDate date)
    {
        lock (_writes)
        {
            _versions.AddOrUpdate(date, 1, (_, v) => v + 1);
            _days.TryRemove(date, out _);
        }
    }

    /// <summary>What changed is unknown (the signal connection was lost): every day is read again.</summary>
    public void ForgetAll()
    {
        lock (_writes)
        {
            Interlocked.Increment(ref _epoch);
            _days.Clear();
        }
    }

    /// <summary>Committed changes, applied to the days held.</summary>
    public void Apply(IEnumerable<VisitChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_writes)
        {
            foreach (var change in changes)
            {
                var dates = new[] { change.WasStarting, change.Now?.Visit.Occupied.Start }.OfType<Instant>().Select(i => i.InUtc().Date).Distinct();
                foreach (var date in dates)
                {
                    _versions.AddOrUpdate(date, 1, (_, v) => v + 1);
                    if (!_days.TryGetValue(date, out var day))
                    {
                        continue;
                    }

                    var theirs = day.ByTherapist.GetValueOrDefault(change.TherapistId, []).Where(v => v.BookingId != change.BookingId);
                    if (change.Now is { } now && now.Visit.Occupied.Start.InUtc().Date == date)
                    {
                        theirs = theirs.Append(now);
                    }

                    day.ByTherapist[change.TherapistId] = [.. theirs.OrderBy(v => v.Visit.Occupied.Start)];
                }
            }
        }
    }

    /// <summary>Reads the days from <paramref name="first"/> to <paramref name="last"/> that are not held yet.</summary>
    public async Task WarmAsync(PinpointDb db, LocalDate first, LocalDate last, CancellationToken cancellationToken)
    {
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            await DayAsync(db, date, cancellationToken);
        }
    }

    /// <summary>The visits starting in [from, to), each therapist's read with <see cref="VisitWindow.Of"/>.</summary>
    public async Task<VisitWindow> BetweenAsync(PinpointDb db, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var days = new List<ConcurrentDictionary<Guid, CachedVisit[]>>();
        for (var date = from.InUtc().Date; date <= (to - Duration.Epsilon).InUtc().Date; date = date.PlusDays(1))
        {
            days.Add((await DayAsync(db, date, cancellationToken)).ByTherapist);
        }

        return new VisitWindow([.. days], from, to);
    }

    private async Task<Day> DayAsync(PinpointDb db, LocalDate date, CancellationToken cancellationToken)
    {
        var version = _versions.GetValueOrDefault(date);
        var epoch = Interlocked.Read(ref _epoch);
        if (_days.TryGetValue(date, out var held) && (LifetimeMilliseconds is not { } lifetime || Environment.TickCount64 - held.LoadedAtTicks < lifetime))
        {
            return held;
        }

        var started = Environment.TickCount64;
        var start = date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var end = start + Duration.FromDays(1);
        var rows = await db.Bookings.AsNoTracking()
            // A window request not yet planned has no occupied range, so it is never read here.
            .Where(b => b.OccupiedStart >= start && b.OccupiedStart < end && b.Status != BookingStatus.Cancelled)
            .Select(b => new { b.Id, TherapistId = b.TherapistId!.Value, OccupiedStart = b.OccupiedStart!.Value, OccupiedEnd = b.OccupiedEnd!.Value, b.ClientLatitude, b.ClientLongitude, b.ClientUserId })
            .ToListAsync(cancellationToken);
        var day = new Day(started, new ConcurrentDictionary<Guid, CachedVisit[]>(rows
            .GroupBy(r => r.TherapistId)
            .Select(g => KeyValuePair.Create(g.Key, g.OrderBy(r => r.OccupiedStart)
                .Select(r => new CachedVisit(r.Id, r.TherapistId, new Visit(new Interval(r.OccupiedStart, r.OccupiedEnd), new GeoPoint(r.ClientLatitude, r.ClientLongitude), r.ClientUserId)))
                .ToArray()))));
        lock (_writes)
        {
            // A change saved while reading may be missing from what was read: keep the day only if none was.
            if (_versions.GetValueOrDefault(date) == version && Interlocked.Read(ref _epoch) == epoch)
            {
                _days[date] = day;
            }
        }

        return day;
    }
}

/// <summary>Reads the bookable days into <see cref="VisitCache"/> at start-up, so no search waits for a cold day.</summary>
public sealed partial class VisitCacheWarmer(IServiceScopeFactory scopes, VisitCache cache, IOptions<BookingOptions> options, IClock clock, ILogger<VisitCacheWarmer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var today = clock.GetCurrentInstant().InUtc().Date;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PinpointDb>();
            await cache.WarmAsync(db, today.PlusDays(-2), today.PlusDays(options.Value.HorizonDays + 2), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Warming is an optimisation: searches read cold days themselves.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogWarmingFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read bookings ahead for searches; they will read each day when first needed.")]
    private static partial void LogWarmingFailed(ILogger logger, Exception exception);
}

/// <summary>
/// Consecutive UTC days of <see cref="VisitCache"/> cut to [from, to). A day holds each therapist's visits sorted by start
/// and a visit is filed under the UTC day it starts on, so one therapist's visits day after day are already in order:
/// nothing is sorted per search.
/// </summary>
public sealed class VisitWindow
{
    private readonly ConcurrentDictionary<Guid, CachedVisit[]>[] _days;
    private readonly Instant _from;
    private readonly Instant _to;

    internal VisitWindow(ConcurrentDictionary<Guid, CachedVisit[]>[] days, Instant from, Instant to) => (_days, _from, _to) = (days, from, to);

    /// <summary>The therapist's visits in the window, sorted by start, leaving out <paramref name="exceptBooking"/>.</summary>
    public Visit[] Of(Guid therapistId, Guid? exceptBooking)
    {
        var count = 0;
        foreach (var day in _days)
        {
            if (day.TryGetValue(therapistId, out var visits))
            {
                count += visits.Length;
            }
        }

        if (count == 0)
        {
            return [];
        }

        var found = new Visit[count];
        count = 0;
        foreach (var day in _days)
        {
            if (day.TryGetValue(therapistId, out var visits))
            {
                foreach (var visit in visits)
                {
                    if (visit.Visit.Occupied.Start >= _from && visit.Visit.Occupied.Start < _to && visit.BookingId != exceptBooking)
                    {
                        found[count++] = visit.Visit;
                    }
                }
            }
        }

        return count == found.Length ? found : found[..count];
    }
}
