using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Pinpoint.Core.Booking;

/// <summary>One appointment as a calendar event.</summary>
/// <param name="Uid">Stable across changes, so calendars update the event instead of adding another.</param>
/// <param name="Sequence">Bumped on every change (RFC 5545 §3.8.7.4).</param>
public sealed record CalendarEvent(
    string Uid, int Sequence, Instant Start, Instant End, string Summary, string Description, string Location, bool Cancelled = false);

/// <summary>
/// Writes iCalendar (RFC 5545) text: CRLF line endings, lines folded at 75 octets, TEXT values escaped, times in UTC
/// (the "Z" form needs no VTIMEZONE and every client shows them in its own zone). METHOD is REQUEST for a booking
/// and CANCEL for a cancellation (RFC 5546).
/// </summary>
public static class Ics
{
    private static readonly InstantPattern UtcPattern = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'");

    public static string Write(IEnumerable<CalendarEvent> events, Instant stamp, string calendarName = "Pinpoint", bool cancel = false)
    {
        ArgumentNullException.ThrowIfNull(events);
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Pinpoint//In-home trigger point therapy//EN", "CALSCALE:GREGORIAN",
            $"METHOD:{(cancel ? "CANCEL" : "REQUEST")}", $"X-WR-CALNAME:{Escape(calendarName)}",
        };
        foreach (var e in events)
        {
            lines.AddRange(
            [
                "BEGIN:VEVENT", $"UID:{e.Uid}", $"SEQUENCE:{e.Sequence}", $"DTSTAMP:{UtcPattern.Format(stamp)}",
                $"DTSTART:{UtcPattern.Format(e.Start)}", $"DTEND:{UtcPattern.Format(e.End)}", $"SUMMARY:{Escape(e.Summary)}",
                $"DESCRIPTION:{Escape(e.Description)}", $"LOCATION:{Escape(e.Location)}",
                $"STATUS:{(e.Cancelled ? "CANCELLED" : "CONFIRMED")}", "END:VEVENT",
            ]);
        }

        lines.Add("END:VCALENDAR");
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(text, line);
        }

        return text.ToString();
    }

    /// <summary>TEXT escaping: backslash, semicolon, comma and newlines.</summary>
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    // Lines longer than 75 octets continue on the next line after CRLF and one space, never splitting a UTF-8 character.
    private static void Fold(StringBuilder text, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > 75)
            {
                text.Append("\r\n ");
                octets = 1;
            }

            text.Append(rune.ToString());
            octets += size;
        }

        text.Append("\r\n");
    }
}
