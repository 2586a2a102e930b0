using NodaTime;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Clinical;

namespace Pinpoint.Core.Tests.Clinical;

public sealed class HomeCareTests
{
    private static readonly HomeCareCatalogue Catalogue = new(Atlas.Default);
    private static readonly LocalDate Monday = new(2026, 11, 30);

    [Fact]
    public void Every_muscle_has_a_self_release_exercise_from_its_atlas_self_care()
    {
        var trapezius = Catalogue.Find(HomeCareCatalogue.ReleaseFor("upper-trapezius"));

        Assert.Equal(Atlas.Default.Muscles.Count, Catalogue.All.Count(e => e.Kind == ExerciseKind.SelfRelease));
        Assert.NotNull(trapezius);
        Assert.Equal(Atlas.Default.FindMuscle("upper-trapezius")!.SelfCare, trapezius.Instructions);
        Assert.Contains(Catalogue.All, e => e.Kind == ExerciseKind.Posture);
    }

    [Theory]
    [InlineData(30, 3, 2, 14, "Hold 30 s × 3, twice a day, for 14 days")]
    [InlineData(0, 10, 1, 7, "10 times, once a day, for 7 days")]
    [InlineData(45, 1, 3, 21, "Hold 45 s × 1, 3 times a day, for 21 days")]
    public void A_dose_reads_plainly(int hold, int reps, int perDay, int days, string expected)
    {
        Assert.Equal(expected, new Dose(hold, reps, perDay, days).Describe());
    }

    [Fact]
    public void Doses_and_exercises_are_checked()
    {
        Assert.Empty(DoseValidation.Check("items[0]", "posture:chin-tucks", Dose.Default, Catalogue));

        var errors = DoseValidation.Check("items[1]", "release:nope", new Dose(200, 0, 7, 0), Catalogue);

        Assert.Equal(["items[1].days", "items[1].exerciseId", "items[1].holdSeconds", "items[1].repetitions", "items[1].timesPerDay"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Adherence_counts_days_due_so_far_and_ignores_ticks_outside_the_course()
    {
        var courses = new[] { new PrescribedCourse(1, Monday, 7), new PrescribedCourse(2, Monday.PlusDays(2), 3) };
        var ticks = new[] { (1L, Monday), (1L, Monday.PlusDays(1)), (2L, Monday.PlusDays(2)), (2L, Monday.PlusDays(1)), (1L, Monday.PlusDays(9)) };

        var wednesday = Adherence.Of(courses, ticks, Monday.PlusDays(2));
        var later = Adherence.Of(courses, ticks, Monday.PlusDays(20));

        Assert.Equal(new AdherenceSummary(4, 3), wednesday);
        Assert.Equal(75, wednesday.Percent);
        Assert.Equal(new AdherenceSummary(10, 3), later);
        Assert.Null(Adherence.Of([], [], Monday).Percent);
    }

    [Fact]
    public void Only_days_of_the_course_up_to_today_can_be_ticked()
    {
        var course = new PrescribedCourse(1, Monday, 3);

        Assert.True(Adherence.CanTick(course, Monday, Monday.PlusDays(1)));
        Assert.False(Adherence.CanTick(course, Monday.PlusDays(2), Monday.PlusDays(1)));
        Assert.False(Adherence.CanTick(course, Monday.PlusDays(-1), Monday.PlusDays(1)));
        Assert.False(Adherence.CanTick(course, Monday.PlusDays(3), Monday.PlusDays(10)));
    }
}
