using Pinpoint.Core.Dispatch;

namespace Pinpoint.Core.Tests.Dispatch;

/// <summary>Runs are bounded by iterations, not time, so they behave the same on any machine.</summary>
public sealed class DispatchSolverTests
{
    private static readonly SolverOptions Short = new() { MaxIterations = 400, TimeLimit = TimeSpan.FromMinutes(5), Seed = 7 };

    private static Solomon.Instance Load(string name) => VrptwFixtures.Solomon(name);

    private static (int Vehicles, double Hierarchical, double? Distance) BestKnown(string name) => VrptwFixtures.BestKnown(name);

    [Theory]
    [InlineData("C101")]
    [InlineData("R101")]
    [InlineData("RC101")]
    [InlineData("R201")]
    [InlineData("C205")]
    [InlineData("RC208")]
    public void Plans_are_feasible_serve_everyone_and_land_close_to_the_best_known(string name)
    {
        var instance = Load(name);

        var plan = DispatchSolver.Solve(instance.Problem, Short);
        var report = FeasibilityChecker.Check(instance.Problem, plan);

        Assert.True(report.Feasible, string.Join("; ", report.Violations.Take(3)));
        Assert.Empty(plan.Unassigned);
        var best = BestKnown(name).Distance!.Value;
        // A behaviour check with a loose bound: the construction alone is often 10–40 % above. Below is possible, as the
        // published distance-only figures are not all optima (RC101 comes out under its figure).
        Assert.InRange(report.Distance, best * 0.97, best * 1.04);
        Assert.True(report.Distance <= FeasibilityChecker.Check(instance.Problem, RegretInsertion.Build(instance.Problem)).Distance);
    }

    [Theory]
    [InlineData("C101")]
    [InlineData("R201")]
    public void The_hierarchical_objective_uses_the_best_known_number_of_therapists(string name)
    {
        var instance = Load(name);

        var plan = DispatchSolver.Solve(instance.Problem, Short with { Objective = DispatchObjective.Hierarchical, MaxIterations = 1500 });
        var report = FeasibilityChecker.Check(instance.Problem, plan);

        Assert.True(report.Feasible, string.Join("; ", report.Violations.Take(3)));
        Assert.Equal(BestKnown(name).Vehicles, report.RoutesUsed);
        Assert.InRange(report.Distance, BestKnown(name).Hierarchical * 0.999, BestKnown(name).Hierarchical * 1.05);
    }

    [Fact]
    public void The_same_seed_gives_the_same_plan_and_another_seed_may_differ()
    {
        var instance = Load("R101");
        var options = Short with { MaxIterations = 150 };

        var first = Routes(DispatchSolver.Solve(instance.Problem, options));
        var second = Routes(DispatchSolver.Solve(instance.Problem, options));
        var otherSeeds = Enumerable.Range(1, 3).Select(k => Routes(DispatchSolver.Solve(instance.Problem, options with { Seed = options.Seed + k }))).ToList();

        Assert.Equal(first, second);
        // The seed is used: with 150 iterations on R101 some other seed finds another plan.
        Assert.Contains(otherSeeds, other => other != first);
    }

    private static string Routes(DispatchPlan plan) => string.Join(" | ", plan.Routes.Select(r => $"{r.Therapist}: {string.Join(' ', r.Visits)}"));

    [Fact]
    public void Two_threads_search_two_seeds_and_keep_the_better_plan()
    {
        var instance = Load("RC101");
        var options = Short with { MaxIterations = 150 };

        var together = FeasibilityChecker.Check(instance.Problem, DispatchSolver.Solve(instance.Problem, options with { Threads = 2 })).Distance;
        var alone = new[] { options.Seed, options.Seed + 1 }
            .Select(seed => FeasibilityChecker.Check(instance.Problem, DispatchSolver.Solve(instance.Problem, options with { Seed = seed })).Distance).ToList();

        Assert.Equal(alone.Min(), together, 6);
    }

