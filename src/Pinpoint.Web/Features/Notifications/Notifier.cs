using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Booking;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using BookingEntity = Pinpoint.Web.Features.Booking.Booking;

namespace Pinpoint.Web.Features.Notifications;

/// <summary>Composes the emails a booking change causes, as outbox rows.</summary>
public sealed class Notifier(PinpointDb db, IClock clock, PublicLinks links, Microsoft.Extensions.Options.IOptions<BookingOptions> bookingOptions)
{
    public static readonly Duration ReminderLead = Duration.FromHours(24);

    /// <summary>Who the messages of a booking go to and name: read ahead, so a booking's write transaction stays short.</summary>
    public async Task<(string? Email, string Therapist)> PartiesAsync(string clientUserId, Guid? therapistId, CancellationToken cancellationToken) =>
        (await EmailOfAsync(clientUserId, cancellationToken),
         await db.Therapists.Where(t => t.Id == therapistId).Select(t => t.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "your therapist");

    public Task<string?> EmailOfAsync(string clientUserId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == clientUserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The outbox rows for a change (none when the client has no email address), not yet added to the context.</summary>
    public IReadOnlyList<Notification> Compose(BookingEntity booking, NotificationKind kind, (string? Email, string Therapist) parties)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var zone = Zones.At(booking.ClientLatitude, booking.ClientLongitude);
        var (email, therapist) = parties;
        if (email is null)
        {
            return [];
        }

        var now = clock.GetCurrentInstant();
        var cancel = kind == NotificationKind.Cancellation;
        var when = booking.Start is { } start
            ? Format(zone, start, "dddd d MMMM yyyy, h:mm tt") + $" ({zone.Id})"
            : $"starting between {Format(zone, booking.WindowStart!.Value, "dddd d MMMM yyyy, h:mm tt")} and {Format(zone, booking.WindowEnd!.Value, "h:mm tt")} ({zone.Id}); " +
              $"we will confirm the exact time and your therapist by {Format(zone, BookingWindows.ConfirmBy(booking.WindowStart.Value, zone, bookingOptions.Value.Windows()), "dddd h:mm tt")}";
        var (subject, opening) = kind switch
        {
            NotificationKind.Confirmation when !booking.IsScheduled => ($"Requested: {booking.Modality}", "We have your request for a visit."),
            NotificationKind.Confirmation => ($"Booked: {booking.Modality} with {therapist}", "Your visit is booked."),
            NotificationKind.Reminder => ($"Tomorrow: {booking.Modality} with {therapist}", "A reminder of your visit."),
            NotificationKind.Change => ($"Moved: {booking.Modality} with {therapist}", "Your visit has a new time."),
            _ => ($"Cancelled: {booking.Modality} with {therapist}", $"Your visit is cancelled. {booking.StatusReason}"),
        };
        var body = $"{opening}\n\nWhen: {when}\nWhere: {booking.Address}\nTherapist: {therapist}\nPrice: {booking.PriceAmount:0.00} {booking.Currency}" +
                   (booking.FeeAmount is > 0 ? $"\nCancellation fee: {booking.FeeAmount:0.00} {booking.Currency}" : "") +
                   $"\n\n{BookingLifecycle.Policy.Describe()}\nManage your bookings: {links.To("/bookings")}\n";
        // A window request has no time yet, so nothing to put in a calendar.
        var ics = booking.IsScheduled ? Ics.Write([Event(booking, therapist, cancel)], now, cancel: cancel) : null;
        var rows = new List<Notification>(2);
        rows.Add(new Notification
        {
            BookingId = booking.Id, Kind = kind, Sequence = booking.Sequence, To = email, Subject = subject, Body = body, Ics = ics, DueAt = now,
        });

        if (kind is NotificationKind.Confirmation or NotificationKind.Change && booking.Start - ReminderLead > now)
        {
            rows.Add(new Notification
            {
                BookingId = booking.Id, Kind = NotificationKind.Reminder, Sequence = booking.Sequence, To = email,
                Subject = $"Tomorrow: {booking.Modality} with {therapist}", Body = $"A reminder of your visit.\n\nWhen: {when}\nWhere: {booking.Address}\n",
                DueAt = booking.Start!.Value - ReminderLead,
            });
        }

        return rows;
    }

    /// <summary>Asks the client, after a completed session, to answer the questionnaires that are due (added to the unit of work).</summary>
    public async Task EnqueueOutcomesDueAsync(BookingEntity booking, IReadOnlyList<string> questionnaires, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var zone = Zones.At(booking.ClientLatitude, booking.ClientLongitude);
        ArgumentNullException.ThrowIfNull(questionnaires);
        if (questionnaires.Count == 0 || await EmailOfAsync(booking.ClientUserId, cancellationToken) is not { } email)
        {
            return;
        }

        db.Add(new Notification
        {
            BookingId = booking.Id, Kind = NotificationKind.OutcomesDue, Sequence = booking.Sequence, To = email, DueAt = clock.GetCurrentInstant(),
            Subject = "A quick check on your progress",
            Body = $"Thank you for today's session. A few short questions show what the therapy is achieving for you:\n\n" +
                   string.Join("\n", questionnaires.Select(q => $"- {q}")) + $"\n\nAnswer them here: {links.To("/progress")}\n",
        });
    }

    /// <summary>Tells the client that their session's summary (points found and treated, home care) is ready.</summary>
    public Notification SummaryReady(BookingEntity booking, string email)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var zone = Zones.At(booking.ClientLatitude, booking.ClientLongitude);
        return new Notification
        {
            BookingId = booking.Id, Kind = NotificationKind.SummaryReady, Sequence = booking.Sequence, To = email, DueAt = clock.GetCurrentInstant(),
            Subject = "Your session summary is ready",
            Body = $"Your therapist has written up your {booking.Modality} session of " +
                   $"{Format(zone, booking.Start!.Value, "dddd d MMMM")}: what they found and treated, and what to do at home until next time.\n\n" +
                   $"Read it here: {links.To($"/bookings/{booking.Id}/summary")}\n",
        };
    }

