using System.Runtime.CompilerServices;

namespace Pinpoint.Core.Dispatch.Search;

/// <summary>A stretch of a current route, by positions (1-based, visits only); empty when From &gt; To.</summary>
internal readonly record struct Piece(int Route, int From, int To, bool Reverse = false)
{
    public bool Empty => From > To;
}

internal sealed partial class LocalSearch
{
    private const double Epsilon = 1e-7;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double D(int from, int to) => _travel[(from * _locations) + to];

    /// <summary>The location at a position of a route, home for the positions before the first and after the last visit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Loc(int route, int position) =>
        position <= 0 || position > Length(route) ? _instance.StartSegment[route].First : _instance.ClientSegment[_routes[route][position - 1]].First;

    private bool TryPair(int u, int v)
    {
        int ru = _routeOf[u], pu = _positionOf[u], rv = _routeOf[v], pv = _positionOf[v];
        int lu = Length(ru), lv = Length(rv);
        var hasX = pu < lu;
        if (ru != rv)
        {
            // The travel change from the few edges a move touches; a move whose travel alone outweighs every penalty
            // the two routes carry cannot improve, which rules out most candidates before any segment is merged.
            var slack = _penalty[ru] + _penalty[rv] - Epsilon;
            var quick = _instance.SingleHome;
            int a = Loc(ru, pu - 1), uu = Loc(ru, pu), x = Loc(ru, pu + 1), nx = Loc(ru, pu + 2);
            int b = Loc(rv, pv - 1), vv = Loc(rv, pv), y = Loc(rv, pv + 1), ny = Loc(rv, pv + 2);
            return (!(quick && lu > 1 && D(a, x) - D(a, uu) - D(uu, x) + D(vv, uu) + D(uu, y) - D(vv, y) >= slack) &&
                    Try(ru, [new(ru, 1, pu - 1), new(ru, pu + 1, lu)], rv, [new(rv, 1, pv), new(ru, pu, pu), new(rv, pv + 1, lv)]))
                || (hasX && !(quick && lu > 2 && D(a, nx) - D(a, uu) - D(x, nx) + D(vv, uu) + D(x, y) - D(vv, y) >= slack) &&
                    Try(ru, [new(ru, 1, pu - 1), new(ru, pu + 2, lu)], rv, [new(rv, 1, pv), new(ru, pu, pu + 1), new(rv, pv + 1, lv)]))
                || (hasX && !(quick && lu > 2 && D(a, nx) - D(a, uu) - D(x, nx) + D(vv, x) + D(x, uu) - D(uu, x) + D(uu, y) - D(vv, y) >= slack) &&
                    Try(ru, [new(ru, 1, pu - 1), new(ru, pu + 2, lu)], rv, [new(rv, 1, pv), new(ru, pu, pu + 1, true), new(rv, pv + 1, lv)]))
                || (!(quick && D(a, vv) + D(vv, x) - D(a, uu) - D(uu, x) + D(b, uu) + D(uu, y) - D(b, vv) - D(vv, y) >= slack) &&
                    Try(ru, [new(ru, 1, pu - 1), new(rv, pv, pv), new(ru, pu + 1, lu)], rv, [new(rv, 1, pv - 1), new(ru, pu, pu), new(rv, pv + 1, lv)]))
                || (hasX && !(quick && D(a, vv) + D(vv, nx) - D(a, uu) - D(x, nx) + D(b, uu) + D(x, y) - D(b, vv) - D(vv, y) >= slack) &&
                    Try(ru, [new(ru, 1, pu - 1), new(rv, pv, pv), new(ru, pu + 2, lu)], rv, [new(rv, 1, pv - 1), new(ru, pu, pu + 1), new(rv, pv + 1, lv)]))
                || (hasX && pv < lv && !(quick && D(a, vv) + D(y, nx) - D(a, uu) - D(x, nx) + D(b, uu) + D(x, ny) - D(b, vv) - D(y, ny) >= slack) &&
                    Try(ru, [new(ru, 1, pu - 1), new(rv, pv, pv + 1), new(ru, pu + 2, lu)], rv, [new(rv, 1, pv - 1), new(ru, pu, pu + 1), new(rv, pv + 2, lv)]))
                || (!(quick && D(uu, y) + D(vv, x) - D(uu, x) - D(vv, y) >= slack) &&
                    Try(ru, [new(ru, 1, pu), new(rv, pv + 1, lv)], rv, [new(rv, 1, pv), new(ru, pu + 1, lu)]))
                || (!(quick && D(a, vv) + D(b, uu) - D(a, uu) - D(b, vv) >= slack) &&
                    Try(ru, [new(ru, 1, pu - 1), new(rv, pv, lv)], rv, [new(rv, 1, pv - 1), new(ru, pu, lu)]));
        }

        var r = ru;
        var n = lu;
        var moved = false;
        if (pv < pu - 1)
        {
            moved = Try(r, [new(r, 1, pv), new(r, pu, pu), new(r, pv + 1, pu - 1), new(r, pu + 1, n)])
                || (hasX && Try(r, [new(r, 1, pv), new(r, pu, pu + 1), new(r, pv + 1, pu - 1), new(r, pu + 2, n)]))
                || (hasX && Try(r, [new(r, 1, pv), new(r, pu, pu + 1, true), new(r, pv + 1, pu - 1), new(r, pu + 2, n)]));
        }
        else if (pv > pu)
        {
            moved = Try(r, [new(r, 1, pu - 1), new(r, pu + 1, pv), new(r, pu, pu), new(r, pv + 1, n)])
                || (pv > pu + 1 && Try(r, [new(r, 1, pu - 1), new(r, pu + 2, pv), new(r, pu, pu + 1), new(r, pv + 1, n)]))
                || (pv > pu + 1 && Try(r, [new(r, 1, pu - 1), new(r, pu + 2, pv), new(r, pu, pu + 1, true), new(r, pv + 1, n)]))
                || Try(r, [new(r, 1, pu), new(r, pu + 1, pv, true), new(r, pv + 1, n)]);
        }

        if (moved)
        {
            return true;
        }

        var (p1, p2) = pu < pv ? (pu, pv) : (pv, pu);
        return p2 == p1 + 1
            ? Try(r, [new(r, 1, p1 - 1), new(r, p2, p2), new(r, p1, p1), new(r, p2 + 1, n)])
            : Try(r, [new(r, 1, p1 - 1), new(r, p2, p2), new(r, p1 + 1, p2 - 1), new(r, p1, p1), new(r, p2 + 1, n)]);
    }

