using System.Text.RegularExpressions;
using Pinpoint.Core.Anatomy;

namespace Pinpoint.Core.Tests.Anatomy;

/// <summary><c>docs/referral-map.md</c>, the pain guides' areas and the regions that mark them, stays true to the atlas.</summary>
public sealed partial class MapDocumentTests
{
    [Fact]
    public void Every_area_of_the_pain_guides_is_marked_by_regions_of_the_map()
    {
        var rows = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "referral-map.md"))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length >= 5 && cells[1].Length > 0 && !cells[1].StartsWith("---", StringComparison.Ordinal)
                            && cells[1] is not ("Pain-guide area" or "Id") && !cells[1].StartsWith('`'))
            .ToList();

        Assert.True(rows.Count >= 55, $"{rows.Count} areas");
        Assert.All(rows, cells =>
        {
            var ids = Id().Matches(cells[2]).Select(m => m.Groups[1].Value).ToList();
            Assert.True(ids.Count > 0, $"'{cells[1]}' names no region");
            Assert.All(ids, id => Assert.True(
                Atlas.Default.FindRegion(id) is not null || Atlas.Default.FindRegion(id + "-left") is not null,
                $"'{cells[1]}': '{id}' is not a region of the map"));
        });
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pinpoint.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (Pinpoint.slnx) was not found above the test binaries.");
    }

    [GeneratedRegex("`([a-z0-9-]+)`")]
    private static partial Regex Id();
}
