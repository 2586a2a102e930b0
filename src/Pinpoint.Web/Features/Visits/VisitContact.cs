namespace Pinpoint.Web.Features.Visits;

/// <summary>How to reach a client on the day of their visit: shown only on the pages of that visit's therapist.</summary>
public sealed record VisitContact(string Client, string? Mobile, string? AccessNotes);
