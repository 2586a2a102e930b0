using System.Diagnostics;

namespace Pinpoint.Core.Dispatch.Search;

/// <summary>
/// One thread of the hybrid genetic search (Vidal et al. 2013; Vidal 2022): parents by tournament, a route-exchange
/// crossover, granular local search on every child, infeasible children repaired half of the time with heavier
/// penalties, and penalties adapted so that a target share of children come out feasible. For the hierarchical
/// objective on a fleet of alike therapists, every feasible plan with R routes lowers the fleet to R − 1 for the
/// children that follow; if that fails until 60 % of the budget, the search returns to the best fleet for travel.
/// </summary>
internal sealed class GeneticSearch
{
    private const double TargetFeasible = 0.4;
    private readonly Instance _instance;
    private readonly Random _random;
    private readonly LocalSearch _localSearch;
    private readonly Population _population;
    private readonly Penalties _penalties;
    private readonly SolverOptions _options;
    private readonly bool _reduceFleet;
    private int _vehicleLimit;
    private int _feasibleTimeWarp;
    private int _feasibleLoad;
    private int _sampled;
    private readonly int _sampleSize;

    public GeneticSearch(Instance instance, SolverOptions options, int seed)
    {
        _instance = instance;
        _options = options;
        _random = new Random(seed);
        _localSearch = new LocalSearch(instance, _random);
        _population = new Population(_random);
        var maxTravel = instance.Travel.Length == 0 ? 1 : instance.Travel.Max();
        var maxDemand = instance.Problem.Visits.Count == 0 ? 1 : Math.Max(1, instance.Problem.Visits.Max(v => v.Demand));
        // A unit of lateness starts at ten units of travel; both weights then follow the share of feasible children.
        _penalties = new Penalties(10, Math.Clamp(maxTravel / maxDemand, 0.1, 1000));
        // Large instances give fewer children a second, so their penalties are revised after fewer.
        _sampleSize = Math.Clamp(10_000 / Math.Max(1, instance.Clients), 10, 100);
        _vehicleLimit = instance.Vehicles;
        _reduceFleet = options.Objective == DispatchObjective.Hierarchical && instance.AlikeFleet;
    }

    public Individual? Best { get; private set; }

    public long Iterations { get; private set; }

    public void Run(int[][] construction, Stopwatch clock, Action<Individual, double>? onBest, CancellationToken cancellationToken)
    {
        Consider(Individual.Evaluate(_instance, construction), onBest, 0);
        Seed(construction, clock, cancellationToken);
        var sinceImprovement = 0;
        var fleetSettled = !_reduceFleet;
        while (!cancellationToken.IsCancellationRequested && Fraction(clock) < 1)
        {
            if (!fleetSettled && Fraction(clock) >= 0.6)
            {
                fleetSettled = true;
                if (Best is not null && Best.RoutesUsed > _vehicleLimit)
                {
                    _vehicleLimit = Best.RoutesUsed;
                    _population.Clear();
                    Seed(Best.Routes, clock, cancellationToken);
                }
            }

            var child = Crossover(_population.Select(_penalties), _population.Select(_penalties));
            var individual = Improve(child, _penalties);
            if (!individual.Feasible && _random.NextDouble() < 0.5)
            {
                var repaired = Improve(individual.Routes, new Penalties(_penalties.TimeWarp * 10, _penalties.Load * 10));
                if (repaired.Feasible)
                {
                    _population.Add(repaired, _penalties);
                    sinceImprovement = Consider(repaired, onBest, Fraction(clock)) ? 0 : sinceImprovement;
                }
            }

            _population.Add(individual, _penalties);
            sinceImprovement = Consider(individual, onBest, Fraction(clock)) ? 0 : sinceImprovement + 1;
            Iterations++;
            if (sinceImprovement > 10_000 && Best is not null)
            {
                sinceImprovement = 0;
                _population.Clear();
                Seed(Best.Routes, clock, cancellationToken);
            }
        }
    }

    private double Fraction(Stopwatch clock) =>
        Math.Max(clock.Elapsed / _options.TimeLimit, _options.MaxIterations is { } max ? (double)Iterations / max : 0);

    private void Seed(int[][] start, Stopwatch clock, CancellationToken cancellationToken)
    {
        _population.Add(Improve(start, _penalties), _penalties);
        var empty = Enumerable.Range(0, _instance.Vehicles).Select(_ => Array.Empty<int>()).ToArray();
        // Random starts restore diversity; they may take a fifth of what is left of the budget, at least a few always run.
        var until = Fraction(clock) + (0.2 * (1 - Fraction(clock)));
        for (var i = 0; i < 100 && (i < 10 || Fraction(clock) < until) && !cancellationToken.IsCancellationRequested; i++)
        {
            _population.Add(Improve(empty, _penalties), _penalties);
        }
    }