    /// <summary>The "minutes since 1970" a running-late message is keyed by (see <see cref="NotificationKind.RunningLate"/>).</summary>
    public static int LateKey(Instant eta) => (int)(eta.ToUnixTimeSeconds() / 60);

    /// <summary>
    /// Tells the client the therapist has set off (<see cref="NotificationKind.OnTheWay"/>) or is running late
    /// (<see cref="NotificationKind.RunningLate"/>): the arrival time, and the link to the live page.
    /// </summary>
    public Notification Live(BookingEntity booking, NotificationKind kind, string email, string therapist)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var zone = Zones.At(booking.ClientLatitude, booking.ClientLongitude);
        var eta = booking.EtaAt ?? booking.Start!.Value;
        var arrival = $"{Format(zone, eta, "h:mm tt")} ({zone.Id})";
        var booked = Format(zone, booking.Start!.Value, "h:mm tt");
        var late = kind == NotificationKind.RunningLate;
        var (subject, opening) = late
            ? ($"Running late: {therapist} now expects to arrive at {Format(zone, eta, "h:mm tt")}",
               $"{therapist} is running late for your {booking.Modality} session, booked for {booked}. We're sorry for the wait.")
            : ($"{therapist} is on the way", $"{therapist} has set off for your {booking.Modality} session, booked for {booked}.");
        return new Notification
        {
            BookingId = booking.Id, Kind = kind, Sequence = late ? LateKey(eta) : booking.Sequence, To = email, DueAt = clock.GetCurrentInstant(),
            Subject = subject,
            Body = $"{opening}\n\nExpected at your door: around {arrival}" +
                   (eta < booking.Start ? $", a little early: the session itself starts at {booked} as booked" : "") + $"\nWhere: {booking.Address}\n\n" +
                   $"Follow the visit as it happens (this page updates itself): {links.To($"/bookings/{booking.Id}/live")}\n\n" +
                   $"If {therapist} shares their phone's position, the page shows you how far away they are while they drive; it stops the moment they arrive, and nobody else sees it.\n",
        };
    }

    // A visit's times are written in the zone of its address, which every message names.
    private static string Format(DateTimeZone zone, Instant instant, string pattern) =>
        instant.InZone(zone).ToString(pattern, CultureInfo.InvariantCulture);

    /// <summary>
    /// Tells the therapist of a new visit (<see cref="NotificationKind.Assignment"/>), a moved one or a cancelled one,
    /// with the calendar invitation. Health details stay in the app: the email links to the day view.
    /// </summary>
    public Notification ForTherapist(BookingEntity booking, NotificationKind kind, string therapistEmail, string clientName, bool byDayPlan = false)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var zone = Zones.At(booking.ClientLatitude, booking.ClientLongitude);
        var now = clock.GetCurrentInstant();
        var start = booking.Start!.Value;
        var (subject, opening) = kind switch
        {
            NotificationKind.Assignment => ($"New visit: {booking.Modality} with {clientName}",
                byDayPlan ? "The day plan gives you a visit." : $"{clientName} has booked a visit with you."),
            NotificationKind.TherapistMoved => ($"Moved: {booking.Modality} with {clientName}", $"{clientName} has moved their visit to a new time."),
            _ => ($"Cancelled: {booking.Modality} with {clientName}", $"This visit is cancelled. {booking.StatusReason}"),
        };
        var cancel = kind == NotificationKind.TherapistCancel;
        var day = start.InZone(zone).Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new Notification
        {
            BookingId = booking.Id, Kind = kind, Sequence = booking.Sequence, To = therapistEmail, DueAt = now, Subject = subject,
            Body = $"{opening}\n\nWhen: {Format(zone, start, "dddd d MMMM yyyy, h:mm tt")} ({zone.Id})\n" +
                   $"Client: {clientName}\nWhere: {booking.Address}\nLength: {booking.DurationMinutes} minutes\n\n" +
                   (cancel ? $"Your schedule: {links.To("/therapist/schedule")}\n" : $"Where it hurts, cautions and preferences, and your route: {links.To($"/therapist/day?date={day}")}\n"),
            Ics = Ics.Write([Event(booking, clientName, cancel)], now, cancel: cancel),
        };
    }

    /// <param name="booking">A scheduled booking (every booking but a window request not yet planned).</param>
    public static CalendarEvent Event(BookingEntity booking, string therapist, bool cancelled) => new(
        $"{booking.Id:N}@pinpoint", booking.Sequence, booking.Start!.Value, booking.End!.Value, $"{booking.Modality} with {therapist}",
        "In-home trigger point therapy. Gentle pressure unless you asked for more; tell your therapist if anything has changed.",
        booking.Address, cancelled);
}
