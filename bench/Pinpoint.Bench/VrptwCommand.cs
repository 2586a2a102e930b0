using System.Diagnostics;
using System.Globalization;
using System.Text;
using Pinpoint.Core.Dispatch;

namespace Pinpoint.Bench;

/// <summary>
/// <c>vrptw --objective distance|hierarchical --seconds S [--threads N] [--seed N] [--best-known FILE.csv]
/// [--routes-dir DIR] --out results.csv FILE_OR_DIR...</c>: solves Solomon-format instances, checks every plan with the
/// independent feasibility checker, writes one CSV row per instance and prints the gap summary.
/// </summary>
internal static class VrptwCommand
{
    private sealed record BestKnown(int Vehicles, double HierarchicalDistance, double? Distance);

    public static int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var inputs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                options[args[i][2..]] = args[++i];
            }
            else
            {
                inputs.Add(args[i]);
            }
        }

        if (!options.TryGetValue("out", out var output) || inputs.Count == 0 || options.GetValueOrDefault("objective", "distance") is not ("distance" or "hierarchical"))
        {
            Console.Error.WriteLine("usage: vrptw --objective distance|hierarchical --seconds S [--threads N] [--seed N] [--best-known FILE.csv] [--routes-dir DIR] --out results.csv FILE_OR_DIR...");
            return 2;
        }

        // The Solomon set is not in the repository: it lives in ../shared/data/vrptw beside it (docs/benchmarks.md).
        var missing = inputs.Append(options.GetValueOrDefault("best-known")).OfType<string>().Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"vrptw: not found: {string.Join(", ", missing)}. The benchmark instances are not part of the repository; " +
                "put the shared data beside it (../shared/data/vrptw: solomon/, solomon_best_known.csv) or pass paths that exist.");
            return 2;
        }

        var hierarchical = options.GetValueOrDefault("objective", "distance") == "hierarchical";
        var solver = new SolverOptions
        {
            Objective = hierarchical ? DispatchObjective.Hierarchical : DispatchObjective.Travel,
            TimeLimit = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("seconds", "1"), CultureInfo.InvariantCulture)),
            Threads = int.Parse(options.GetValueOrDefault("threads", "1"), CultureInfo.InvariantCulture),
            Seed = int.Parse(options.GetValueOrDefault("seed", "1"), CultureInfo.InvariantCulture),
        };
        var bestKnown = options.TryGetValue("best-known", out var bkFile) ? ReadBestKnown(bkFile) : null;
        var files = inputs.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p, "*.txt").Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();
        var routesDir = options.GetValueOrDefault("routes-dir");
        if (routesDir is not null)
        {
            Directory.CreateDirectory(routesDir);
        }

        var csv = new StringBuilder("instance,objective,vehicles,distance,seconds,feasible" + (bestKnown is null ? "" : ",gap_percent") + "\n");
        var gaps = new List<double>();
        int atBest = 0, vehiclesAtBest = 0, infeasible = 0;
        foreach (var file in files)
        {
            var instance = Solomon.Parse(File.ReadAllText(file));
            var clock = Stopwatch.StartNew();
            var plan = DispatchSolver.Solve(instance.Problem, solver);
            var seconds = clock.Elapsed.TotalSeconds;
            var report = FeasibilityChecker.Check(instance.Problem, plan);
            var feasible = report.Feasible && plan.Unassigned.Count == 0;
            infeasible += feasible ? 0 : 1;
            var line = FormattableString.Invariant($"{instance.Name},{(hierarchical ? "hierarchical" : "distance")},{report.RoutesUsed},{report.Distance:F2},{seconds:F2},{feasible.ToString().ToLowerInvariant()}");
            // The data leaves the distance-only best empty where the published value is below the proven optimum.
            if (bestKnown?.GetValueOrDefault(instance.Name) is { } known && (hierarchical ? known.HierarchicalDistance : known.Distance) is { } reference)
            {
                var gap = 100 * (report.Distance - reference) / reference;
                gaps.Add(gap);
                atBest += gap <= 0.005 && (!hierarchical || report.RoutesUsed <= known.Vehicles) ? 1 : 0;
                vehiclesAtBest += report.RoutesUsed <= known.Vehicles ? 1 : 0;
                line += FormattableString.Invariant($",{gap:F2}");
            }
            else if (bestKnown is not null)
            {
                line += ",";
            }

            csv.Append(line).Append('\n');
            Console.WriteLine(line);
            if (routesDir is not null)
            {
                File.WriteAllText(Path.Combine(routesDir, instance.Name + ".sol"), Solomon.WriteRoutes(plan, instance.Problem));
            }
        }

        File.WriteAllText(output, csv.ToString());
        if (gaps.Count > 0)
        {
            var sorted = gaps.Order().ToList();
            var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
            Console.WriteLine(FormattableString.Invariant(
                $"{gaps.Count} instances: mean gap {gaps.Average():F2} %, median {median:F2} %, worst {sorted[^1]:F2} %, at best-known {atBest}, best-known vehicles {vehiclesAtBest}, infeasible {infeasible}"));
        }

        return infeasible == 0 ? 0 : 1;
    }

    private static Dictionary<string, BestKnown> ReadBestKnown(string file) =>
        File.ReadLines(file).Skip(1).Select(l => l.Split(',')).Where(f => f.Length >= 4).ToDictionary(
            f => f[0],
            f => new BestKnown(int.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), f[3].Length == 0 ? null : double.Parse(f[3], CultureInfo.InvariantCulture)),
            StringComparer.OrdinalIgnoreCase);
}
