using Pinpoint.Core.Geography;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>
/// A plain map of the gazetteer's area for picking a point: an equirectangular projection of the area's bounding
/// box (longitude scaled by the cosine of the middle latitude, so distances look right at city scale).
/// </summary>
public sealed class AreaMap
{
    public const double Width = 400;

    public AreaMap(Gazetteer gazetteer)
    {
        Places = [.. gazetteer.Places];
        const double margin = 0.03;
        North = Places.Max(p => p.Point.Latitude) + margin;
        South = Places.Min(p => p.Point.Latitude) - margin;
        West = Places.Min(p => p.Point.Longitude) - margin;
        East = Places.Max(p => p.Point.Longitude) + margin;
        var scale = Math.Cos(double.DegreesToRadians((North + South) / 2));
        Height = Math.Round(Width * (North - South) / ((East - West) * scale));
    }

    public IReadOnlyList<Place> Places { get; }

    public double North { get; }

    public double South { get; }

    public double West { get; }

    public double East { get; }

    public double Height { get; }

    public (double X, double Y) Project(GeoPoint point) =>
        (Math.Round((point.Longitude - West) / (East - West) * Width, 1), Math.Round((North - point.Latitude) / (North - South) * Height, 1));
}
