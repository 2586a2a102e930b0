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
        // Empty routes of therapists alike are one option, not many: otherwise they all tie and regret means nothing.
        var kinds = problem.Therapists.Select(t => (t.Home, t.ShiftStart, t.ShiftEnd, t.Capacity, string.Join(',', t.Skills?.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>()), t.Id))
            .Select(k => problem.Visits.Any(v => v.Allowed is not null || v.Excluded is not null || v.FixedTo is not null) ? k : k with { Id = "" })
            .ToList();
        var kind = kinds.Select(k => kinds.IndexOf(k)).ToArray();
        var emptySeen = new int[routes.Count];
        var stamp = 0;
        var open = Enumerable.Range(0, problem.Visits.Count).ToList();
        // Each visit's cheapest place in each route, recomputed only for the route that changed.
        var best = new (double Cost, int Position)?[problem.Visits.Count, routes.Count];
        foreach (var visit in open)
        {
            for (var r = 0; r < routes.Count; r++)
            {
                best[visit, r] = Cheapest(routes[r], visit);
            }
        }

        var unassigned = new Dictionary<int, string>();
        var options = new List<(double Cost, int Route)>();
        while (open.Count > 0)
        {
            var fixedFirst = open.Where(v => problem.Visits[v].FixedTo is not null).ToList();
            var candidates = fixedFirst.Count > 0 ? fixedFirst : open;
            (int Visit, int Route, int Position, double Score)? chosen = null;
            foreach (var visit in candidates)
            {
                options.Clear();
                stamp++;
                for (var r = 0; r < routes.Count; r++)
                {
                    if (best[visit, r] is not { } place || (routes[r].Visits.Count == 0 && emptySeen[kind[r]] == stamp))
                    {
                        continue;
                    }

                    if (routes[r].Visits.Count == 0)
                    {
                        emptySeen[kind[r]] = stamp;
                    }

                    options.Add((place.Cost, r));
                }

                if (options.Count == 0)
                {
                    unassigned[visit] = Reason(problem, visit);
                    continue;
                }

                // Only the best few matter: move them to the front instead of sorting every route.
                for (var k = 0; k < Math.Min(regret, options.Count); k++)
                {
                    var min = k;
                    for (var j = k + 1; j < options.Count; j++)
                    {
                        if (options[j].Cost < options[min].Cost || (options[j].Cost == options[min].Cost && options[j].Route < options[min].Route))
                        {
                            min = j;
                        }
                    }

                    (options[k], options[min]) = (options[min], options[k]);
                }

                var score = Enumerable.Range(1, Math.Min(regret, options.Count) - 1).Sum(k => options[k].Cost - options[0].Cost)
                            + (options.Count < regret ? 1e6 * (regret - options.Count) : 0) - (1e-6 * options[0].Cost);
                if (chosen is null || score > chosen.Value.Score)
                {
                    chosen = (visit, options[0].Route, best[visit, options[0].Route]!.Value.Position, score);
                }
            }

            open.RemoveAll(unassigned.ContainsKey);
            if (chosen is not { } pick)
            {
                break;
            }

            routes[pick.Route].Insert(pick.Visit, pick.Position);
            open.Remove(pick.Visit);
            foreach (var visit in open)
            {
                best[visit, pick.Route] = Cheapest(routes[pick.Route], visit);
            }
        }

        return new DispatchPlan([.. routes.Select(r => new DispatchRoute(r.Therapist, [.. r.Visits]))], unassigned);

        static (double Cost, int Position)? Cheapest(RouteState route, int visit)
        {
            (double Cost, int Position)? result = null;
            for (var position = 0; position <= route.Visits.Count; position++)
            {
                if (route.InsertionCost(visit, position) is { } cost && (result is null || cost < result.Value.Cost))
                {
                    result = (cost, position);
                }
            }

            return result;
        }
    }

    /// <summary>Why a visit fits no route, in the operator's words, most basic reason first.</summary>
    public static string Reason(DispatchProblem problem, int visit)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var v = problem.Visits[visit];
        var skilled = problem.Therapists.Where(t => t.Has(v.Skill)).ToList();
        if (skilled.Count == 0)
        {
            return problem.Therapists.Count == 0 ? "No therapist is on shift that day." : $"No therapist on shift is verified for {v.Skill}.";
        }

        var able = skilled.Where(t => (v.Allowed?.Contains(t.Id) ?? true) && v.Excluded?.Contains(t.Id) != true).ToList();
        if (able.Count == 0)
        {
            return v.Skill is null
                ? "No therapist on shift may take it (who reaches the address and meets the client's needs)."
                : $"No therapist on shift verified for {v.Skill} may take it (who reaches the address and meets the client's needs).";
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
