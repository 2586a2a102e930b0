using System.Globalization;
using Pinpoint.Core.Geography;


namespace Pinpoint.Web.Features.Visits;

/// <summary>
/// A day's route drawn without map tiles: home and the visits projected into a <see cref="Width"/> ×
/// <see cref="Height"/> box with one scale for both axes (longitude shrunk by the cosine of the mean latitude, so a
/// kilometre east is as long as a kilometre north), north up, centred. Stops at one place share a point.
/// </summary>
public sealed class RouteSketch
{
    public const double Width = 320;
    public const double Height = 200;
    public const double Margin = 24;

    public RouteSketch(GeoPoint home, IReadOnlyList<GeoPoint> stops)
    {
        ArgumentNullException.ThrowIfNull(stops);
        GeoPoint[] all = [home, .. stops];
        var shrink = Math.Cos(double.DegreesToRadians(all.Average(p => p.Latitude)));
        var xs = all.Select(p => p.Longitude * shrink).ToArray();
        var ys = all.Select(p => -p.Latitude).ToArray();
        var (minX, maxX, minY, maxY) = (xs.Min(), xs.Max(), ys.Min(), ys.Max());
        var scale = Math.Min(Fit(Width, maxX - minX), Fit(Height, maxY - minY));
        scale = double.IsFinite(scale) ? scale : 0; // every stop at home: draw them all in the middle
        var (midX, midY) = ((minX + maxX) / 2, (minY + maxY) / 2);
        var points = xs.Zip(ys, (x, y) => (Math.Round((Width / 2) + ((x - midX) * scale), 1), Math.Round((Height / 2) + ((y - midY) * scale), 1))).ToArray();
        Home = points[0];
        Stops = points[1..];
    }

    public (double X, double Y) Home { get; }

    public IReadOnlyList<(double X, double Y)> Stops { get; }

    /// <summary>The SVG polyline's points: home, each stop in order, home again.</summary>
    public string Polyline => string.Join(' ', new[] { Home }.Concat(Stops).Append(Home).Select(p => $"{Format(p.X)},{Format(p.Y)}"));

    public static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static double Fit(double room, double span) => span <= 0 ? double.PositiveInfinity : (room - (2 * Margin)) / span;
}
