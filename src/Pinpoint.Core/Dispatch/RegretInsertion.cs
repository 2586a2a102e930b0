namespace Pinpoint.Core.Dispatch;

/// <summary>
/// Builds a plan by regret insertion (Potvin and Rousseau 1993; regret-k as in Ropke and Pisinger 2006): fixed visits
/// first, then repeatedly the visit whose best place is most ahead of its k-th best place, so visits with few good
/// places are not crowded out. Visits that fit nowhere are reported with the reason. Deterministic: ties break by index.
/// </summary>
public static class RegretInsertion
{
    public static DispatchPlan Build(DispatchProblem problem, int regret = 3)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var routes = Enumerable.Range(0, problem.Therapists.Count).Select(t => new RouteState(problem, t)).ToList();
        var open = Enumerable.Range(0, problem.Visits.Count).OrderBy(v => problem.Visits[v].FixedTo is null ? 1 : 0).ToList();
        var unassigned = new Dictionary<int, string>();
        while (open.Count > 0)
        {
            var fixedFirst = open.Where(v => problem.Visits[v].FixedTo is not null).ToList();
            var candidates = fixedFirst.Count > 0 ? fixedFirst : open;
            (int Visit, RouteState Route, int Position, double Score)? chosen = null;
            foreach (var visit in candidates)
            {
                var options = new List<(double Cost, RouteState Route, int Position)>();
                // Empty routes of therapists alike are one option, not many: otherwise they all tie and regret means nothing.
                var emptySeen = new HashSet<(int Home, double Start, double End, int Capacity, string Skills)>();
                foreach (var route in routes)
                {
                    if (route.Visits.Count == 0)
                    {
                        var t = problem.Therapists[route.Therapist];
                        if (!emptySeen.Add((t.Home, t.ShiftStart, t.ShiftEnd, t.Capacity, string.Join(',', t.Skills?.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>()))))
                        {
                            continue;
                        }
                    }

                    (double Cost, int Position)? best = null;
                    for (var position = 0; position <= route.Visits.Count; position++)
                    {
                        if (route.InsertionCost(visit, position) is { } cost && (best is null || cost < best.Value.Cost))
                        {
                            best = (cost, position);
                        }
                    }

                    if (best is { } b)
                    {
                        // Opening an empty route costs the same as any insertion; it is only the fleet that is limited.
                        options.Add((b.Cost, route, b.Position));
                    }
                }

                if (options.Count == 0)
                {
                    unassigned[visit] = Reason(problem, visit);
                    continue;
                }

                options.Sort((a, b) => a.Cost.CompareTo(b.Cost));
                var score = Enumerable.Range(1, Math.Min(regret, options.Count) - 1).Sum(k => options[k].Cost - options[0].Cost)
                            + (options.Count < regret ? 1e6 * (regret - options.Count) : 0) - (1e-6 * options[0].Cost);
                if (chosen is null || score > chosen.Value.Score)
                {
                    chosen = (visit, options[0].Route, options[0].Position, score);
                }
            }

            open.RemoveAll(unassigned.ContainsKey);
            if (chosen is not { } pick)
            {
                break;
            }

            pick.Route.Insert(pick.Visit, pick.Position);
            open.Remove(pick.Visit);
        }

        return new DispatchPlan([.. routes.Select(r => new DispatchRoute(r.Therapist, [.. r.Visits]))], unassigned);
    }

    /// <summary>Why a visit fits no route, in the operator's words, most basic reason first.</summary>
    public static string Reason(DispatchProblem problem, int visit)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var v = problem.Visits[visit];
        var able = problem.Therapists.Where(t => t.Has(v.Skill) && (v.Allowed?.Contains(t.Id) ?? true) && v.Excluded?.Contains(t.Id) != true).ToList();
        if (able.Count == 0)
        {
            return v.Skill is null ? "No therapist is allowed to take it." : $"No therapist on shift is verified for {v.Skill}.";
        }

        if (able.All(t => t.Capacity < v.Demand))
        {
            return "It needs more capacity than any therapist has.";
        }

        if (able.All(t => Math.Max(t.ShiftStart + problem.TravelTime(t.Home, v.Location), v.Ready) > v.Due ||
                          Math.Max(t.ShiftStart + problem.TravelTime(t.Home, v.Location), v.Ready) + v.Service + problem.TravelTime(v.Location, t.Home) > t.ShiftEnd))
        {
            return "No therapist can reach it within its window and get home within their shift.";
        }

        return "Every therapist who could take it is fully booked around its window.";
    }
}
