using System.Globalization;

namespace Pinpoint.Core.Dispatch;

/// <summary>What the checker found: feasible or not, every violation in words, total travel and routes used.</summary>
public sealed record FeasibilityReport(bool Feasible, IReadOnlyList<string> Violations, double Distance, int RoutesUsed);

/// <summary>
/// Checks a plan against the problem, independently of any solver: every visit served once or reported unassigned;
/// each route leaves home at the shift start, starts each service no earlier than its ready time and no later than its
/// due time (waiting allowed), is back home by the shift end, stays within capacity; skills, allowed and excluded
/// therapists, and fixed visits (their therapist and exact start) are kept. Distances are summed in double precision.
/// </summary>
public static class FeasibilityChecker
{
    // Solomon times are integers and distances irrational: a hair of tolerance keeps exact-at-the-limit routes feasible.
    private const double Epsilon = 1e-6;

    public static FeasibilityReport Check(DispatchProblem problem, DispatchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        var violations = new List<string>();
        var served = new int[problem.Visits.Count];
        var usedTherapists = new HashSet<int>();
        var distance = 0.0;
        foreach (var route in plan.Routes.Where(r => r.Visits.Count > 0))
        {
            if (route.Therapist < 0 || route.Therapist >= problem.Therapists.Count)
            {
                violations.Add($"Route for unknown therapist #{route.Therapist}.");
                continue;
            }

            if (!usedTherapists.Add(route.Therapist))
            {
                violations.Add($"{problem.Therapists[route.Therapist].Id} has more than one route.");
            }

            distance += Walk(problem, route, served, violations);
        }

        for (var v = 0; v < problem.Visits.Count; v++)
        {
            var unassigned = plan.Unassigned.ContainsKey(v);
            if (served[v] > 1)
            {
                violations.Add($"Visit {problem.Visits[v].Id} is served {served[v]} times.");
            }
            else if (served[v] == 1 && unassigned)
            {
                violations.Add($"Visit {problem.Visits[v].Id} is both served and reported unassigned.");
            }
            else if (served[v] == 0 && !unassigned)
            {
                violations.Add($"Visit {problem.Visits[v].Id} is neither served nor reported unassigned.");
            }
        }

        return new FeasibilityReport(violations.Count == 0, violations, distance, plan.Routes.Count(r => r.Visits.Count > 0));
    }

    private static double Walk(DispatchProblem problem, DispatchRoute route, int[] served, List<string> violations)
    {
        var therapist = problem.Therapists[route.Therapist];
        var time = therapist.ShiftStart;
        var at = therapist.Home;
        var load = 0;
        var distance = 0.0;
        foreach (var index in route.Visits)
        {
            if (index < 0 || index >= problem.Visits.Count)
            {
                violations.Add($"{therapist.Id}: unknown visit #{index}.");
                continue;
            }

            var visit = problem.Visits[index];
            served[index]++;
            var leg = problem.TravelTime(at, visit.Location);
            distance += leg;
            var start = Math.Max(time + leg, visit.Ready);
            if (start > visit.Due + Epsilon)
            {
                violations.Add($"{therapist.Id}: late at {visit.Id} (starts {F(start)}, due by {F(visit.Due)}).");
            }

            if (!therapist.Has(visit.Skill))
            {
                violations.Add($"{therapist.Id} lacks {visit.Skill} for {visit.Id}.");
            }

            if (visit.Allowed is { } allowed && !allowed.Contains(therapist.Id))
            {
                violations.Add($"{visit.Id} may only go to {string.Join(", ", allowed)}, not {therapist.Id}.");
            }

            if (visit.Excluded?.Contains(therapist.Id) == true)
            {
                violations.Add($"{visit.Id} must not go to {therapist.Id}.");
            }

            if (visit.FixedTo is { } fixedTo && fixedTo != therapist.Id)
            {
                violations.Add($"Fixed visit {visit.Id} moved from {fixedTo} to {therapist.Id}.");
            }

            if (visit.FixedStart is { } fixedStart && Math.Abs(start - fixedStart) > Epsilon)
            {
                violations.Add($"Fixed visit {visit.Id} moved from {F(fixedStart)} to {F(start)}.");
            }

            load += visit.Demand;
            time = start + visit.Service;
            at = visit.Location;
        }

        var home = problem.TravelTime(at, therapist.Home);
        distance += home;
        if (time + home > therapist.ShiftEnd + Epsilon)
        {
            violations.Add($"{therapist.Id}: back home at {F(time + home)}, after the shift ends at {F(therapist.ShiftEnd)}.");
        }

        if (load > therapist.Capacity)
        {
            violations.Add($"{therapist.Id}: load {load} over capacity {therapist.Capacity}.");
        }

        return distance;
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
