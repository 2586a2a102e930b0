using Pinpoint.Core.Dispatch;

namespace Pinpoint.Web.Features.Planning;

/// <summary>A route timed: each visit's start and the drive to it, the drive home, and whether it all fits.</summary>
public sealed record TimedRoute(int Therapist, IReadOnlyList<int> Visits, IReadOnlyList<double> Starts, IReadOnlyList<double> Drives, double DriveHome, bool Feasible)
{
    public double Travel => Drives.Sum() + DriveHome;
}

/// <summary>
/// Times routes the simple way, independent of any optimiser: leave home at the shift start, start each visit as early
/// as its window and the drive allow (a fixed visit at its fixed time), be home by the shift end.
/// </summary>
public static class RouteTimes
{
    public static TimedRoute Time(DispatchProblem problem, int therapist, IReadOnlyList<int> route)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(route);
        var t = problem.Therapists[therapist];
        var (time, at, feasible) = (t.ShiftStart, t.Home, true);
        var starts = new double[route.Count];
        var drives = new double[route.Count];
        for (var i = 0; i < route.Count; i++)
        {
            var v = problem.Visits[route[i]];
            drives[i] = problem.TravelTime(at, v.Location);
            var arrival = time + drives[i];
            starts[i] = v.FixedStart ?? Math.Max(arrival, v.Ready);
            feasible &= arrival <= starts[i] + 1e-6 && starts[i] <= v.Due + 1e-6;
            time = starts[i] + v.Service;
            at = v.Location;
        }

        var home = problem.TravelTime(at, t.Home);
        feasible &= time + home <= t.ShiftEnd + 1e-6 && route.Sum(i => problem.Visits[i].Demand) <= t.Capacity;
        return new TimedRoute(therapist, route, starts, drives, home, feasible);
    }

    /// <summary>
    /// The naive plan to compare with: fixed visits where they are, then each flexible visit in order of its window to
    /// the able therapist nearest to it (by drive from home) who can still fit it without moving anything already placed.
    /// </summary>
    public static (IReadOnlyList<TimedRoute> Routes, int Unassigned) Naive(DispatchProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var routes = problem.Therapists.Select(_ => new List<int>()).ToList();
        var index = problem.Therapists.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var fixedVisits = Enumerable.Range(0, problem.Visits.Count).Where(i => problem.Visits[i].FixedTo is not null);
        foreach (var i in fixedVisits.OrderBy(i => problem.Visits[i].FixedStart))
        {
            routes[index[problem.Visits[i].FixedTo!]].Add(i);
        }

        var unassigned = 0;
        foreach (var i in Enumerable.Range(0, problem.Visits.Count).Where(i => problem.Visits[i].FixedTo is null).OrderBy(i => problem.Visits[i].Ready).ThenBy(i => i))
        {
            var v = problem.Visits[i];
            var able = Enumerable.Range(0, problem.Therapists.Count)
                .Where(t => problem.Therapists[t].Has(v.Skill) && (v.Allowed is null || v.Allowed.Contains(problem.Therapists[t].Id)))
                .OrderBy(t => problem.TravelTime(problem.Therapists[t].Home, v.Location));
            var placed = false;
            foreach (var t in able)
            {
                // The earliest gap it fits in, keeping the order (and so the times) of what is there already.
                for (var at = 0; at <= routes[t].Count && !placed; at++)
                {
                    var candidate = routes[t].ToList();
                    candidate.Insert(at, i);
                    if (Time(problem, t, candidate).Feasible && KeepsTimes(problem, t, routes[t], candidate))
                    {
                        routes[t] = candidate;
                        placed = true;
                    }
                }

                if (placed)
                {
                    break;
                }
            }

            unassigned += placed ? 0 : 1;
        }

        return ([.. routes.Select((r, t) => Time(problem, t, r))], unassigned);
    }

    private static bool KeepsTimes(DispatchProblem problem, int therapist, List<int> before, List<int> after)
    {
        var was = Time(problem, therapist, before);
        var now = Time(problem, therapist, after);
        return before.Select((v, k) => was.Starts[k]).SequenceEqual(after.Where(v => before.Contains(v)).Select(v => now.Starts[after.IndexOf(v)]));
    }
}
