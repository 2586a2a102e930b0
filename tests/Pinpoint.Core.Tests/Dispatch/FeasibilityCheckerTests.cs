using System.Globalization;
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
        var data = SharedData.Vrptw;
        var files = Directory.GetFiles(Path.Combine(data, "solomon_bks_solutions"), "*.sintef.txt");
        Assert.True(files.Length >= 40, $"Only {files.Length} route files under {data}.");

        foreach (var file in files)
        {
            var name = Path.GetFileName(file).Split('.')[0].ToUpperInvariant();
            var instance = SharedData.Solomon(name);
            var plan = Solomon.ParseRoutes(File.ReadAllText(file), instance);
            var best = SharedData.BestKnown(name);

            var report = FeasibilityChecker.Check(instance.Problem, plan);

            Assert.True(report.Feasible, $"{name}: {string.Join("; ", report.Violations.Take(3))}");
            Assert.Equal(best.Vehicles, report.RoutesUsed);
            Assert.Equal(best.Hierarchical, Math.Round(report.Distance, 2));
        }
    }

    [Fact]
    public void Routes_written_out_read_back_the_same()
    {
        var instance = SharedData.Solomon("C101");
        var plan = Solomon.ParseRoutes(File.ReadAllText(Path.Combine(SharedData.Vrptw, "solomon_bks_solutions", "C101.sintef.txt")), instance);

        var again = Solomon.ParseRoutes(Solomon.WriteRoutes(plan, instance.Problem), instance);

        Assert.Equal(100, instance.Problem.Visits.Count);
        Assert.Equal(25, instance.Vehicles);
        Assert.Equal(200, instance.Capacity);
        Assert.Equal(plan.Routes.Select(r => r.Visits), again.Routes.Select(r => r.Visits));
    }
}

/// <summary>The shared benchmark data beside the repository (<c>../shared/data</c>); missing data fails the test, never skips it.</summary>
internal static class SharedData
{
    public static string Vrptw { get; } = Find();

    public static Solomon.Instance Solomon(string name) => Core.Dispatch.Solomon.Parse(File.ReadAllText(Path.Combine(Vrptw, "solomon", $"{name}.txt")));

    /// <summary>An instance's row of <c>solomon_best_known.csv</c>: hierarchical vehicles and distance, and the distance-only best when published.</summary>
    public static (int Vehicles, double Hierarchical, double? Distance) BestKnown(string name) => File.ReadAllLines(Path.Combine(Vrptw, "solomon_best_known.csv")).Skip(1)
        .Select(l => l.Split(',')).Where(f => f[0] == name)
        .Select(f => (int.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), f[3].Length == 0 ? (double?)null : double.Parse(f[3], CultureInfo.InvariantCulture)))
        .Single();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data", "vrptw");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"../shared/data/vrptw was not found above {AppContext.BaseDirectory}.");
    }
}
