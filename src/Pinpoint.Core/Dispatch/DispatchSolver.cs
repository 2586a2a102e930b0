using Pinpoint.Core.Dispatch.Search;

namespace Pinpoint.Core.Dispatch;

/// <summary>What the plan minimises: total travel, or the number of therapists used first and travel second.</summary>
public enum DispatchObjective
{
    Travel,
    Hierarchical,
}

/// <summary>
/// How long and how to search. A run bounded only by <see cref="MaxIterations"/> is deterministic for a seed (and a
/// thread count); a time limit stops it earlier on a slow machine, so the result then depends on the machine.
/// </summary>
public sealed record SolverOptions
{
    public DispatchObjective Objective { get; init; } = DispatchObjective.Travel;

    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(5);

    public long? MaxIterations { get; init; }

    public int Seed { get; init; } = 1;

    public int Threads { get; init; } = 1;
}

/// <summary>A snapshot of the search for a progress indicator.</summary>
public sealed record SolverProgress(double Fraction, int Routes, double Travel, bool Feasible);

/// <summary>The entry point to the dispatch optimiser.</summary>
public static class DispatchSolver
{
    public static DispatchPlan Solve(DispatchProblem problem, SolverOptions options, IProgress<SolverProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        return HybridGeneticSearch.Run(problem, options, progress, cancellationToken);
    }
}
