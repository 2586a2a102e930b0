namespace Pinpoint.Core.Dispatch.Search;

/// <summary>
/// Granular local search (Vidal et al. 2013): for every visit U and each of its nearest neighbours V it tries
/// relocating one or two visits (also reversed), swapping one or two with one or two, 2-opt* between routes and
/// 2-opt within one, plus moving to an empty route, and takes the first improving move. A new route is described as
/// pieces of the current routes, so its cost follows from prefix and suffix segments with a few O(1) merges.
/// </summary>
internal sealed partial class LocalSearch
{
    private readonly Instance _instance;
    private readonly double[] _travel;
    private readonly int _locations;
    private readonly Random _random;
    private readonly List<int>[] _routes;
    private readonly Segment[][] _forward;
    private readonly Segment[][] _backward;
    private readonly double[][] _cumulative;
    private readonly double[] _cost;
    private readonly double[] _penalty;
    private readonly int[] _routeOf;
    private readonly int[] _positionOf;
    private readonly int[] _modifiedAt;
    private readonly int[] _testedAt;
    private readonly int[] _order;
    private int _step;
    private int _vehicleLimit;
    private Penalties _penalties = new(1, 1);

    public LocalSearch(Instance instance, Random random)
    {
        _instance = instance;
        _travel = instance.Travel;
        _locations = instance.Locations;
        _random = random;
        _routes = [.. Enumerable.Range(0, instance.Vehicles).Select(_ => new List<int>())];
        _forward = new Segment[instance.Vehicles][];
        _backward = new Segment[instance.Vehicles][];
        _cumulative = new double[instance.Vehicles][];
        _cost = new double[instance.Vehicles];
        _penalty = new double[instance.Vehicles];
        _routeOf = new int[instance.Clients];
        _positionOf = new int[instance.Clients];
        _modifiedAt = new int[instance.Vehicles];
        _testedAt = new int[instance.Clients];
        _order = [.. Enumerable.Range(0, instance.Clients).Where(c => instance.Servable[c])];
    }

    /// <summary>Improves the routes until no move in the neighbourhood helps; returns the result.</summary>
    public Individual Run(int[][] routes, Penalties penalties, int vehicleLimit)
    {
        _penalties = penalties;
        _vehicleLimit = vehicleLimit;
        Load(routes, vehicleLimit);
        _random.Shuffle(_order);
        var improved = true;
        while (improved)
        {
            improved = false;
            foreach (var u in _order)
            {
                var lastTested = _testedAt[u];
                _testedAt[u] = _step;
                if (_routeOf[u] < 0)
                {
                    improved |= TryInsert(u);
                    continue;
                }

                foreach (var v in _instance.Neighbours[u])
                {
                    var rv = _routeOf[v];
                    if (rv < 0 || _routeOf[u] < 0 || (_modifiedAt[_routeOf[u]] <= lastTested && _modifiedAt[rv] <= lastTested))
                    {
                        continue;
                    }

                    if (TryPair(u, v) || (_positionOf[v] == 1 && _routeOf[u] != _routeOf[v] && TryAfterStart(u, _routeOf[v])))
                    {
                        improved = true;
                    }
                }

                if (_routeOf[u] >= 0 && (TryEmptyRoutes(u, vehicleLimit) || TryRemove(u)))
                {
                    improved = true;
                }
            }
        }

        return Export();
    }

    private void Load(int[][] routes, int vehicleLimit)
    {
        Array.Fill(_routeOf, -1);
        _step++;
        for (var t = 0; t < _instance.Vehicles; t++)
        {
            _routes[t].Clear();
            if (t < vehicleLimit)
            {
                _routes[t].AddRange(routes[t]);
            }

            Update(t);
        }

        Array.Fill(_testedAt, -1);
    }

    private Individual Export() => Individual.Evaluate(_instance, [.. _routes.Select(r => r.ToArray())]);

    private int Length(int route) => _routes[route].Count;

    private void Update(int route)
    {
        var visits = _routes[route];
        var n = visits.Count;
        if (_forward[route] is null || _forward[route].Length < n + 2)
        {
            var size = Math.Max(8, (n + 2) * 2);
            _forward[route] = new Segment[size];
            _backward[route] = new Segment[size];
            _cumulative[route] = new double[size];
        }

        var forward = _forward[route];
        var backward = _backward[route];
        var cumulative = _cumulative[route];
        for (var p = 1; p <= n; p++)
        {
            var client = visits[p - 1];
            _routeOf[client] = route;
            _positionOf[client] = p;
            var own = _instance.ClientSegment[client];
            forward[p] = p == 1 ? own : _instance.Merge(forward[p - 1], own);
            cumulative[p] = p == 1 ? 0 : cumulative[p - 1] + _instance.Distance(_instance.ClientSegment[visits[p - 2]].Last, own.First);
        }

        for (var p = n; p >= 1; p--)
        {
            var own = _instance.ClientSegment[visits[p - 1]];
            backward[p] = p == n ? own : _instance.Merge(own, backward[p + 1]);
        }

        var whole = n == 0 ? default : _instance.Merge(_instance.Merge(_instance.StartSegment[route], forward[n]), _instance.EndSegment[route]);
        _cost[route] = n == 0 ? 0 : RouteCost(route, whole);
        _penalty[route] = n == 0 ? 0 : _cost[route] - whole.Distance - _instance.SearchVehicleCost;
        _modifiedAt[route] = ++_step;
    }

    private double RouteCost(int route, in Segment segment) =>
        segment.Distance + (_penalties.TimeWarp * segment.TimeWarp) + (_penalties.Load * Math.Max(0, segment.Load - _instance.Capacity[route])) + _instance.SearchVehicleCost;
}
