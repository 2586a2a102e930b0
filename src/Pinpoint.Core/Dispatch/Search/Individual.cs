namespace Pinpoint.Core.Dispatch.Search;

/// <summary>The weights that price infeasibility while the search passes through it (adapted as it goes).</summary>
internal sealed class Penalties(double timeWarp, double load)
{
    public double TimeWarp { get; set; } = timeWarp;

    public double Load { get; set; } = load;
}

/// <summary>A complete assignment: one visit sequence per therapist, its costs, and neighbours of each visit for diversity.</summary>
internal sealed class Individual
{
    private Individual(int[][] routes, int clients)
    {
        Routes = routes;
        Successor = new int[clients];
        Predecessor = new int[clients];
        Array.Fill(Successor, -2);
        Array.Fill(Predecessor, -2);
    }

    public int[][] Routes { get; }

    /// <summary>The next visit (-1 for home, -2 for a visit left out).</summary>
    public int[] Successor { get; }

    public int[] Predecessor { get; }

    public double Distance { get; private set; }

    public double TimeWarp { get; private set; }

    public int ExcessLoad { get; private set; }

    public int RoutesUsed { get; private set; }

    /// <summary>Servable visits left out.</summary>
    public int Unserved { get; private set; }

    public bool Feasible => TimeWarp <= 1e-6 && ExcessLoad == 0;

    /// <summary>The true objective: vehicles (in the hierarchical objective), visits left out, then travel.</summary>
    public double Objective { get; private set; }

    public double PenalisedCost(Penalties penalties) => Objective + (penalties.TimeWarp * TimeWarp) + (penalties.Load * ExcessLoad);

    public static Individual Evaluate(Instance instance, int[][] routes)
    {
        var result = new Individual(routes, instance.Clients);
        for (var t = 0; t < routes.Length; t++)
        {
            var route = routes[t];
            if (route.Length == 0)
            {
                continue;
            }

            var segment = instance.StartSegment[t];
            for (var i = 0; i < route.Length; i++)
            {
                segment = instance.Merge(segment, instance.ClientSegment[route[i]]);
                result.Predecessor[route[i]] = i == 0 ? -1 : route[i - 1];
                result.Successor[route[i]] = i == route.Length - 1 ? -1 : route[i + 1];
            }

            segment = instance.Merge(segment, instance.EndSegment[t]);
            result.Distance += segment.Distance;
            result.TimeWarp += segment.TimeWarp;
            result.ExcessLoad += Math.Max(0, segment.Load - instance.Capacity[t]);
            result.RoutesUsed++;
        }

        for (var c = 0; c < instance.Clients; c++)
        {
            if (instance.Servable[c] && result.Successor[c] == -2)
            {
                result.Unserved++;
            }
        }

        result.Objective = result.Distance + (instance.VehicleCost * result.RoutesUsed) + (instance.Prize * result.Unserved);
        return result;
    }

    /// <summary>Broken-pairs distance (Prins 2009, as in Vidal's HGS): the share of visits whose neighbours differ.</summary>
    public double DistanceTo(Individual other)
    {
        var differences = 0;
        for (var c = 0; c < Successor.Length; c++)
        {
            if (Successor[c] != other.Successor[c] && Successor[c] != other.Predecessor[c])
            {
                differences++;
            }

            if (Predecessor[c] == -1 && other.Predecessor[c] != -1 && other.Successor[c] != -1)
            {
                differences++;
            }
        }

        return (double)differences / Math.Max(1, Successor.Length);
    }
}
