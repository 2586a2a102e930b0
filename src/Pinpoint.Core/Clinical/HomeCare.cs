using NodaTime;
using Pinpoint.Core.Anatomy;

namespace Pinpoint.Core.Clinical;

public enum ExerciseKind
{
    /// <summary>Self-release of a muscle's trigger points (ball, pinch or pressure) and its stretch, from the atlas.</summary>
    SelfRelease = 1,

    /// <summary>Posture and ergonomic habits that keep trigger points from coming back.</summary>
    Posture = 2,
}

/// <summary>Something a client can do at home between sessions.</summary>
public sealed record Exercise(string Id, ExerciseKind Kind, string Title, string Instructions, string? MuscleId = null);

/// <summary>How much: hold time (0 for none), repetitions, times a day, and for how many days from the visit.</summary>
public sealed record Dose(int HoldSeconds, int Repetitions, int TimesPerDay, int Days)
{
    public static Dose Default { get; } = new(30, 3, 2, 14);

    /// <summary>"Hold 30 s × 3, twice a day, for 14 days".</summary>
    public string Describe() =>
        $"{(HoldSeconds > 0 ? $"Hold {HoldSeconds} s × {Repetitions}" : $"{Repetitions} {(Repetitions == 1 ? "time" : "times")}")}, " +
        $"{TimesPerDay switch { 1 => "once", 2 => "twice", _ => $"{TimesPerDay} times" }} a day, for {Days} days";
}

/// <summary>
/// The home-care catalogue: a self-release exercise for every muscle in the atlas (its self-care text), and posture
/// and ergonomic advice. Treated muscles are offered first on the note page.
/// </summary>
public sealed class HomeCareCatalogue
{
    private readonly Dictionary<string, Exercise> _byId;

    public HomeCareCatalogue(Atlas atlas)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        All = [.. atlas.Muscles.Select(m => new Exercise($"release:{m.Id}", ExerciseKind.SelfRelease, $"{m.Name}: self-release and stretch", m.SelfCare, m.Id)),
               .. PostureAdvice];
        _byId = All.ToDictionary(e => e.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Exercise> All { get; }

    public Exercise? Find(string? id) => id is null ? null : _byId.GetValueOrDefault(id);

    public static string ReleaseFor(string muscleId) => $"release:{muscleId}";

    private static readonly Exercise[] PostureAdvice =
    [
        new("posture:desk-setup", ExerciseKind.Posture, "Desk set-up",
            "Screen top at eye level and an arm's length away; elbows at 90° with forearms supported; feet flat; the mouse close to the keyboard."),
        new("posture:movement-breaks", ExerciseKind.Posture, "Movement breaks",
            "Stand, roll your shoulders and look into the distance for a minute every 30–45 minutes of sitting."),
        new("posture:chin-tucks", ExerciseKind.Posture, "Chin tucks",
            "Sitting tall, glide your chin straight back (a double chin), hold, then relax. Eases the load on the back of the neck."),
        new("posture:sleep", ExerciseKind.Posture, "Sleeping position",
            "On your back or side with a pillow that keeps your neck level; a pillow between the knees when on your side."),
        new("posture:carrying", ExerciseKind.Posture, "Carrying",
            "Use a backpack on both shoulders or switch sides often; keep loads close to the body."),
        new("posture:phone", ExerciseKind.Posture, "Phone and tablet",
            "Bring the screen up to eye level rather than bending the neck down; use a stand for long reading."),
    ];
}

/// <summary>A prescribed exercise as the adherence count needs it: what, from which day, how long.</summary>
public sealed record PrescribedCourse(long Id, LocalDate StartsOn, int Days);

/// <summary>How well the client kept up: days done of days due so far.</summary>
public sealed record AdherenceSummary(int DaysDue, int DaysDone)
{
    /// <summary>0–100, or null when nothing was due yet.</summary>
    public int? Percent => DaysDue == 0 ? null : (int)Math.Round(100.0 * DaysDone / DaysDue, MidpointRounding.AwayFromZero);
}

public static class Adherence
{
    /// <summary>
    /// Counts, up to and including <paramref name="today"/>, each course's days (one tick per exercise per day), and how
    /// many were ticked. Ticks outside a course's days do not count.
    /// </summary>
    public static AdherenceSummary Of(IEnumerable<PrescribedCourse> courses, IEnumerable<(long CourseId, LocalDate Day)> ticks, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(courses);
        ArgumentNullException.ThrowIfNull(ticks);
        var done = ticks.ToHashSet();
        int due = 0, ticked = 0;
        foreach (var course in courses)
        {
            var last = LocalDate.Min(course.StartsOn.PlusDays(course.Days - 1), today);
            for (var day = course.StartsOn; day <= last; day = day.PlusDays(1))
            {
                due++;
                ticked += done.Contains((course.Id, day)) ? 1 : 0;
            }
        }

        return new AdherenceSummary(due, ticked);
    }

    /// <summary>True when a client may tick <paramref name="day"/>: inside the course and not in the future.</summary>
    public static bool CanTick(PrescribedCourse course, LocalDate day, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(course);
        return day >= course.StartsOn && day <= course.StartsOn.PlusDays(course.Days - 1) && day <= today;
    }
}

/// <summary>Field errors for a prescription.</summary>
public static class DoseValidation
{
    public static Dictionary<string, string[]> Check(string at, string? exerciseId, Dose dose, HomeCareCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(dose);
        ArgumentNullException.ThrowIfNull(catalogue);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (catalogue.Find(exerciseId) is null)
        {
            errors[$"{at}.exerciseId"] = [$"Unknown exercise '{exerciseId}'. Self-release is 'release:<muscle id>'; posture advice starts with 'posture:'."];
        }

        if (dose.HoldSeconds is < 0 or > 180)
        {
            errors[$"{at}.holdSeconds"] = ["A hold is 0 to 180 seconds."];
        }

        if (dose.Repetitions is < 1 or > 30)
        {
            errors[$"{at}.repetitions"] = ["Repetitions are 1 to 30."];
        }

        if (dose.TimesPerDay is < 1 or > 6)
        {
            errors[$"{at}.timesPerDay"] = ["1 to 6 times a day."];
        }

        if (dose.Days is < 1 or > 56)
        {
            errors[$"{at}.days"] = ["A course is 1 to 56 days."];
        }

        return errors;
    }
}
