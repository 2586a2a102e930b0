using System.Diagnostics;

namespace Pinpoint.Core.Dispatch.Search;

/// <summary>
/// Runs one genetic search per thread from the regret-insertion plan, each with its own seed (seed, seed + 1, …), and
/// keeps the best feasible plan. Threads do not share state, so a run bounded by iterations is deterministic.
/// </summary>
internal static class HybridGeneticSearch
{
    public static DispatchPlan Run(DispatchProblem problem, SolverOptions options, IProgress<SolverProgress>? progress, CancellationToken cancellationToken)
    {
        var construction = RegretInsertion.Build(problem);
        var instance = new Instance(problem, options.Objective, construction.Unassigned.Keys.ToHashSet());
        var start = new int[problem.Therapists.Count][];
        foreach (var route in construction.Routes)
        {
            start[route.Therapist] = [.. route.Visits];
        }

        for (var t = 0; t < start.Length; t++)
        {
            start[t] ??= [];
        }

        var clock = Stopwatch.StartNew();
        var threads = Math.Max(1, options.Threads);
        var searches = Enumerable.Range(0, threads).Select(i => new GeneticSearch(instance, options, options.Seed + i)).ToArray();
        var gate = new Lock();
        Individual? shown = null;
        void Report(Individual best, double fraction)
        {
            lock (gate)
            {
                if (shown is null || best.Objective < shown.Objective)
                {
                    shown = best;
                }

                progress?.Report(new SolverProgress(Math.Min(1, fraction), shown.RoutesUsed, shown.Distance, true));
            }
        }

        if (threads == 1)
        {
            searches[0].Run(start, clock, Report, cancellationToken);
        }
        else
        {
            Parallel.ForEach(searches, new ParallelOptions { MaxDegreeOfParallelism = threads }, s => s.Run(start, clock, Report, cancellationToken));
        }

        // Ties go to the lowest seed so the answer does not depend on which thread finished first.
        var best = searches.Select(s => s.Best).OfType<Individual>().OrderBy(b => b.Objective).First();
        progress?.Report(new SolverProgress(1, best.RoutesUsed, best.Distance, true));
        return ToPlan(problem, best);
    }

    private static DispatchPlan ToPlan(DispatchProblem problem, Individual best)
    {
        var routes = best.Routes.Select((visits, t) => new DispatchRoute(t, [.. visits])).ToList();
        var unassigned = new Dictionary<int, string>();
        for (var c = 0; c < problem.Visits.Count; c++)
        {
            if (best.Successor[c] == -2)
            {
                unassigned[c] = RegretInsertion.Reason(problem, c);
            }
        }

        return new DispatchPlan(routes, unassigned);
    }
}
