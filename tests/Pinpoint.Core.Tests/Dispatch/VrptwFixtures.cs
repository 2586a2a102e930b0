using System.Globalization;
using Pinpoint.Core.Dispatch;

namespace Pinpoint.Core.Tests.Dispatch;

/// <summary>
/// The Solomon instances and best-known solutions the dispatch tests read, committed under <c>Dispatch/Fixtures</c>
/// (see its README for the sources) and copied beside the test assembly.
/// </summary>
internal static class VrptwFixtures
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Dispatch", "Fixtures");

    public static Solomon.Instance Solomon(string name) => Core.Dispatch.Solomon.Parse(File.ReadAllText(Path.Combine(Directory, "solomon", $"{name}.txt")));

    /// <summary>An instance's row of <c>solomon_best_known.csv</c>: hierarchical vehicles and distance, and the distance-only best when published.</summary>
    public static (int Vehicles, double Hierarchical, double? Distance) BestKnown(string name) => File.ReadAllLines(Path.Combine(Directory, "solomon_best_known.csv")).Skip(1)
        .Select(l => l.Split(',')).Where(f => f[0] == name)
        .Select(f => (int.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), f[3].Length == 0 ? (double?)null : double.Parse(f[3], CultureInfo.InvariantCulture)))
        .Single();
}
