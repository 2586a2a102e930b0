using NodaTime;
using Pinpoint.Core.Geography;

namespace Pinpoint.Core.Scheduling;

/// <summary>How long a therapist takes to get from one place to another. A routing engine can implement it later.</summary>
public interface ITravelTimeModel
{
    /// <summary>Door-to-door driving time from <paramref name="from"/> to <paramref name="to"/>.</summary>
    Duration Estimate(GeoPoint from, GeoPoint to);
}

/// <summary>
/// Driving time from great-circle distance: roads are longer than the straight line by a circuity factor (about
/// 1.2–1.4 in cities), covered at an average door-to-door speed, plus a fixed allowance for parking and carrying
/// the table in. Rounded up to whole minutes, so schedules never promise a tighter gap than the estimate.
/// </summary>
public sealed class CircuityTravelTimeModel : ITravelTimeModel
{
    public CircuityTravelTimeModel(double circuity = 1.3, double averageSpeedKmh = 32, Duration? fixedOverhead = null)
    {
        if (!double.IsFinite(circuity) || circuity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(circuity), circuity, "Circuity is at least 1: no road is shorter than the straight line.");
        }

        if (!double.IsFinite(averageSpeedKmh) || averageSpeedKmh is <= 0 or > 130)
        {
            throw new ArgumentOutOfRangeException(nameof(averageSpeedKmh), averageSpeedKmh, "Average speed must be above 0 and at most 130 km/h.");
        }

        var overhead = fixedOverhead ?? Duration.FromMinutes(5);
        if (overhead < Duration.Zero || overhead > Duration.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(fixedOverhead), overhead, "The fixed allowance must be between 0 and 60 minutes.");
        }

        Circuity = circuity;
        AverageSpeedKmh = averageSpeedKmh;
        FixedOverhead = overhead;
    }

    public double Circuity { get; }

    public double AverageSpeedKmh { get; }

    /// <summary>Added to every trip between two different places; a trip to the same place takes no time.</summary>
    public Duration FixedOverhead { get; }

    public Duration Estimate(GeoPoint from, GeoPoint to)
    {
        var km = from.DistanceKmTo(to) * Circuity;
        if (km < 0.01)
        {
            return Duration.Zero;
        }

        var minutes = Math.Ceiling((km / AverageSpeedKmh * 60) + FixedOverhead.TotalMinutes);
        return Duration.FromMinutes(minutes);
    }

    /// <summary>The straight-line radius reachable within <paramref name="time"/>: a cheap pre-filter before exact estimates.</summary>
    public double ReachKm(Duration time)
    {
        var driving = time - FixedOverhead;
        return driving <= Duration.Zero ? 0 : driving.TotalHours * AverageSpeedKmh / Circuity;
    }
}
