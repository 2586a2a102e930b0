using NodaTime;

namespace Pinpoint.Web.Features.Booking;

public enum BookingStatus
{
    Confirmed = 1,
    Completed = 2,
    Cancelled = 3,
}

/// <summary>
/// A visit of a therapist to a client. The booking flow (issue 6) creates them; the intake's access rule already
/// reads them: a therapist sees a client's health data only while they have a booking together.
/// </summary>
public sealed class Booking
{
    public Guid Id { get; init; }

    public required string ClientUserId { get; init; }

    public required Guid TherapistId { get; init; }

    public required Instant Start { get; init; }

    public required Instant End { get; init; }

    public BookingStatus Status { get; set; } = BookingStatus.Confirmed;
}