    /// <summary>Moves with the start of another route as the neighbour: U (and its follower) first there, or 2-opt* at the start.</summary>
    private bool TryAfterStart(int u, int rv)
    {
        int ru = _routeOf[u], pu = _positionOf[u], lu = Length(ru), lv = Length(rv);
        return Try(ru, [new(ru, 1, pu - 1), new(ru, pu + 1, lu)], rv, [new(ru, pu, pu), new(rv, 1, lv)])
            || (pu < lu && Try(ru, [new(ru, 1, pu - 1), new(ru, pu + 2, lu)], rv, [new(ru, pu, pu + 1), new(rv, 1, lv)]))
            || Try(ru, [new(ru, 1, pu), new(rv, 1, lv)], rv, [new(ru, pu + 1, lu)]);
    }

    /// <summary>Moves U, or U and the rest of its route, to one empty route of each kind of therapist.</summary>
    private bool TryEmptyRoutes(int u, int vehicleLimit)
    {
        Span<bool> seen = stackalloc bool[_instance.Vehicles];
        for (var t = 0; t < vehicleLimit; t++)
        {
            if (Length(t) > 0 || seen[_instance.VehicleClass[t]])
            {
                continue;
            }

            seen[_instance.VehicleClass[t]] = true;
            int ru = _routeOf[u], pu = _positionOf[u], lu = Length(ru);
            if (Try(ru, [new(ru, 1, pu - 1), new(ru, pu + 1, lu)], t, [new(ru, pu, pu)]) || (pu > 1 && Try(ru, [new(ru, 1, pu - 1)], t, [new(ru, pu, lu)])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Leaves U out when that is cheaper than its penalties (only when the day is overbooked).</summary>
    private bool TryRemove(int u)
    {
        int ru = _routeOf[u], pu = _positionOf[u], lu = Length(ru);
        ReadOnlySpan<Piece> rest = [new(ru, 1, pu - 1), new(ru, pu + 1, lu)];
        if (NewDistance(ru, rest) + _instance.Prize >= _cost[ru] - Epsilon)
        {
            return false;
        }

        var cost = CostOf(ru, rest);
        if (cost + _instance.Prize >= _cost[ru] - Epsilon)
        {
            return false;
        }

        Apply(ru, rest);
        _routeOf[u] = -1;
        return true;
    }

    /// <summary>
    /// Puts a left-out visit at its cheapest place next to one of its neighbours or on an empty route, or anywhere if
    /// none of its neighbours is on a route, when that beats leaving it out.
    /// </summary>
    private bool TryInsert(int u)
    {
        var best = double.MaxValue;
        (int Route, int After) place = (-1, -1);
        var nearby = false;
        foreach (var v in _instance.Neighbours[u])
        {
            var rv = _routeOf[v];
            if (rv < 0 || !_instance.Admitted(u, rv))
            {
                continue;
            }

            nearby = true;
            Consider(rv, _positionOf[v]);
            Consider(rv, _positionOf[v] - 1);
        }

        Span<bool> seenEmpty = stackalloc bool[_instance.Vehicles];
        for (var t = 0; t < _vehicleLimit; t++)
        {
            var n = Length(t);
            if (!_instance.Admitted(u, t) || (nearby && n > 0))
            {
                continue;
            }

            if (n == 0)
            {
                if (seenEmpty[_instance.VehicleClass[t]])
                {
                    continue;
                }

                seenEmpty[_instance.VehicleClass[t]] = true;
            }

            for (var p = 0; p <= n; p++)
            {
                Consider(t, p);
            }
        }

        if (place.Route < 0 || best - _instance.Prize >= -Epsilon)
        {
            return false;
        }

        var route = _routes[place.Route];
        route.Insert(place.After, u);
        Update(place.Route);
        return true;

        void Consider(int route, int after)
        {
            var delta = InsertionDelta(u, route, after);
            if (delta < best)
            {
                best = delta;
                place = (route, after);
            }
        }
    }

    private double InsertionDelta(int u, int t, int after)
    {
        var n = Length(t);
        var segment = _instance.StartSegment[t];
        if (after >= 1)
        {
            segment = _instance.Merge(segment, _forward[t][after]);
        }

        segment = _instance.Merge(segment, _instance.ClientSegment[u]);
        if (after < n)
        {
            segment = _instance.Merge(segment, _backward[t][after + 1]);
        }

        return RouteCost(t, _instance.Merge(segment, _instance.EndSegment[t])) - _cost[t];
    }

    private bool Try(int route, ReadOnlySpan<Piece> pieces)
    {
        if (NewDistance(route, pieces) >= _cost[route] - Epsilon)
        {
            return false;
        }

        if (CostOf(route, pieces) >= _cost[route] - Epsilon)
        {
            return false;
        }

        Apply(route, pieces);
        return true;
    }

    private bool Try(int first, ReadOnlySpan<Piece> firstPieces, int second, ReadOnlySpan<Piece> secondPieces)
    {
        if (!AdmittedAll(first, firstPieces) || !AdmittedAll(second, secondPieces))
        {
            return false;
        }

        var old = _cost[first] + _cost[second];
        if (NewDistance(first, firstPieces) + NewDistance(second, secondPieces) >= old - Epsilon)
        {
            return false;
        }

        if (CostOf(first, firstPieces) + CostOf(second, secondPieces) >= old - Epsilon)
        {
            return false;
        }

        var a = Build(firstPieces);
        var b = Build(secondPieces);
        _routes[first].Clear();
        _routes[first].AddRange(a);
        _routes[second].Clear();
        _routes[second].AddRange(b);
        Update(first);
        Update(second);
        return true;
    }

    private void Apply(int route, ReadOnlySpan<Piece> pieces)
    {
        var visits = Build(pieces);
        _routes[route].Clear();
        _routes[route].AddRange(visits);
        Update(route);
    }

    private List<int> Build(ReadOnlySpan<Piece> pieces)
    {
        var result = new List<int>();
        foreach (var piece in pieces)
        {
            if (piece.Empty)
            {
                continue;
            }

            var source = _routes[piece.Route];
            for (var i = 0; i <= piece.To - piece.From; i++)
            {
                result.Add(source[piece.Reverse ? piece.To - 1 - i : piece.From - 1 + i]);
            }
        }

        return result;
    }

    private bool AdmittedAll(int route, ReadOnlySpan<Piece> pieces)
    {
        if (_instance.AllAdmitted)
        {
            return true;
        }

        foreach (var piece in pieces)
        {
            if (piece.Route == route)
            {
                continue;
            }

            for (var p = piece.From; p <= piece.To; p++)
            {
                if (!_instance.Admitted(_routes[piece.Route][p - 1], route))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Travel of the route the pieces make: a lower bound on its cost, so most moves are rejected without merging.</summary>
    private double NewDistance(int route, ReadOnlySpan<Piece> pieces)
    {
        var distance = 0.0;
        var last = _instance.StartSegment[route].Last;
        var any = false;
        foreach (var piece in pieces)
        {
            if (piece.Empty)
            {
                continue;
            }

            any = true;
            var visits = _routes[piece.Route];
            var (first, end) = piece.Reverse ? (visits[piece.To - 1], visits[piece.From - 1]) : (visits[piece.From - 1], visits[piece.To - 1]);
            distance += D(last, _instance.ClientSegment[first].First) + PieceDistance(piece);
            last = _instance.ClientSegment[end].Last;
        }

        return any ? distance + D(last, _instance.EndSegment[route].First) + _instance.SearchVehicleCost : 0;
    }

    private double PieceDistance(in Piece piece)
    {
        var cumulative = _cumulative[piece.Route];
        if (!piece.Reverse || _instance.Symmetric)
        {
            return cumulative[piece.To] - cumulative[piece.From];
        }

        var visits = _routes[piece.Route];
        var distance = 0.0;
        for (var p = piece.To; p > piece.From; p--)
        {
            distance += D(_instance.ClientSegment[visits[p - 1]].Last, _instance.ClientSegment[visits[p - 2]].First);
        }

        return distance;
    }

    private double CostOf(int route, ReadOnlySpan<Piece> pieces)
    {
        var segment = _instance.StartSegment[route];
        var any = false;
        foreach (var piece in pieces)
        {
            if (!piece.Empty)
            {
                segment = _instance.Merge(segment, PieceSegment(piece));
                any = true;
            }
        }

        return any ? RouteCost(route, _instance.Merge(segment, _instance.EndSegment[route])) : 0;
    }

    private Segment PieceSegment(in Piece piece)
    {
        var n = Length(piece.Route);
        if (!piece.Reverse)
        {
            if (piece.From == 1)
            {
                return _forward[piece.Route][piece.To];
            }

            if (piece.To == n)
            {
                return _backward[piece.Route][piece.From];
            }
        }

        var visits = _routes[piece.Route];
        var step = piece.Reverse ? -1 : 1;
        var p = piece.Reverse ? piece.To : piece.From;
        var segment = _instance.ClientSegment[visits[p - 1]];
        for (var i = 1; i <= piece.To - piece.From; i++)
        {
            segment = _instance.Merge(segment, _instance.ClientSegment[visits[p - 1 + (i * step)]]);
        }

        return segment;
    }
}