    [Fact]
    public void Skills_fixed_visits_and_unservable_visits_are_respected_and_explained()
    {
        var travel = new double[4, 4] { { 0, 10, 10, 30 }, { 10, 0, 10, 30 }, { 10, 10, 0, 30 }, { 30, 30, 30, 0 } };
        DispatchTherapist[] therapists = [new("maya", 0, 480, 900, 5, new HashSet<string>(["myofascial"])), new("liam", 3, 480, 900, 5, new HashSet<string>(["sports", "myofascial"]))];
        DispatchVisit[] visits =
        [
            new("fixed", 1, 600, 600, 60, Skill: "myofascial", FixedTo: "liam", FixedStart: 600),
            new("clinical", 2, 480, 900, 60, Skill: "clinical"),
            new("sports", 2, 480, 900, 60, Skill: "sports"),
            new("near-maya", 1, 480, 900, 60, Skill: "myofascial"),
            new("not-liam", 2, 480, 900, 60, Excluded: new HashSet<string>(["liam"])),
        ];
        var problem = new DispatchProblem(visits, therapists, travel);

        var plan = DispatchSolver.Solve(problem, Short with { MaxIterations = 50 });

        Assert.True(FeasibilityChecker.Check(problem, plan).Feasible, string.Join("; ", FeasibilityChecker.Check(problem, plan).Violations));
        Assert.Equal("No therapist on shift is verified for clinical.", Assert.Single(plan.Unassigned).Value);
        Assert.Contains(0, plan.Routes.Single(r => r.Therapist == 1).Visits);
        Assert.Contains(2, plan.Routes.Single(r => r.Therapist == 1).Visits);
        Assert.Contains(4, plan.Routes.Single(r => r.Therapist == 0).Visits);
        // Cheapest: liam takes the visit next to his fixed one (no extra drive), maya the one liam may not take.
        Assert.Equal(90, FeasibilityChecker.Check(problem, plan).Distance, 6);
    }

    [Fact]
    public void With_therapists_at_different_homes_the_hierarchical_objective_still_uses_fewer_of_them()
    {
        // Maya lives next to one client and Liam next to the other; one of them doing both drives twice as far.
        var travel = new double[4, 4] { { 0, 50, 10, 40 }, { 50, 0, 40, 10 }, { 10, 40, 0, 30 }, { 40, 10, 30, 0 } };
        DispatchTherapist[] therapists = [new("maya", 0, 480, 960, 5), new("liam", 1, 480, 960, 5)];
        DispatchVisit[] visits = [new("a", 2, 480, 900, 60), new("b", 3, 480, 900, 60)];
        var problem = new DispatchProblem(visits, therapists, travel);

        var travelFirst = FeasibilityChecker.Check(problem, DispatchSolver.Solve(problem, Short with { MaxIterations = 30 }));
        var fewestFirst = FeasibilityChecker.Check(problem, DispatchSolver.Solve(problem, Short with { MaxIterations = 30, Objective = DispatchObjective.Hierarchical }));

        Assert.Equal((2, 40.0), (travelFirst.RoutesUsed, travelFirst.Distance));
        Assert.Equal((1, 80.0), (fewestFirst.RoutesUsed, fewestFirst.Distance));
    }

    [Fact]
    public void An_overbooked_day_leaves_visits_out_with_the_reason_and_keeps_the_rest_feasible()
    {
        // One therapist, an 8-hour shift, six one-hour visits that all want the same two-hour window.
        var travel = new double[2, 2] { { 0, 15 }, { 15, 0 } };
        DispatchTherapist[] therapists = [new("maya", 0, 480, 960, 10)];
        var visits = Enumerable.Range(0, 6).Select(i => new DispatchVisit($"v{i}", 1, 540, 600, 60)).ToList();
        var problem = new DispatchProblem(visits, therapists, travel);

        var plan = DispatchSolver.Solve(problem, Short with { MaxIterations = 100 });

        Assert.True(FeasibilityChecker.Check(problem, plan).Feasible);
        // Starts at 9:00 and 10:00 fit (each visit ends an hour later at the same address): two served, four explained.
        Assert.Equal(2, plan.Routes.Sum(r => r.Visits.Count));
        Assert.Equal(4, plan.Unassigned.Count);
        Assert.All(plan.Unassigned.Values, reason => Assert.Equal("Every therapist who could take it is fully booked around its window.", reason));
    }

    [Fact]
    public void A_cancelled_search_still_returns_a_feasible_plan()
    {
        var instance = Load("R101");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var plan = DispatchSolver.Solve(instance.Problem, Short, cancellationToken: cancelled.Token);

        Assert.True(FeasibilityChecker.Check(instance.Problem, plan).Feasible);
        Assert.Empty(plan.Unassigned);
    }

    [Fact]
    public void Progress_is_reported_up_to_completion()
    {
        var instance = Load("C101");
        var reports = new List<SolverProgress>();

        DispatchSolver.Solve(instance.Problem, Short with { MaxIterations = 50 }, new SynchronousProgress(reports.Add));

        Assert.NotEmpty(reports);
        Assert.Equal(1, reports[^1].Fraction);
        Assert.True(reports[^1].Feasible);
        Assert.Equal(10, reports[^1].Routes);
    }

    private sealed class SynchronousProgress(Action<SolverProgress> report) : IProgress<SolverProgress>
    {
        public void Report(SolverProgress value) => report(value);
    }
}
