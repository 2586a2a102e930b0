using NodaTime;

namespace Pinpoint.Web.Kernel;

/// <summary>
/// The time zone of the one service area there is today (Greater Melbourne): clients' times are shown and
/// their days counted in it. One name for it, so that serving other cities changes one place.
/// </summary>
public static class Zones
{
    public static DateTimeZone Client { get; } = DateTimeZoneProviders.Tzdb[Pinpoint.Core.Geography.Gazetteer.Melbourne.TimeZoneId];
}
