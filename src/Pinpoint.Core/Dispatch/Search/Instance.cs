using System.Runtime.CompilerServices;

namespace Pinpoint.Core.Dispatch.Search;

/// <summary>
/// The problem laid out for the search: flat arrays, each visit's and therapist's one-node segments, who may take
/// whom, interchangeable therapists grouped, and each visit's nearest neighbours by a time-aware proximity.
/// </summary>
internal sealed class Instance
{
    public Instance(DispatchProblem problem, DispatchObjective objective, IReadOnlySet<int>? leftOut = null, int neighbours = 20)
    {
        Problem = problem;
        Clients = problem.Visits.Count;
        Vehicles = problem.Therapists.Count;
        Locations = problem.Travel.GetLength(0);
        Travel = new double[Locations * Locations];
        var max = 0.0;
        for (var i = 0; i < Locations; i++)
        {
            for (var j = 0; j < Locations; j++)
            {
                Travel[(i * Locations) + j] = problem.Travel[i, j];
                max = Math.Max(max, problem.Travel[i, j]);
            }
        }

        Symmetric = Enumerable.Range(0, Locations).All(i => Enumerable.Range(0, i).All(j => problem.Travel[i, j] == problem.Travel[j, i]));
        ClientSegment = new Segment[Clients];
        for (var c = 0; c < Clients; c++)
        {
            var v = problem.Visits[c];
            var (ready, due) = v.FixedStart is { } at ? (at, at) : (v.Ready, v.Due);
            ClientSegment[c] = new Segment(0, v.Service, 0, ready, due, v.Demand, v.Location, v.Location);
        }

        StartSegment = new Segment[Vehicles];
        EndSegment = new Segment[Vehicles];
        Capacity = new int[Vehicles];
        for (var t = 0; t < Vehicles; t++)
        {
            var th = problem.Therapists[t];
            StartSegment[t] = new Segment(0, 0, 0, th.ShiftStart, th.ShiftEnd, 0, th.Home, th.Home);
            EndSegment[t] = StartSegment[t];
            Capacity[t] = th.Capacity;
        }

        Admits = new bool[Clients * Vehicles];
        AllAdmitted = true;
        for (var c = 0; c < Clients; c++)
        {
            var v = problem.Visits[c];
            for (var t = 0; t < Vehicles; t++)
            {
                var ok = problem.Therapists[t].MayTake(v);
                Admits[(c * Vehicles) + t] = ok;
                AllAdmitted &= ok;
            }
        }

        VehicleClass = GroupInterchangeable(problem);
        AlikeFleet = VehicleClass.All(c => c == 0);
        SingleHome = problem.Therapists.All(t => t.Home == problem.Therapists[0].Home);
        Servable = new bool[Clients];
        for (var c = 0; c < Clients; c++)
        {
            Servable[c] = leftOut?.Contains(c) != true && Enumerable.Range(0, Vehicles).Any(t => Admits[(c * Vehicles) + t] && AloneFits(c, t));
        }

        // Hierarchy of costs: serving a visit outweighs any number of therapists, one therapist fewer outweighs any travel.
        var maxService = problem.Visits.Count == 0 ? 0 : problem.Visits.Max(v => v.Service);
        var travelBound = 2 * (Clients + 1) * (max + 1);
        VehicleCost = objective == DispatchObjective.Hierarchical ? travelBound : 0;
        // The local search works with a route cost of one long round trip: the lexicographic cost would make merging
        // routes worth any time warp at the start. Alike fleets are instead minimised by lowering the fleet limit.
        SearchVehicleCost = objective == DispatchObjective.Hierarchical && !AlikeFleet ? 2 * max : 0;
        Prize = 10 * (travelBound + maxService + 1);
        Neighbours = NearestNeighbours(neighbours);
    }

    public DispatchProblem Problem { get; }

    public int Clients { get; }

    public int Vehicles { get; }

    public int Locations { get; }

    public double[] Travel { get; }

    public bool Symmetric { get; }

    /// <summary>All therapists start and end at one place (a depot), so a move's travel change follows from the edges it touches.</summary>
    public bool SingleHome { get; }

    public Segment[] ClientSegment { get; }

    public Segment[] StartSegment { get; }

    public Segment[] EndSegment { get; }

    public int[] Capacity { get; }

    public bool[] Admits { get; }

    public bool AllAdmitted { get; }

    /// <summary>Therapists with the same home, shift, capacity and admitted visits share a class: one empty route of a class stands for all.</summary>
    public int[] VehicleClass { get; }

    /// <summary>Every therapist is interchangeable with every other (one class), as in the Solomon instances.</summary>
    public bool AlikeFleet { get; }

    /// <summary>
    /// Whether the visit is planned: some therapist could serve it on a route of its own and the construction found it a
    /// place. On an overbooked day the construction's choice of who is left out stands; the search optimises the rest.
    /// </summary>
    public bool[] Servable { get; }

    public double VehicleCost { get; }

    public double SearchVehicleCost { get; }

    /// <summary>The cost of leaving a servable visit out; larger than anything else so it only happens when nothing fits.</summary>
    public double Prize { get; }

    public int[][] Neighbours { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Distance(int from, int to) => Travel[(from * Locations) + to];

    public bool Admitted(int client, int vehicle) => AllAdmitted || Admits[(client * Vehicles) + vehicle];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Segment Merge(in Segment a, in Segment b) => Segment.Merge(a, b, Travel, Locations);

    private bool AloneFits(int client, int vehicle)
    {
        var route = Merge(Merge(StartSegment[vehicle], ClientSegment[client]), EndSegment[vehicle]);
        return route.TimeWarp <= 1e-9 && route.Load <= Capacity[vehicle];
    }

    private int[] GroupInterchangeable(DispatchProblem problem)
    {
        var classes = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new int[Vehicles];
        for (var t = 0; t < Vehicles; t++)
        {
            var th = problem.Therapists[t];
            var admits = AllAdmitted ? "*" : new string([.. Enumerable.Range(0, Clients).Select(c => Admits[(c * Vehicles) + t] ? '1' : '0')]);
            var key = FormattableString.Invariant($"{th.Home}|{th.ShiftStart}|{th.ShiftEnd}|{th.Capacity}|{admits}");
            if (!classes.TryGetValue(key, out var id))
            {
                id = classes.Count;
                classes[key] = id;
            }

            result[t] = id;
        }

        return result;
    }

    /// <summary>Vidal et al. (2013): travel plus weighted waiting and time warp if one visit directly follows the other.</summary>
    private int[][] NearestNeighbours(int k)
    {
        var result = new int[Clients][];
        var proximity = new double[Clients];
        var order = new int[Clients];
        for (var i = 0; i < Clients; i++)
        {
            var a = ClientSegment[i];
            for (var j = 0; j < Clients; j++)
            {
                var b = ClientSegment[j];
                proximity[j] = i == j ? double.MaxValue : Math.Min(Proximity(a, b), Proximity(b, a));
                order[j] = j;
            }

            Array.Sort((double[])proximity.Clone(), order);
            result[i] = [.. order.Take(Math.Min(k, Clients - 1))];
        }

        return result;

        double Proximity(in Segment from, in Segment to)
        {
            var d = Distance(from.Last, to.First);
            return d + (0.2 * Math.Max(to.Earliest - from.Latest - from.Duration - d, 0)) + Math.Max(from.Earliest + from.Duration + d - to.Latest, 0);
        }
    }
}
