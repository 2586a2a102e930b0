using NodaTime;
using Pinpoint.Core.Geography;

namespace Pinpoint.Web.Kernel;

/// <summary>
/// Which calendar a time belongs to. A visit's times are counted and shown in the zone of the service area its address
/// is in; a therapist's in the zone of their base. A client's own times where no address is at hand (an account
/// e-mail, their intake, home care and progress, the day the booking form starts on) are in their own area's zone, and
/// the prices they read in its currency (<see cref="ClientAreas"/>: the area of their latest booking, or the city they
/// chose). The home area, the first of the data file, stands in for a client who has neither, for visitors who are not
/// signed in, and for the operator's city-wide views; every such time names its zone.
/// </summary>
public static class Zones
{
    /// <summary>The areas of the embedded data file: reference data like the anatomy atlas, the same on every node.</summary>
    public static ServiceAreas Areas => ServiceAreas.Embedded;

    /// <summary>The first area of the data file: the area of a client who has not booked or chosen one, and of visitors.</summary>
    public static ServiceArea Home => Areas.All[0];

    /// <summary>The home area's zone, for the operator's city-wide views (a client's own times use <see cref="ClientAreas"/>).</summary>
    public static DateTimeZone HomeZone => Home.Zone;

    /// <summary>The area of a stored address (checked to be in an area when it was stored).</summary>
    public static ServiceArea AreaAt(double latitude, double longitude) => Areas.Nearest(new GeoPoint(latitude, longitude));

    /// <summary>The zone of a stored address: a visit's times are shown in it.</summary>
    public static DateTimeZone At(double latitude, double longitude) => AreaAt(latitude, longitude).Zone;

    /// <summary>Why an address outside every area is refused, for its field's error.</summary>
    public static string NotServed => $"Pinpoint does not serve this address yet; it serves {string.Join(", ", Areas.All.Select(a => a.Name))}.";

    /// <summary>"Australia/Perth" as "Perth time (Australia/Perth)": how a time names its zone on the pages.</summary>
    public static string Name(DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var city = zone.Id[(zone.Id.LastIndexOf('/') + 1)..].Replace('_', ' ');
        return $"{city} time ({zone.Id})";
    }
}
