namespace Pinpoint.Core.Dispatch;

/// <summary>
/// One route under construction with, for every position, the earliest service start and the latest start that keeps
/// the rest of the route feasible (forward times and backward slack, as in Savelsbergh's insertion tests): whether a
/// visit fits between two neighbours is then answered in O(1).
/// </summary>
internal sealed class RouteState(DispatchProblem problem, int therapist)
{
    private readonly DispatchTherapist _therapist = problem.Therapists[therapist];
    private readonly List<int> _visits = [];
    private readonly List<double> _start = [];
    private readonly List<double> _latest = [];

    public int Therapist { get; } = therapist;

    public IReadOnlyList<int> Visits => _visits;

    public int Load { get; private set; }

    public double Distance { get; private set; }

    private int LocationAt(int position) => position < 0 || position >= _visits.Count ? _therapist.Home : problem.Visits[_visits[position]].Location;

    private double DepartureAfter(int position) =>
        position < 0 ? _therapist.ShiftStart : _start[position] + problem.Visits[_visits[position]].Service;

    private double LatestAt(int position) => position >= _visits.Count ? _therapist.ShiftEnd : _latest[position];

    /// <summary>Extra travel of inserting <paramref name="visit"/> before position <paramref name="position"/>, or null if it breaks the route.</summary>
    public double? InsertionCost(int visit, int position)
    {
        var v = problem.Visits[visit];
        if (Load + v.Demand > _therapist.Capacity || !_therapist.MayTake(v))
        {
            return null;
        }

        var before = LocationAt(position - 1);
        var after = LocationAt(position);
        var start = Math.Max(DepartureAfter(position - 1) + problem.TravelTime(before, v.Location), v.Ready);
        if (v.FixedStart is { } fixedStart)
        {
            if (start > fixedStart + 1e-9)
            {
                return null;
            }

            start = fixedStart;
        }

        if (start > v.Due + 1e-9)
        {
            return null;
        }

        // The next stop's start moves at most to here; its latest start says whether the rest still fits.
        var arrivalNext = start + v.Service + problem.TravelTime(v.Location, after);
        var nextStart = position >= _visits.Count ? arrivalNext : Math.Max(arrivalNext, problem.Visits[_visits[position]].Ready);
        if (nextStart > LatestAt(position) + 1e-9)
        {
            return null;
        }

        return problem.TravelTime(before, v.Location) + problem.TravelTime(v.Location, after) - problem.TravelTime(before, after);
    }

    public void Insert(int visit, int position)
    {
        _visits.Insert(position, visit);
        _start.Insert(position, 0);
        _latest.Insert(position, 0);
        Load += problem.Visits[visit].Demand;
        Recompute();
    }

    private void Recompute()
    {
        var time = _therapist.ShiftStart;
        var at = _therapist.Home;
        Distance = 0;
        for (var i = 0; i < _visits.Count; i++)
        {
            var v = problem.Visits[_visits[i]];
            Distance += problem.TravelTime(at, v.Location);
            var start = Math.Max(time + problem.TravelTime(at, v.Location), v.Ready);
            _start[i] = v.FixedStart is { } fixedStart ? Math.Max(start, fixedStart) : start;
            time = _start[i] + v.Service;
            at = v.Location;
        }

        Distance += problem.TravelTime(at, _therapist.Home);
        var latest = _therapist.ShiftEnd;
        at = _therapist.Home;
        for (var i = _visits.Count - 1; i >= 0; i--)
        {
            var v = problem.Visits[_visits[i]];
            var bound = latest - problem.TravelTime(v.Location, at) - v.Service;
            _latest[i] = Math.Min(v.FixedStart ?? v.Due, bound);
            latest = _latest[i];
            at = v.Location;
        }
    }
}
