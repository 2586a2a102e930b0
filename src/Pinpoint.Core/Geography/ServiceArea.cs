using NodaTime;

namespace Pinpoint.Core.Geography;

/// <summary>A latitude/longitude box; the edges are part of it. Service areas are far from the antimeridian.</summary>
public sealed record GeoBounds(double South, double West, double North, double East)
{
    public bool Contains(GeoPoint point) =>
        point.Latitude >= South && point.Latitude <= North && point.Longitude >= West && point.Longitude <= East;
}

/// <summary>
/// A city Pinpoint serves. Its zone is the calendar of everyone in it: a client's days and times are counted in the
/// zone of the area their address is in, a therapist's in the zone of the area of their base. Its currency names the
/// price list its visits are quoted from.
/// </summary>
public sealed record ServiceArea(string Key, string Name, string Region, DateTimeZone Zone, string Currency, GeoBounds Bounds, Gazetteer Gazetteer)
{
    public bool Contains(GeoPoint point) => Bounds.Contains(point);
}

/// <summary>The service-area data is inconsistent. <see cref="Problems"/> lists every problem found, not just the first.</summary>
public sealed class ServiceAreaException(IReadOnlyList<string> problems)
    : Exception($"The service areas are invalid ({problems.Count} problem(s)):\n- " + string.Join("\n- ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Every service area, from <c>Geography/Data/service-areas.json</c> and its gazetteers, embedded in Pinpoint.Core and
/// validated when loaded (<see cref="ServiceAreaLoader"/>).
/// </summary>
public sealed class ServiceAreas
{
    private static readonly Lazy<ServiceAreas> LazyEmbedded = new(ServiceAreaLoader.LoadEmbedded);

    public ServiceAreas(IReadOnlyList<ServiceArea> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        if (areas.Count == 0)
        {
            throw new ArgumentException("At least one service area is needed.", nameof(areas));
        }

        All = areas;
        Gazetteer = new Gazetteer(areas.SelectMany(a => a.Gazetteer.Places));
    }

    /// <summary>The areas of the embedded data file.</summary>
    public static ServiceAreas Embedded => LazyEmbedded.Value;

    /// <summary>In the order of the data file.</summary>
    public IReadOnlyList<ServiceArea> All { get; }

    /// <summary>Every area's suburbs together: what an address is looked up in.</summary>
    public Gazetteer Gazetteer { get; }

    public ServiceArea? Find(string? key) =>
        All.FirstOrDefault(a => string.Equals(a.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The area a point is in: inside its box, and where boxes could overlap, the area with the nearest suburb.
    /// Null outside every area, where Pinpoint does not serve.
    /// </summary>
    public ServiceArea? Containing(GeoPoint point) =>
        All.Where(a => a.Contains(point))
            .MinBy(a => a.Gazetteer.Nearest(point) is { } near ? near.Point.DistanceKmTo(point) : double.MaxValue);

    /// <summary>
    /// The area a stored point belongs to: the containing one, else the one with the nearest suburb. For points that
    /// were checked when stored (a booking's address, a therapist's base), so there is always an answer.
    /// </summary>
    public ServiceArea Nearest(GeoPoint point) =>
        Containing(point) ?? All.MinBy(a => a.Gazetteer.Nearest(point) is { } near ? near.Point.DistanceKmTo(point) : double.MaxValue)!;

    /// <summary>The area whose zone is <paramref name="zoneId"/>, if exactly one area has it.</summary>
    public ServiceArea? WithZone(string? zoneId) =>
        All.Where(a => string.Equals(a.Zone.Id, zoneId, StringComparison.Ordinal)).ToList() is [var only] ? only : null;
}
