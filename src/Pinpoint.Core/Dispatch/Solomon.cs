using System.Globalization;

namespace Pinpoint.Core.Dispatch;

/// <summary>
/// Reads the Solomon VRPTW text format (a VEHICLE block with number and capacity, then CUSTOMER rows: number, x, y,
/// demand, ready time, due date, service time; customer 0 is the depot) into a <see cref="DispatchProblem"/>:
/// Euclidean distances in double precision, travel time = distance, identical vehicles based at the depot whose shift
/// is the depot's window. Route files (<c>Route k : c1 c2 ...</c>, depot omitted) read into a <see cref="DispatchPlan"/>.
/// </summary>
public static class Solomon
{
    public sealed record Instance(string Name, int Vehicles, int Capacity, DispatchProblem Problem);

    public static Instance Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        var name = lines.First(l => l.Length > 0);
        var vehicleLine = lines.FindIndex(l => l.StartsWith("NUMBER", StringComparison.OrdinalIgnoreCase)) + 1;
        var fleet = Numbers(lines[vehicleLine]);
        var rows = lines.Skip(lines.FindIndex(l => l.StartsWith("CUST", StringComparison.OrdinalIgnoreCase)) + 1)
            .Select(Numbers).Where(n => n.Length == 7).ToList();
        if (fleet.Length < 2 || rows.Count < 2 || rows[0][0] != 0)
        {
            throw new FormatException("Not a Solomon instance: expected a VEHICLE block and CUSTOMER rows starting with the depot (0).");
        }

        var n = rows.Count;
        var travel = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                travel[i, j] = Math.Sqrt(Math.Pow(rows[i][1] - rows[j][1], 2) + Math.Pow(rows[i][2] - rows[j][2], 2));
            }
        }

        var depot = rows[0];
        var visits = rows.Skip(1).Select((r, k) => new DispatchVisit(
            ((int)r[0]).ToString(CultureInfo.InvariantCulture), k + 1, r[4], r[5], r[6], (int)r[3])).ToList();
        var vehicles = (int)fleet[0];
        var capacity = (int)fleet[1];
        var therapists = Enumerable.Range(1, vehicles).Select(v => new DispatchTherapist($"vehicle-{v}", 0, depot[4], depot[5], capacity)).ToList();
        return new Instance(name, vehicles, capacity, new DispatchProblem(visits, therapists, travel));
    }

    /// <summary>Reads <c>Route k : c1 c2 ...</c> lines (customers numbered as in the instance) onto vehicles in order.</summary>
    public static DispatchPlan ParseRoutes(string text, Instance instance)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(instance);
        // Customer numbers as integers: some published files pad them ("095").
        var byNumber = instance.Problem.Visits.Select((v, i) => (Number: int.Parse(v.Id, CultureInfo.InvariantCulture), i)).ToDictionary(p => p.Number, p => p.i);
        var routes = text.Split('\n')
            .Where(l => l.TrimStart().StartsWith("Route", StringComparison.OrdinalIgnoreCase) && l.Contains(':', StringComparison.Ordinal))
            .Select((l, k) => new DispatchRoute(k, [.. l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..]
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => byNumber[int.Parse(c, CultureInfo.InvariantCulture)])]))
            .ToList();
        return new DispatchPlan(routes, new Dictionary<int, string>());
    }

    /// <summary>Writes a plan as <c>Route k : c1 c2 ...</c> lines, empty routes left out.</summary>
    public static string WriteRoutes(DispatchPlan plan, DispatchProblem problem)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(problem);
        return string.Concat(plan.Routes.Where(r => r.Visits.Count > 0)
            .Select((r, k) => $"Route {k + 1} : {string.Join(' ', r.Visits.Select(v => problem.Visits[v].Id))}\n"));
    }

    private static double[] Numbers(string line) =>
        [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN)
            .TakeWhile(v => !double.IsNaN(v))];
}
