using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;

namespace Pinpoint.Core.Geography;

/// <summary>
/// Reads and checks the service areas: zone ids the tz database knows, keys unique, a three-letter currency, a box
/// with its south below its north, and every suburb of an area's gazetteer inside its box (a suburb outside would
/// resolve to another area or to none). Every problem is reported at once.
/// </summary>
public static partial class ServiceAreaLoader
{
    private const string Prefix = "Pinpoint.Core.Geography.Data.";

    public static ServiceAreas LoadEmbedded()
    {
        var assembly = typeof(ServiceAreaLoader).Assembly;
        using var areas = assembly.GetManifestResourceStream(Prefix + "service-areas.json")
            ?? throw new ServiceAreaException(["The embedded service-areas.json is missing."]);
        return Load(areas, file => assembly.GetManifestResourceStream(Prefix + file));
    }

    /// <summary>Reads an areas file; <paramref name="openGazetteer"/> opens a gazetteer file it names (null if missing).</summary>
    public static ServiceAreas Load(Stream areasJson, Func<string, Stream?> openGazetteer)
    {
        ArgumentNullException.ThrowIfNull(openGazetteer);
        AreasFile? file;
        try
        {
            file = JsonSerializer.Deserialize<AreasFile>(areasJson, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (JsonException e)
        {
            throw new ServiceAreaException([$"service-areas.json is not valid JSON: {e.Message}"]);
        }

        var problems = new List<string>();
        var areas = new List<ServiceArea>();
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in file?.Areas ?? [])
        {
            var name = row.Key ?? "(no key)";
            if (row.Key is null || !Key().IsMatch(row.Key))
            {
                problems.Add($"Area '{name}': the key must be lower-case letters and hyphens.");
            }
            else if (!keys.Add(row.Key))
            {
                problems.Add($"Area '{name}': the key is used twice.");
            }

            var zone = row.TimeZone is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(row.TimeZone);
            if (zone is null)
            {
                problems.Add($"Area '{name}': '{row.TimeZone}' is not an IANA time zone id.");
            }

            if (row.Currency is null || !Currency().IsMatch(row.Currency))
            {
                problems.Add($"Area '{name}': '{row.Currency}' is not a three-letter currency code.");
            }

            var bounds = row.Bounds;
            if (bounds is null || bounds.South >= bounds.North || bounds.West >= bounds.East || bounds.South < -90 || bounds.North > 90 ||
                bounds.West < -180 || bounds.East > 180)
            {
                problems.Add($"Area '{name}': the bounds need south < north and west < east, in degrees.");
                bounds = null;
            }

            var gazetteer = ReadGazetteer(row, name, openGazetteer, problems);
            if (gazetteer is not null && bounds is not null)
            {
                problems.AddRange(gazetteer.Places.Where(p => !bounds.Contains(p.Point))
                    .Select(p => $"Area '{name}': {p.Name} {p.Postcode} ({p.Point.Latitude}, {p.Point.Longitude}) is outside its bounds."));
            }

            if (zone is not null && bounds is not null && gazetteer is not null && row.Currency is not null && row.Key is not null)
            {
                areas.Add(new ServiceArea(row.Key, row.Name ?? row.Key, row.Region ?? "", zone, row.Currency, bounds, gazetteer));
            }
        }

        if (areas.Count == 0 && problems.Count == 0)
        {
            problems.Add("There are no service areas.");
        }

        return problems.Count > 0 ? throw new ServiceAreaException(problems) : new ServiceAreas(areas);
    }

    private static Gazetteer? ReadGazetteer(AreaRow row, string name, Func<string, Stream?> open, List<string> problems)
    {
        if (row.Gazetteer is null || open(row.Gazetteer) is not { } stream)
        {
            problems.Add($"Area '{name}': its gazetteer '{row.Gazetteer}' is missing.");
            return null;
        }

        try
        {
            using (stream)
            {
                var gazetteer = Gazetteer.Read(stream, row.Region ?? "");
                if (!gazetteer.Places.Any())
                {
                    problems.Add($"Area '{name}': its gazetteer has no suburbs.");
                    return null;
                }

                return gazetteer;
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentOutOfRangeException or InvalidOperationException)
        {
            problems.Add($"Area '{name}': its gazetteer '{row.Gazetteer}' cannot be read: {e.Message}");
            return null;
        }
    }

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex Key();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Currency();

    private sealed record AreasFile(List<AreaRow>? Areas);

    private sealed record AreaRow(string? Key, string? Name, string? Region, string? TimeZone, string? Currency, GeoBounds? Bounds, string? Gazetteer);
}
