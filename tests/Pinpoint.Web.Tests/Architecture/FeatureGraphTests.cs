using NetArchTest.Rules;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Tests.Architecture;

/// <summary>
/// The feature folders of the web app depend on each other one way only (no cycle), and the shared kernel on none
/// of them. Read from the compiled assembly (Razor pages included), so a reference anywhere in a feature counts.
/// </summary>
public sealed class FeatureGraphTests
{
    private const string FeaturesNamespace = "Pinpoint.Web.Features";
    private static readonly System.Reflection.Assembly Web = typeof(PinpointDb).Assembly;

    private static IReadOnlyList<string> Features() =>
        [.. Web.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith(FeaturesNamespace + ".", StringComparison.Ordinal))
            .Select(n => n[(FeaturesNamespace.Length + 1)..].Split('.')[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Which feature's types use which other feature's types.</summary>
    internal static Dictionary<string, HashSet<string>> Graph()
    {
        var features = Features();
        var graph = features.ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var from in features)
        {
            foreach (var to in features.Where(t => t != from))
            {
                var result = Types.InAssembly(Web).That().ResideInNamespace($"{FeaturesNamespace}.{from}")
                    .ShouldNot().HaveDependencyOn($"{FeaturesNamespace}.{to}").GetResult();
                if (!result.IsSuccessful)
                {
                    graph[from].Add(to);
                }
            }
        }

        return graph;
    }

    /// <summary>One cycle in the graph (as the path that closes it), or null when there is none.</summary>
    internal static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the current path, 2 = done
        var path = new List<string>();
        IReadOnlyList<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.Skip(path.IndexOf(next)), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    [Fact]
    public void Feature_folders_depend_on_each_other_without_a_cycle()
    {
        var graph = Graph();
        Assert.True(graph.Count >= 15, $"Only {graph.Count} features were found: is the namespace scheme still Pinpoint.Web.Features.<Feature>?");
        var cycle = FindCycle(graph);
        Assert.True(cycle is null, $"Feature cycle: {string.Join(" → ", cycle ?? [])}");
    }

    [Fact]
    public void The_graph_sees_references_from_razor_pages_and_services()
    {
        // Razor views compile into their feature's namespace (the @namespace of _ViewImports plus the folder), so
        // what a .cshtml file uses counts too.
        Assert.Contains(Web.GetTypes(), t => t.Namespace == $"{FeaturesNamespace}.Booking" &&
            typeof(Microsoft.AspNetCore.Mvc.Razor.IRazorPage).IsAssignableFrom(t) && t.Name.Contains("MyBookings", StringComparison.Ordinal));
        var graph = Graph();
        // Known one-way arrows, one from a page and one from a service, prove the reading is not empty.
        Assert.Contains("Booking", graph["Visits"]);     // the therapist's schedule page lists bookings
        Assert.Contains("Intake", graph["Booking"]);     // a booking snapshots the client's intake
        Assert.DoesNotContain("Booking", graph["Intake"]);
    }

    [Fact]
    public void The_cycle_finder_finds_a_cycle_where_there_is_one()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"],
        };
        Assert.Equal(["A", "B", "C", "A"], FindCycle(graph));
        graph["C"] = [];
        Assert.Null(FindCycle(graph));
    }

    [Fact]
    public void The_shared_kernel_depends_on_no_feature()
    {
        var result = Types.InAssembly(Web).That().ResideInNamespace("Pinpoint.Web.Kernel")
            .ShouldNot().HaveDependencyOn(FeaturesNamespace).GetResult();
        Assert.True(result.IsSuccessful, $"Kernel types using features: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
