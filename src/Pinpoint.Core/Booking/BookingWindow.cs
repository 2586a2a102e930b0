using NodaTime;

namespace Pinpoint.Core.Booking;

/// <summary>
/// The operator's rules for flexible bookings: the client names a window for the visit to start in instead of an
/// exact time, and the day's plan fixes the time. Windows close <see cref="ClosesAt"/> local time the day before,
/// when the day is planned.
/// </summary>
public sealed record WindowPolicy
{
    public Duration Length { get; init; } = Duration.FromHours(3);

    /// <summary>Window starts fall on this grid (local time).</summary>
    public Duration Grid { get; init; } = Duration.FromMinutes(15);

    public LocalTime EarliestStart { get; init; } = new(7, 0);

    /// <summary>A window ends by this local time.</summary>
    public LocalTime LatestEnd { get; init; } = new(21, 0);

    /// <summary>The local time the day before a window's day after which it can no longer be requested.</summary>
    public LocalTime ClosesAt { get; init; } = new(18, 0);

    public Duration Horizon { get; init; } = Duration.FromDays(60);
}

/// <summary>A named window a client can pick with one tap.</summary>
public sealed record WindowPreset(string Id, string Label, LocalTime Start);

public static class BookingWindows
{
    public static IReadOnlyList<WindowPreset> Presets { get; } =
    [
        new("morning", "Morning (start 8:00–11:00)", new LocalTime(8, 0)),
        new("afternoon", "Afternoon (start 12:00–15:00)", new LocalTime(12, 0)),
        new("evening", "Evening (start 16:00–19:00)", new LocalTime(16, 0)),
    ];

    /// <summary>When the client hears the exact time at the latest: <see cref="WindowPolicy.ClosesAt"/> the day before.</summary>
    public static Instant ConfirmBy(Instant windowStart, DateTimeZone zone, WindowPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(policy);
        return windowStart.InZone(zone).Date.PlusDays(-1).At(policy.ClosesAt).InZoneLeniently(zone).ToInstant();
    }

    /// <summary>The first day a window can still be requested for at <paramref name="now"/>.</summary>
    public static LocalDate FirstOpenDay(Instant now, DateTimeZone zone, WindowPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(policy);
        var local = now.InZone(zone);
        return local.Date.PlusDays(local.TimeOfDay < policy.ClosesAt ? 1 : 2);
    }

    /// <summary>What is wrong with a window, keyed by the JSON field (<c>windowStart</c>, <c>windowEnd</c>); empty when fine.</summary>
    public static Dictionary<string, string[]> Check(Instant? start, Instant? end, Instant now, DateTimeZone zone, WindowPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (start is not { } from)
        {
            errors["windowStart"] = ["Choose when the window starts, e.g. 2026-12-07T08:00:00+11:00."];
            return errors;
        }

        if (end is not { } to || to - from != policy.Length)
        {
            errors["windowEnd"] = [$"A window is exactly {policy.Length.TotalHours:0.#} hours: windowEnd is windowStart plus {policy.Length.TotalHours:0.#} hours."];
        }

        var local = from.InZone(zone);
        var first = FirstOpenDay(now, zone, policy);
        if (from <= now)
        {
            errors["windowStart"] = ["That window has started or is in the past."];
        }
        else if (local.Date < first)
        {
            errors["windowStart"] = [$"Windows close at {policy.ClosesAt:HH:mm} the day before, when the day is planned: choose {first:yyyy-MM-dd} or later, or book an exact time."];
        }
        else if (from > now + policy.Horizon)
        {
            errors["windowStart"] = [$"Book at most {policy.Horizon.Days} days ahead."];
        }
        else if (local.TimeOfDay < policy.EarliestStart || local.TimeOfDay.PlusTicks(policy.Length.BclCompatibleTicks) > policy.LatestEnd ||
                 local.TimeOfDay.PlusTicks(policy.Length.BclCompatibleTicks) < local.TimeOfDay)
        {
            errors["windowStart"] = [$"A window starts at {policy.EarliestStart:HH:mm} or later and ends by {policy.LatestEnd:HH:mm}."];
        }
        else if ((local.TimeOfDay.TickOfDay % policy.Grid.BclCompatibleTicks) != 0)
        {
            errors["windowStart"] = [$"A window starts on the quarter hour (every {policy.Grid.TotalMinutes:0} minutes)."];
        }

        return errors;
    }
}
