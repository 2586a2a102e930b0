using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Therapists;

public sealed record HoursRangeInput(string? Day, string? Start, string? End);

/// <summary>A therapist's usual week and daily limits, as sent by the hours editor or the API.</summary>
public sealed class HoursInput
{
    public List<HoursRangeInput?>? Weekly { get; set; }

    public int? MaxSessionsPerDay { get; set; }

    public int? MinBreakMinutes { get; set; }
}

/// <summary>Time off (no start and end) or different hours, for each day from the first to the last.</summary>
public sealed class ExceptionInput
{
    public LocalDate? FirstDay { get; set; }

    public LocalDate? LastDay { get; set; }

    public string? Start { get; set; }

    public string? End { get; set; }

    public string? Note { get; set; }
}

/// <summary>Working hours, exceptions and time off, kept as local times in the therapist's own zone.</summary>
public sealed class TherapistSchedule(PinpointDb db, IClock clock)
{
    public const int MaxRangesPerDay = 4;

    private static readonly LocalTimePattern HourMinute = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static string Format(LocalTime time) => HourMinute.Format(time);

    public static IsoDayOfWeek? ParseDay(string? day) =>
        Enum.TryParse<IsoDayOfWeek>(day, ignoreCase: true, out var parsed) && parsed is >= IsoDayOfWeek.Monday and <= IsoDayOfWeek.Sunday
            && !char.IsDigit(day![0]) ? parsed : null;

