namespace Pinpoint.Core.Geography;

/// <summary>One answer to a place search: a label to show, the suburb and postcode where known, and the point.</summary>
public sealed record GeocodeMatch(string Label, string? Suburb, string? Postcode, GeoPoint Point, string Source);

/// <summary>
/// Turns what a person types (an address, a suburb, a postcode, or coordinates) into points. The default needs no
/// network (<see cref="GazetteerGeocoder"/>); an HTTP implementation can be configured in the host.
/// </summary>
public interface IGeocoder
{
    /// <summary>Best matches first; empty when nothing matches. Never throws for bad input.</summary>
    Task<IReadOnlyList<GeocodeMatch>> SearchAsync(string query, int limit, CancellationToken cancellationToken);
}

/// <summary>A geocoder over a <see cref="Gazetteer"/>: suburb names, postcodes and typed coordinates, offline.</summary>
public sealed class GazetteerGeocoder(Gazetteer gazetteer) : IGeocoder
{
    public const string SourceName = "gazetteer";

    public Task<IReadOnlyList<GeocodeMatch>> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        IReadOnlyList<GeocodeMatch> matches;
        if (Gazetteer.TryParseCoordinates(query, out var point))
        {
            var near = gazetteer.Nearest(point);
            matches =
            [
                new GeocodeMatch(
                    FormattableString.Invariant($"{point.Latitude:0.0000}, {point.Longitude:0.0000}") + (near is null ? "" : $" (near {near.Name})"),
                    near?.Name, near?.Postcode, point, SourceName),
            ];
        }
        else
        {
            matches = [.. gazetteer.Search(query, limit).Select(p => new GeocodeMatch(p.Label, p.Name, p.Postcode, p.Point, SourceName))];
        }

        return Task.FromResult(matches);
    }
}
