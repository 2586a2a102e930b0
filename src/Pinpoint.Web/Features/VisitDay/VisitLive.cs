using Pinpoint.Core.Geography;
using Pinpoint.Core.Visits;
using NodaTime;
using Pinpoint.Web.Features.Booking;

namespace Pinpoint.Web.Features.VisitDay;

/// <summary>Who is looking at a visit: its client sees where the therapist is during the drive; its therapist does not need to.</summary>
public enum VisitViewer
{
    Client = 1,
    Therapist = 2,
}

/// <summary>A stage reached, or the booking's closing (completed, no-show, cancelled), and when.</summary>
public sealed record VisitMilestone(string Key, string Label, Instant At);

/// <summary>The therapist's latest position while on the way, with how far it is from the client's home in a straight line.</summary>
public sealed record LivePosition(double Latitude, double Longitude, double? AccuracyMetres, Instant At, double DistanceKm);

/// <summary>
/// A visit as its live page shows it: the booking's status and stage, the booked time and the arrival time promised,
/// the therapist's name and picture, the milestones so far, and (for the client, during the drive only) the position.
/// <see cref="Version"/> changes whenever the booking row does, which is what the live stream watches for.
/// </summary>
public sealed record VisitLive(
    Guid BookingId, BookingStatus Status, VisitStage Stage, Instant Start, Instant End, Instant? EtaAt, string TherapistName,
    string TherapistPhotoUrl, string TherapistPhotoAlt, IReadOnlyList<VisitMilestone> Milestones, LivePosition? Position, uint Version,
    DateTimeZone Zone)
{
    /// <summary>Nothing more will happen on this page: the visit is closed, or the therapist has checked out.</summary>
    public bool IsOver => Status != BookingStatus.Confirmed || Stage == VisitStage.CheckedOut;

    /// <summary>The stage's key as the API and the page's script name it: booked, on-the-way, arrived, checked-out, completed, no-show, cancelled.</summary>
    public string Key => Status switch
    {
        BookingStatus.Completed => "completed",
        BookingStatus.NoShow => "no-show",
        BookingStatus.Cancelled => "cancelled",
        _ => StageKey(Stage),
    };

    public static string StageKey(VisitStage stage) => stage switch
    {
        VisitStage.OnTheWay => "on-the-way",
        VisitStage.Arrived => "arrived",
        VisitStage.CheckedOut => "checked-out",
        _ => "booked",
    };

    public static string StageLabel(VisitStage stage) => stage switch
    {
        VisitStage.OnTheWay => "On the way",
        VisitStage.Arrived => "Arrived",
        VisitStage.CheckedOut => "Session finished",
        _ => "Booked",
    };

    /// <summary>One sentence for the client, in the therapist's name: what is happening now.</summary>
    public string Headline(Func<Instant, string> time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Key switch
        {
            "completed" => "This visit is completed. Thank you.",
            "no-show" => "This visit was closed as a no-show.",
            "cancelled" => "This visit is cancelled.",
            "checked-out" => $"{TherapistName} has finished the session.",
            "arrived" => $"{TherapistName} has arrived.",
            "on-the-way" => EtaAt is { } eta
                ? eta > Start ? $"{TherapistName} is on the way and running late: now arriving around {time(eta)}." : $"{TherapistName} is on the way, arriving around {time(eta)}."
                : $"{TherapistName} is on the way.",
            _ => EtaAt is { } late ? $"{TherapistName} is running late: now expected around {time(late)}." : $"{TherapistName} will come at {time(Start)}.",
        };
    }

    /// <summary>The position as the client may see it: only while the therapist is on the way to a confirmed visit.</summary>
    public static LivePosition? PositionFor(Booking.Booking booking, VisitViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (viewer != VisitViewer.Client || booking is not { Status: BookingStatus.Confirmed, Stage: VisitStage.OnTheWay } ||
            booking.PositionLatitude is not { } latitude || booking.PositionLongitude is not { } longitude || booking.PositionAt is not { } at)
        {
            return null;
        }

        var km = new GeoPoint(latitude, longitude).DistanceKmTo(new GeoPoint(booking.ClientLatitude, booking.ClientLongitude));
        return new LivePosition(latitude, longitude, booking.PositionAccuracy, at, Math.Round(km, 1));
    }
}
