using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Pinpoint.Core.Visits;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Features.VisitDay;

namespace Pinpoint.Web.Features.Welfare;

/// <summary>What an operator needs to act on a visit: who to call, where, and when it was booked.</summary>
public sealed record WelfareVisit(
    Guid BookingId, string TherapistUserId, string Therapist, string? TherapistMobile, string Client, string? ClientMobile, string Address,
    Instant Start, Instant End, BookingStatus Status, VisitStage Stage, Instant? EtaAt, double Latitude, double Longitude)
{
    /// <summary>The visit's own zone: that of the service area its address is in.</summary>
    public DateTimeZone Zone => Zones.At(Latitude, Longitude);
}

/// <summary>
/// The escalation emails of a welfare alert, written as outbox rows beside the alert. Recipients: <c>Welfare:OnCallEmail</c>
/// when set, else every Admin account with an email address.
/// </summary>
public sealed class WelfareEmails(PinpointDb db, PublicLinks links, IOptions<WelfareOptions> options)
{
    /// <summary>Outbox rows of one alert are told apart by recipient: <see cref="Notification.Sequence"/> = concern × this + place.</summary>
    public const int RecipientsPerAlert = 100;

    public Task<WelfareVisit?> VisitAsync(Guid bookingId, CancellationToken cancellationToken) =>
        (from b in db.Bookings
         where b.Id == bookingId && b.Start != null && b.End != null
         join t in db.Therapists on b.TherapistId equals t.Id
         join tu in db.Users on t.UserId equals tu.Id
         join cu in db.Users on b.ClientUserId equals cu.Id
         select new WelfareVisit(b.Id, t.UserId, t.DisplayName, tu.PhoneNumber, cu.DisplayName, cu.PhoneNumber, b.Address,
             b.Start!.Value, b.End!.Value, b.Status, b.Stage, b.EtaAt, b.ClientLatitude, b.ClientLongitude)).AsNoTracking().SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> RecipientsAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.OnCallEmail) && options.Value.OnCallEmail is { } onCall)
        {
            return [onCall.Trim()];
        }

        var admins = await (from r in db.Roles
                            where r.Name == Roles.Admin
                            join ur in db.UserRoles on r.Id equals ur.RoleId
                            join u in db.Users on ur.UserId equals u.Id
                            where u.Email != null
                            select u.Email!).Distinct().ToListAsync(cancellationToken);
        return [.. admins.Order(StringComparer.Ordinal).Take(RecipientsPerAlert)];
    }

    public IEnumerable<Notification> Compose(WelfareAlert alert, WelfareVisit visit, IReadOnlyList<string> recipients)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(recipients);
        var (subject, body) = (Subject(alert.Concern, visit), Body(alert, visit));
        return recipients.Select((to, place) => new Notification
        {
            BookingId = visit.BookingId, Kind = NotificationKind.OnCallAlert, Sequence = (int)alert.Concern * RecipientsPerAlert + place,
            To = to, Subject = subject, Body = body, DueAt = alert.RaisedAt,
        });
    }

    public static string Subject(WelfareConcern concern, WelfareVisit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return concern switch
        {
            WelfareConcern.Help => $"URGENT: {visit.Therapist} needs help at a visit ({Time(visit.Start, visit.Zone)})",
            WelfareConcern.NoCheckOut => $"Welfare check: {visit.Therapist} has not checked out (visit booked to end {Time(visit.End, visit.Zone)})",
            _ => $"Welfare check: {visit.Therapist} has not checked in (visit booked for {Time(visit.Start, visit.Zone)})",
        };
    }

    public static string What(WelfareConcern concern, WelfareThresholds thresholds) => concern switch
    {
        WelfareConcern.Help => "The therapist pressed \"I need help\" on their phone.",
        WelfareConcern.NoCheckOut => $"The therapist checked in but has not checked out {thresholds.CheckOutGrace.TotalMinutes:0} minutes after the booked end.",
        _ => $"The therapist has not checked in {thresholds.CheckInGrace.TotalMinutes:0} minutes after the booked start.",
    };

    private string Body(WelfareAlert alert, WelfareVisit visit)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{What(alert.Concern, options.Value.Thresholds())}\n");
        text.Append(alert.Concern == WelfareConcern.Help
            ? "Call the therapist now. If you cannot reach them and they may be in danger, call 000 and give the address below.\n\n"
            : "Call the therapist; if they do not answer, call the client.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Therapist: {visit.Therapist}, mobile {Phone(visit.TherapistMobile)}\n");
        text.Append(CultureInfo.InvariantCulture, $"Client: {visit.Client}, mobile {Phone(visit.ClientMobile)}\n");
        text.Append(CultureInfo.InvariantCulture, $"Address: {visit.Address}\n");
        text.Append(CultureInfo.InvariantCulture,
            $"Booked: {visit.Start.InZone(visit.Zone).ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)}, {Time(visit.Start, visit.Zone)} to {Time(visit.End, visit.Zone)} ({visit.Zone.Id})\n");
        text.Append(CultureInfo.InvariantCulture, $"Stage when raised: {VisitLive.StageLabel(visit.Stage)}");
        if (visit.EtaAt is { } eta && visit.Stage < VisitStage.Arrived)
        {
            text.Append(CultureInfo.InvariantCulture, $", expected at {Time(eta, visit.Zone)}");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nRaised: {Time(alert.RaisedAt, visit.Zone)} ({visit.Zone.Id})\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Live board (acknowledge, then close with a note once you have spoken to them): {links.To("/admin/live")}\n");
        return text.ToString();
    }

    private static string Phone(string? e164) => string.IsNullOrEmpty(e164) ? "not given" : $"{MobileNumbers.Display(e164)} ({e164})";

    private static string Time(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToString("h:mm tt", CultureInfo.InvariantCulture).ToLowerInvariant();
}