    private Individual Improve(int[][] routes, Penalties penalties)
    {
        var individual = _localSearch.Run(_reduceFleet ? Compact(routes) : routes, penalties, _vehicleLimit);
        Sample(individual);
        return individual;
    }

    private bool Consider(Individual individual, Action<Individual, double>? onBest, double fraction)
    {
        if (!individual.Feasible || (Best is not null && individual.Objective >= Best.Objective - 1e-9))
        {
            return false;
        }

        Best = individual;
        onBest?.Invoke(individual, fraction);
        if (_reduceFleet && individual.Unserved == 0 && individual.RoutesUsed <= _vehicleLimit && individual.RoutesUsed > 1 && fraction < 0.6)
        {
            _vehicleLimit = individual.RoutesUsed - 1;
        }

        return true;
    }

    /// <summary>Counts feasible children and moves each penalty towards the target share every so many children.</summary>
    private void Sample(Individual individual)
    {
        _feasibleTimeWarp += individual.TimeWarp <= 1e-6 ? 1 : 0;
        _feasibleLoad += individual.ExcessLoad == 0 ? 1 : 0;
        if (++_sampled < _sampleSize)
        {
            return;
        }

        _penalties.TimeWarp = Adjust(_penalties.TimeWarp, (double)_feasibleTimeWarp / _sampleSize);
        _penalties.Load = Adjust(_penalties.Load, (double)_feasibleLoad / _sampleSize);
        _sampled = _feasibleTimeWarp = _feasibleLoad = 0;

        static double Adjust(double weight, double share) =>
            share < TargetFeasible - 0.05 ? Math.Min(weight * 1.2, 100_000) : share > TargetFeasible + 0.05 ? Math.Max(weight * 0.85, 0.1) : weight;
    }

    /// <summary>Alike therapists' routes moved to the lowest indices, longest first, so a lower fleet limit drops the shortest.</summary>
    private static int[][] Compact(int[][] routes)
    {
        var used = routes.Where(r => r.Length > 0).OrderByDescending(r => r.Length).ToList();
        return [.. used, .. Enumerable.Range(0, routes.Length - used.Count).Select(_ => Array.Empty<int>())];
    }

    /// <summary>
    /// Selective route exchange (after Nagata and Kobayashi's SREX, as in PyVRP): routes of the first parent around a
    /// random visit give way to the second parent's routes around it; visits left without a route are reinserted by
    /// the local search.
    /// </summary>
    private int[][] Crossover(Individual first, Individual second)
    {
        var child = first.Routes.Select(r => (int[])r.Clone()).ToArray();
        var firstRoutes = RoutesOf(first);
        var secondRoutes = RoutesOf(second);
        var usedFirst = first.Routes.Count(r => r.Length > 0);
        if (usedFirst == 0 || second.Routes.All(r => r.Length == 0))
        {
            return child;
        }

        var take = 1 + _random.Next(Math.Max(1, usedFirst / 2));
        var centre = _random.Next(_instance.Clients);
        var leaving = Around(centre, firstRoutes, take);
        var arriving = Around(centre, secondRoutes, take);
        foreach (var r in leaving)
        {
            child[r] = [];
        }

        var moved = new HashSet<int>(arriving.SelectMany(r => second.Routes[r]));
        for (var t = 0; t < child.Length; t++)
        {
            if (child[t].Any(moved.Contains))
            {
                child[t] = [.. child[t].Where(c => !moved.Contains(c))];
            }
        }

        foreach (var r in arriving)
        {
            var target = child[r].Length == 0 && r < _vehicleLimit ? r
                : Enumerable.Range(0, Math.Min(_vehicleLimit, child.Length)).FirstOrDefault(t => child[t].Length == 0 && _instance.VehicleClass[t] == _instance.VehicleClass[r], -1);
            if (target >= 0)
            {
                child[target] = (int[])second.Routes[r].Clone();
            }
        }

        return child;
    }

    private static int[] RoutesOf(Individual individual)
    {
        var result = new int[individual.Successor.Length];
        Array.Fill(result, -1);
        for (var t = 0; t < individual.Routes.Length; t++)
        {
            foreach (var c in individual.Routes[t])
            {
                result[c] = t;
            }
        }

        return result;
    }

    /// <summary>The routes holding the visit and its nearest neighbours, up to <paramref name="count"/> of them.</summary>
    private List<int> Around(int centre, int[] routeOf, int count)
    {
        var result = new List<int>();
        foreach (var c in (IEnumerable<int>)[centre, .. _instance.Neighbours[centre]])
        {
            if (result.Count >= count)
            {
                break;
            }

            if (routeOf[c] >= 0 && !result.Contains(routeOf[c]))
            {
                result.Add(routeOf[c]);
            }
        }

        return result;
    }
}
