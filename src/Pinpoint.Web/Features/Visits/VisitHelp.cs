namespace Pinpoint.Web.Features.Visits;

/// <summary>
/// The therapist's "I need help" (the <c>_VisitHelp</c> partial): a red button in a form of its own, placed apart from the
/// everyday taps so it is not pressed by mistake, posting to the visit page. No confirm step: whoever presses it may not
/// have time for one, and an operator calling back about a mistaken press costs little.
/// </summary>
/// <param name="Label">Who and when, for screen readers, as for the taps.</param>
/// <param name="AskedAt">When help was asked for on this visit already ("10:40"), if it was.</param>
public sealed record VisitHelp(Guid BookingId, string Label, string? AskedAt = null);
