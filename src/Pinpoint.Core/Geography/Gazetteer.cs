using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pinpoint.Core.Geography;

/// <summary>A named place of the gazetteer: a suburb with its postcode and approximate centre.</summary>
public sealed record Place(string Name, string Postcode, GeoPoint Point, string State)
{
    public string Label => $"{Name} {State} {Postcode}";
}

/// <summary>
/// The suburbs and postcodes of one metropolitan area, embedded in Pinpoint.Core
/// (<c>Geography/Data/melbourne-gazetteer.json</c>), for geocoding without a network.
/// </summary>
public sealed partial class Gazetteer
{
    private static readonly Lazy<Gazetteer> LazyMelbourne = new(() => Load("melbourne-gazetteer.json", "VIC"));

    private readonly (Place Place, string Key)[] _places;

    public Gazetteer(IEnumerable<Place> places, string timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(places);
        _places = [.. places.Select(p => (p, Normalize(p.Name))).OrderBy(p => p.Item2, StringComparer.Ordinal)];
        TimeZoneId = timeZoneId;
    }

    /// <summary>Greater Melbourne, the demo area.</summary>
    public static Gazetteer Melbourne => LazyMelbourne.Value;

    public IEnumerable<Place> Places => _places.Select(p => p.Place);

    /// <summary>The IANA zone of the area: the default for therapists who work in it.</summary>
    public string TimeZoneId { get; }

    /// <summary>
    /// Places matching free text: suburb names found as whole words in the text (longest first, so "South Yarra"
    /// beats "Yarra"), narrowed by a postcode if one is given; or places with that postcode; or, for a partial
    /// word ("glen w"), suburbs whose name starts with it.
    /// </summary>
    public IReadOnlyList<Place> Search(string? text, int limit = 5)
    {
        if (string.IsNullOrWhiteSpace(text) || limit <= 0)
        {
            return [];
        }

        var postcode = Postcode().Match(text) is { Success: true } m ? m.Value : null;
        var key = Normalize(Postcode().Replace(text, " "));
        var padded = $" {key} ";
        // The suburb of an address comes after its street, and a suburb's name followed by "Street" or "Rd" is a
        // street: "45 Brunswick Street, Fitzroy" is in Fitzroy, not Brunswick.
        var named = _places
            .Select(p => (p.Place, p.Key, End: p.Key.Length == 0 ? -1 : LastEndAsPlaceName(padded, p.Key)))
            .Where(p => p.End >= 0)
            .OrderByDescending(p => p.End)
            .ThenByDescending(p => p.Key.Length)
            .Select(p => p.Place)
            .ToList();
        if (postcode is not null)
        {
            var withPostcode = named.Where(p => p.Postcode == postcode).ToList();
            named = withPostcode.Count > 0 ? withPostcode : [.. _places.Where(p => p.Place.Postcode == postcode).Select(p => p.Place)];
        }

        if (named.Count == 0 && key.Length >= 2)
        {
            named = [.. _places.Where(p => p.Key.StartsWith(key, StringComparison.Ordinal)).Select(p => p.Place)];
        }

        return [.. named.Take(limit)];
    }

    private static readonly HashSet<string> StreetTypes = new(StringComparer.Ordinal)
    {
        "street", "st", "road", "rd", "avenue", "ave", "av", "parade", "pde", "drive", "dr", "lane", "ln", "place", "pl",
        "court", "ct", "crescent", "cres", "cr", "boulevard", "blvd", "highway", "hwy", "terrace", "tce", "grove", "gr",
        "close", "cl", "way", "square", "sq", "esplanade", "esp", "circuit", "cct", "alley", "walk", "rise", "track",
    };

    /// <summary>Where the last mention of <paramref name="key"/> as a place (not as a street's name) ends in the text; -1 if none.</summary>
    private static int LastEndAsPlaceName(string padded, string key)
    {
        var found = -1;
        for (var at = padded.IndexOf($" {key} ", StringComparison.Ordinal); at >= 0;
             at = padded.IndexOf($" {key} ", at + 1, StringComparison.Ordinal))
        {
            var end = at + key.Length + 1;
            var next = padded[(end + 1)..].Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (next is null || !StreetTypes.Contains(next))
            {
                found = end;
            }
        }

        return found;
    }

    /// <summary>The place whose centre is closest to <paramref name="point"/>; null for an empty gazetteer.</summary>
    public Place? Nearest(GeoPoint point) =>
        _places.Length == 0 ? null : _places.MinBy(p => p.Place.Point.DistanceKmTo(point)).Place;

    /// <summary>Reads "-37.8136, 144.9631" (or with a space instead of the comma) as a point.</summary>
    public static bool TryParseCoordinates(string? text, out GeoPoint point)
    {
        point = default;
        var match = text is null ? Match.Empty : Coordinates().Match(text);
        if (!match.Success ||
            !double.TryParse(match.Groups["lat"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) ||
            !double.TryParse(match.Groups["lon"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) ||
            lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            return false;
        }

        point = new GeoPoint(lat, lon);
        return true;
    }

    private static Gazetteer Load(string resource, string state)
    {
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream($"Pinpoint.Core.Geography.Data.{resource}")
            ?? throw new InvalidOperationException($"The embedded gazetteer {resource} is missing.");
        var file = JsonSerializer.Deserialize<GazetteerFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"The embedded gazetteer {resource} is empty.");
        return new Gazetteer(file.Places.Select(p => new Place(p.Name, p.Postcode, new GeoPoint(p.Latitude, p.Longitude), state)), file.TimeZone);
    }

    private static string Normalize(string text)
    {
        var words = NonWord().Replace(text.ToLowerInvariant(), " ")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("vic" or "victoria" or "australia"))
            .Select(w => w switch { "saint" => "st", "mount" => "mt", _ => w });
        return string.Join(' ', words);
    }

    [GeneratedRegex(@"\b3\d{3}\b")]
    private static partial Regex Postcode();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"^\s*(?<lat>[-+]?\d{1,2}(\.\d+)?)\s*[,\s]\s*(?<lon>[-+]?\d{1,3}(\.\d+)?)\s*$")]
    private static partial Regex Coordinates();

    private sealed record GazetteerFile(string TimeZone, List<PlaceRow> Places);

    private sealed record PlaceRow(string Name, string Postcode, double Latitude, double Longitude);
}
