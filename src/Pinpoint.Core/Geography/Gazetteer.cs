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
/// Suburbs and postcodes, for geocoding without a network: one service area's (its embedded
/// <c>Geography/Data/&lt;area&gt;-gazetteer.json</c>) or every area's together (<see cref="ServiceAreas.Gazetteer"/>).
/// </summary>
public sealed partial class Gazetteer
{
    private readonly (Place Place, string Key)[] _places;

    public Gazetteer(IEnumerable<Place> places)
    {
        ArgumentNullException.ThrowIfNull(places);
        _places = [.. places.Select(p => (p, Normalize(p.Name))).OrderBy(p => p.Item2, StringComparer.Ordinal)];
    }

    public IEnumerable<Place> Places => _places.Select(p => p.Place);

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

        // The postcode ends an address; a four-digit street number before it is not one.
        var postcode = Postcode().Matches(text) is { Count: > 0 } m ? m[^1].Value : null;
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
            List<Place> byPostcode = [.. _places.Where(p => p.Place.Postcode == postcode).Select(p => p.Place)];
            named = withPostcode.Count > 0 ? withPostcode : byPostcode.Count > 0 ? byPostcode : named;
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

    /// <summary>Reads one gazetteer file (<c>{ "places": [{ "name", "postcode", "latitude", "longitude" }] }</c>).</summary>
    public static Gazetteer Read(Stream json, string state)
    {
        var file = JsonSerializer.Deserialize<GazetteerFile>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("The gazetteer file is empty.");
        return new Gazetteer((file.Places ?? []).Select(p => new Place(p.Name, p.Postcode, new GeoPoint(p.Latitude, p.Longitude), state)));
    }

    private static string Normalize(string text)
    {
        // State and country names end addresses but name no suburb; "new south wales" goes as a phrase so that
        // "South Yarra" keeps its "south".
        var plain = $" {NonWord().Replace(text.ToLowerInvariant(), " ")} "
            .Replace(" new south wales ", " ", StringComparison.Ordinal)
            .Replace(" new zealand ", " ", StringComparison.Ordinal)
            .Replace(" western australia ", " ", StringComparison.Ordinal);
        var words = plain
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("vic" or "victoria" or "nsw" or "qld" or "queensland" or "wa" or "australia" or "nz"))
            .Select(w => w switch { "saint" => "st", "mount" => "mt", _ => w });
        return string.Join(' ', words);
    }

    // Australian and New Zealand postcodes alike are four digits (NZ ones may start with 0).
    [GeneratedRegex(@"\b\d{4}\b")]
    private static partial Regex Postcode();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"^\s*(?<lat>[-+]?\d{1,2}(\.\d+)?)\s*[,\s]\s*(?<lon>[-+]?\d{1,3}(\.\d+)?)\s*$")]
    private static partial Regex Coordinates();

    private sealed record GazetteerFile(List<PlaceRow>? Places);

    private sealed record PlaceRow(string Name, string Postcode, double Latitude, double Longitude);
}
