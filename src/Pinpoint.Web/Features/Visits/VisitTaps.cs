using Pinpoint.Core.Visits;
using Pinpoint.Web.Features.Booking;

namespace Pinpoint.Web.Features.Visits;

/// <summary>
/// The big buttons of a visit (the <c>_VisitTaps</c> partial on the day view and the visit page): only the taps that
/// make sense from where the visit stands, the next one first. Each is a plain form posting to the visit page.
/// </summary>
/// <param name="Label">Who and when, for screen readers ("Sam Client, 10:00"): several visits' buttons share a page.</param>
public sealed record VisitTaps(Booking.Booking Booking, string Label)
{
    /// <summary>The page handler, the button's words, and whether it is the one expected next.</summary>
    public IReadOnlyList<(string Handler, string Text, bool Next)> Buttons => Booking.Status != BookingStatus.Confirmed
        ? []
        : Booking.Stage switch
        {
            VisitStage.Booked => [("SetOff", "I'm on the way", true), ("Arrive", "I've arrived", false)],
            VisitStage.OnTheWay => [("Arrive", "I've arrived", true)],
            VisitStage.Arrived => [("CheckOut", "Session finished", true)],
            _ => [("Complete", "Close the visit as completed", true)],
        };

    /// <summary>Taps that report a stage (not closing the visit) carry the phone's position when the therapist shares it.</summary>
    public static bool CarriesPosition(string handler) => handler is "SetOff" or "Arrive" or "CheckOut";
}
