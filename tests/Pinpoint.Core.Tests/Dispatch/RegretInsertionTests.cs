using Pinpoint.Core.Dispatch;

namespace Pinpoint.Core.Tests.Dispatch;

public sealed class RegretInsertionTests
{
    private static Solomon.Instance Load(string name) => VrptwFixtures.Solomon(name);

    private static double BestKnown(string name) => VrptwFixtures.BestKnown(name).Hierarchical;

    [Theory]
    [InlineData("C101")]
    [InlineData("R101")]
    [InlineData("RC101")]
    [InlineData("R201")]
    [InlineData("C205")]
    public void The_construction_is_feasible_serves_everyone_and_lands_within_a_loose_bound_of_the_best_known(string name)
    {
        var instance = Load(name);

        var plan = RegretInsertion.Build(instance.Problem);
        var report = FeasibilityChecker.Check(instance.Problem, plan);

        Assert.True(report.Feasible, string.Join("; ", report.Violations.Take(3)));
        Assert.Empty(plan.Unassigned);
        Assert.InRange(report.Distance, BestKnown(name) * 0.999, BestKnown(name) * 1.6);
    }

    [Fact]
    public void The_same_problem_gives_the_same_plan()
    {
        var instance = Load("R101");

        var first = RegretInsertion.Build(instance.Problem);
        var second = RegretInsertion.Build(instance.Problem);

        Assert.Equal(first.Routes.Select(r => r.Visits), second.Routes.Select(r => r.Visits));
    }

    [Fact]
    public void Visits_nobody_can_take_are_reported_with_the_reason_and_fixed_visits_stay_put()
    {
        var travel = new double[3, 3] { { 0, 10, 10 }, { 10, 0, 10 }, { 10, 10, 0 } };
        DispatchTherapist[] therapists = [new("maya", 0, 480, 900, 5, new HashSet<string>(["myofascial"])), new("liam", 0, 480, 900, 5, new HashSet<string>(["sports"]))];
        DispatchVisit[] visits =
        [
            new("fixed", 1, 600, 600, 60, Skill: "myofascial", FixedTo: "maya", FixedStart: 600),
            new("clinical", 2, 480, 900, 60, Skill: "clinical"),
            new("too-early", 2, 0, 470, 60),
            new("flexible", 2, 480, 900, 60, Skill: "myofascial"),
            new("needs-liam", 2, 480, 900, 60, Skill: "myofascial", Allowed: new HashSet<string>(["liam"])),
        ];
        var problem = new DispatchProblem(visits, therapists, travel);

        var plan = RegretInsertion.Build(problem);

        Assert.True(FeasibilityChecker.Check(problem, plan).Feasible);
        Assert.Equal([1, 2, 4], plan.Unassigned.Keys.Order());
        Assert.Equal("No therapist on shift is verified for clinical.", plan.Unassigned[1]);
        Assert.Equal("No therapist can reach it within its window and get home within their shift.", plan.Unassigned[2]);
        Assert.Equal("No therapist on shift verified for myofascial may take it (who reaches the address and meets the client's needs).", plan.Unassigned[4]);
        var maya = plan.Routes.Single(r => r.Therapist == 0);
        Assert.Contains(0, maya.Visits);
        Assert.Contains(3, maya.Visits);
    }
}