    public async Task<Dictionary<string, string[]>> SetHoursAsync(Therapist therapist, HoursInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var ranges = new List<(IsoDayOfWeek Day, LocalTimeRange Range)>();
        var weekly = input.Weekly ?? [];
        for (var i = 0; i < weekly.Count; i++)
        {
            var item = weekly[i];
            var day = ParseDay(item?.Day);
            var start = item?.Start is null ? null : HourMinute.Parse(item.Start.Trim()) is { Success: true } s ? s.Value : (LocalTime?)null;
            var end = item?.End is null ? null : HourMinute.Parse(item.End.Trim()) is { Success: true } e ? e.Value : (LocalTime?)null;
            if (day is null)
            {
                errors[$"weekly[{i}].day"] = ["Day must be monday to sunday."];
            }

            if (start is null)
            {
                errors[$"weekly[{i}].start"] = ["Start must be a time such as 09:00."];
            }

            if (end is null)
            {
                errors[$"weekly[{i}].end"] = ["End must be a time such as 17:30."];
            }
            else if (start is not null && end <= start)
            {
                errors[$"weekly[{i}].end"] = ["End must be after start, on the same day."];
            }

            if (day is not null && start is not null && end > start)
            {
                var range = new LocalTimeRange(start.Value, end.Value);
                if (ranges.FirstOrDefault(r => r.Day == day && r.Range.Overlaps(range)) is { Day: not 0 } clash)
                {
                    errors[$"weekly[{i}].start"] = [$"{range} overlaps {clash.Range} on {day}."];
                }
                else if (ranges.Count(r => r.Day == day) >= MaxRangesPerDay)
                {
                    errors[$"weekly[{i}].day"] = [$"At most {MaxRangesPerDay} ranges a day."];
                }
                else
                {
                    ranges.Add((day.Value, range));
                }
            }
        }

        if (input.MaxSessionsPerDay is < 1 or > 12)
        {
            errors["maxSessionsPerDay"] = ["Sessions per day must be between 1 and 12."];
        }

        if (input.MinBreakMinutes is < 0 or > 120)
        {
            errors["minBreakMinutes"] = ["The break between sessions must be between 0 and 120 minutes."];
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        if (input.Weekly is not null)
        {
            db.WorkingHours.RemoveRange(therapist.WorkingHours);
            therapist.WorkingHours.Clear();
            therapist.WorkingHours.AddRange(ranges.OrderBy(r => r.Day).ThenBy(r => r.Range.Start).Select(r =>
                new WorkingHoursEntry { TherapistId = therapist.Id, DayOfWeek = r.Day, Start = r.Range.Start, End = r.Range.End }));
        }

        therapist.MaxSessionsPerDay = input.MaxSessionsPerDay ?? therapist.MaxSessionsPerDay;
        therapist.MinBreakMinutes = input.MinBreakMinutes ?? therapist.MinBreakMinutes;
        therapist.UpdatedAt = clock.GetCurrentInstant();
        await db.SaveLockedAsync(therapist.Id, cancellationToken);
        return errors;
    }

    public async Task<(ScheduleException? Exception, Dictionary<string, string[]> Errors)> AddExceptionAsync(
        Therapist therapist, ExceptionInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(therapist.TimeZoneId) ?? DateTimeZone.Utc;
        var today = clock.GetCurrentInstant().InZone(zone).Date;
        var first = input.FirstDay;
        var last = input.LastDay ?? input.FirstDay;
        if (first is null)
        {
            errors["firstDay"] = ["The first day is required."];
        }
        else if (last < first)
        {
            errors["lastDay"] = ["The last day cannot be before the first day."];
        }
        else if (last < today)
        {
            errors["lastDay"] = ["These dates are in the past."];
        }
        else if (Period.Between(first.Value, last!.Value, PeriodUnits.Days).Days >= 366)
        {
            errors["lastDay"] = ["Add at most a year at a time."];
        }

        LocalTime? start = null, end = null;
        if (!string.IsNullOrWhiteSpace(input.Start) || !string.IsNullOrWhiteSpace(input.End))
        {
            start = HourMinute.Parse(input.Start?.Trim() ?? "") is { Success: true } s ? s.Value : null;
            end = HourMinute.Parse(input.End?.Trim() ?? "") is { Success: true } e ? e.Value : null;
            if (start is null || end is null || end <= start)
            {
                errors["start"] = ["For different hours give a start and a later end (e.g. 10:00 and 14:00); leave both empty for time off."];
            }
        }

        if (input.Note is { Length: > 200 })
        {
            errors["note"] = ["The note can be at most 200 characters."];
        }

        if (errors.Count == 0 && therapist.ScheduleExceptions.FirstOrDefault(x => x.FirstDay <= last && first <= x.LastDay) is { } clash)
        {
            errors["firstDay"] = [$"You already have a change from {clash.FirstDay.ToString("d MMM", CultureInfo.InvariantCulture)} to {clash.LastDay.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}; remove it first."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var exception = new ScheduleException
        {
            TherapistId = therapist.Id, FirstDay = first!.Value, LastDay = last!.Value, Start = start, End = end, Note = input.Note?.Trim() ?? "",
        };
        therapist.ScheduleExceptions.Add(exception);
        await db.SaveLockedAsync(therapist.Id, cancellationToken);
        return (exception, errors);
    }

    public async Task<bool> RemoveExceptionAsync(Therapist therapist, long id, CancellationToken cancellationToken)
    {
        // Deleted through the change tracker, not in bulk, so the save is seen by whatever caches therapists' calendars.
        var exception = await db.ScheduleExceptions.SingleOrDefaultAsync(x => x.Id == id && x.TherapistId == therapist.Id, cancellationToken);
        if (exception is null)
        {
            return false;
        }

        db.ScheduleExceptions.Remove(exception);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public static WeeklyHours Weekly(Therapist therapist) => Weekly(therapist.WorkingHours);

    public static WeeklyHours Weekly(IEnumerable<WorkingHoursEntry> hours) =>
        new(hours.Select(w => (w.DayOfWeek, new LocalTimeRange(w.Start, w.End))));

    /// <summary>The stored exceptions as one entry per affected date (time off wins over changed hours).</summary>
    public static IReadOnlyList<DayException> DayExceptions(Therapist therapist) => DayExceptions(therapist.ScheduleExceptions);

    public static IReadOnlyList<DayException> DayExceptions(IEnumerable<ScheduleException> exceptions) =>
        [.. exceptions
            .SelectMany(x => new DateInterval(x.FirstDay, x.LastDay).Select(date => (date, x)))
            .GroupBy(d => d.date)
            .Select(g => g.Any(d => d.x.IsTimeOff)
                ? new DayException(g.Key, [], g.First(d => d.x.IsTimeOff).x.Note)
                : new DayException(g.Key, [.. g.Select(d => new LocalTimeRange(d.x.Start!.Value, d.x.End!.Value)).OrderBy(r => r.Start)]))];

    /// <summary>The therapist's working intervals for <paramref name="days"/> days from <paramref name="from"/>, in their zone.</summary>
    public static IReadOnlyList<ZonedInterval> Upcoming(Therapist therapist, LocalDate from, int days)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(therapist.TimeZoneId) ?? DateTimeZone.Utc;
        return [.. WorkingCalendar.Intervals(Weekly(therapist), DayExceptions(therapist), zone, new DateInterval(from, from.PlusDays(days - 1)))
            .Select(i => new ZonedInterval(i.Start.InZone(zone), i.End.InZone(zone)))];
    }
}

public sealed record ZonedInterval(ZonedDateTime Start, ZonedDateTime End);
