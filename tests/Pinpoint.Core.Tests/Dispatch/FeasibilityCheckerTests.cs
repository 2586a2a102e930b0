using Pinpoint.Core.Dispatch;

namespace Pinpoint.Core.Tests.Dispatch;

public sealed class FeasibilityCheckerTests
{
    // Home at 0; visits at 1 and 2; 10 minutes between any two places.
    private static DispatchProblem Problem(params DispatchVisit[] visits)
    {
        var travel = new double[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                travel[i, j] = i == j ? 0 : 10;
            }
        }

        DispatchTherapist[] therapists =
        [
            new("maya", 0, 480, 900, 5, new HashSet<string>(["myofascial"])),
            new("liam", 0, 480, 600, 1, new HashSet<string>(["sports"])),
        ];
        return new DispatchProblem(visits, therapists, travel);
    }

    private static DispatchVisit Visit(string id, int location, double ready, double due, string? skill = null, string? fixedTo = null, double? fixedStart = null) =>
        new(id, location, ready, due, 60, Skill: skill, FixedTo: fixedTo, FixedStart: fixedStart);

    private static DispatchPlan Plan(params DispatchRoute[] routes) => new(routes, new Dictionary<int, string>());

    [Fact]
    public void A_route_that_waits_for_its_windows_and_gets_home_in_time_is_feasible()
    {
        var problem = Problem(Visit("a", 1, 540, 560), Visit("b", 2, 620, 700));

        var report = FeasibilityChecker.Check(problem, Plan(new DispatchRoute(0, [0, 1])));

        Assert.True(report.Feasible, string.Join("; ", report.Violations));
        Assert.Equal(30, report.Distance);
    }

    [Fact]
    public void A_late_arrival_is_reported()
    {
        var problem = Problem(Visit("a", 1, 540, 560), Visit("b", 2, 540, 600));

        var report = FeasibilityChecker.Check(problem, Plan(new DispatchRoute(0, [0, 1])));

        Assert.Equal(["maya: late at b (starts 610, due by 600)."], report.Violations);
    }

    [Fact]
    public void A_shift_overrun_is_reported()
    {
        var problem = Problem(Visit("a", 1, 540, 560, "sports"));

        var report = FeasibilityChecker.Check(problem, Plan(new DispatchRoute(1, [0])));

        Assert.Equal(["liam: back home at 610, after the shift ends at 600."], report.Violations);
    }

    [Fact]
    public void A_skill_mismatch_and_over_capacity_are_reported()
    {
        var problem = Problem(Visit("a", 1, 480, 900, "myofascial"), Visit("b", 2, 480, 900));

        var report = FeasibilityChecker.Check(problem, Plan(new DispatchRoute(1, [0, 1])));

        Assert.Contains("liam lacks myofascial for a.", report.Violations);
        Assert.Contains("liam: load 2 over capacity 1.", report.Violations);
    }

    [Fact]
    public void A_fixed_visit_moved_to_another_therapist_or_time_is_reported()
    {
        var problem = Problem(Visit("a", 1, 600, 600, fixedTo: "maya", fixedStart: 600), Visit("b", 2, 480, 900, fixedTo: "liam", fixedStart: 500));

        var moved = FeasibilityChecker.Check(problem, Plan(new DispatchRoute(0, [1, 0])));

        Assert.Contains("Fixed visit b moved from liam to maya.", moved.Violations);
        Assert.Contains("Fixed visit b moved from 500 to 490.", moved.Violations);
        Assert.DoesNotContain(moved.Violations, v => v.Contains("Fixed visit a", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_visit_is_served_once_or_reported_unassigned()
    {
        var problem = Problem(Visit("a", 1, 480, 900), Visit("b", 2, 480, 900));

        var twice = FeasibilityChecker.Check(problem, Plan(new DispatchRoute(0, [0, 0])));
        var forgotten = FeasibilityChecker.Check(problem, Plan(new DispatchRoute(0, [0])));
        var reported = FeasibilityChecker.Check(problem, new DispatchPlan([new DispatchRoute(0, [0])], new Dictionary<int, string> { [1] = "No therapist is free." }));

        Assert.Contains("Visit a is served 2 times.", twice.Violations);
        Assert.Contains("Visit b is neither served nor reported unassigned.", forgotten.Violations);
        Assert.True(reported.Feasible);
    }

    [Fact]
    public void The_published_best_known_solutions_check_out_at_their_published_distance()
    {
        var files = Directory.GetFiles(Path.Combine(VrptwFixtures.Directory, "solomon_bks_solutions"), "*.sintef.txt");
        // One or more per Solomon class (C1, C2, R1, R2, RC1, RC2); the full 49 are in the benchmarks' data set.
        Assert.True(files.Length >= 6, $"Only {files.Length} route files under {VrptwFixtures.Directory}.");

        foreach (var file in files)
        {
            var name = Path.GetFileName(file).Split('.')[0].ToUpperInvariant();
            var instance = VrptwFixtures.Solomon(name);
            var plan = Solomon.ParseRoutes(File.ReadAllText(file), instance);
            var best = VrptwFixtures.BestKnown(name);

            var report = FeasibilityChecker.Check(instance.Problem, plan);

            Assert.True(report.Feasible, $"{name}: {string.Join("; ", report.Violations.Take(3))}");
            Assert.Equal(best.Vehicles, report.RoutesUsed);
            Assert.Equal(best.Hierarchical, Math.Round(report.Distance, 2));
        }
    }

    [Fact]
    public void Routes_written_out_read_back_the_same()
    {
        var instance = VrptwFixtures.Solomon("C101");
        var plan = Solomon.ParseRoutes(File.ReadAllText(Path.Combine(VrptwFixtures.Directory, "solomon_bks_solutions", "C101.sintef.txt")), instance);

        var again = Solomon.ParseRoutes(Solomon.WriteRoutes(plan, instance.Problem), instance);

        Assert.Equal(100, instance.Problem.Visits.Count);
        Assert.Equal(25, instance.Vehicles);
        Assert.Equal(200, instance.Capacity);
        Assert.Equal(plan.Routes.Select(r => r.Visits), again.Routes.Select(r => r.Visits));
    }
}
