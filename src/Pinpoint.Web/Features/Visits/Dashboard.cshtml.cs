using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

using Pinpoint.Web.Features.Therapists;

namespace Pinpoint.Web.Features.Visits;

[Authorize(Policy = AuthorizationPolicies.Therapist)]
public sealed class DashboardModel(TherapistProfiles profiles, CredentialVetting vetting, Data.PinpointDb db, PublicLinks links, IClock clock) : PageModel
{
    public IReadOnlyList<(Booking.Booking Booking, string Client)> Visits { get; private set; } = [];

    public Instant Now => clock.GetCurrentInstant();

    public Therapist Therapist { get; private set; } = null!;

    public LocalDate Today { get; private set; }

    public int Completeness { get; private set; }

    public IReadOnlyList<string> Missing { get; private set; } = [];

    public IReadOnlyList<ZonedInterval> NextWeek { get; private set; } = [];

    /// <summary>The private calendar feed, once the therapist has asked for it.</summary>
    public string? CalendarLink { get; private set; }

    /// <summary>The same feed for calendar apps that subscribe through <c>webcal:</c> links.</summary>
    public string? WebcalLink => CalendarLink is null ? null : "webcal" + CalendarLink[CalendarLink.IndexOf(':', StringComparison.Ordinal)..];

    public async Task<IActionResult> OnPostCalendarAsync(CancellationToken cancellationToken)
    {
        var therapist = await profiles.FindByUserAsync(CurrentUser.Id(User), cancellationToken);
        if (therapist is null)
        {
            return NotFound();
        }

        await Notifications.CalendarFeed.LinkAsync(db, links, therapist.Id, cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostNewCalendarLinkAsync(CancellationToken cancellationToken)
    {
        var therapist = await profiles.FindByUserAsync(CurrentUser.Id(User), cancellationToken);
        if (therapist is null)
        {
            return NotFound();
        }

        await Notifications.CalendarFeed.RenewAsync(db, links, therapist.Id, cancellationToken);
        TempData["CalendarRenewed"] = true;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var therapist = await profiles.FindByUserAsync(CurrentUser.Id(User), cancellationToken);
        if (therapist is null)
        {
            return NotFound();
        }

        Therapist = therapist;
        Today = vetting.Today(therapist.TimeZoneId);
        (Completeness, Missing) = TherapistProfiles.Completeness(therapist);
        NextWeek = TherapistSchedule.Upcoming(therapist, Today, 7);
        var since = clock.GetCurrentInstant() - Duration.FromDays(1);
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Bookings.Where(b => b.TherapistId == therapist.Id && b.End >= since && b.Status == Booking.BookingStatus.Confirmed)
                .Join(db.Users, b => b.ClientUserId, u => u.Id, (b, u) => new { b, u.DisplayName }), cancellationToken);
        Visits = [.. rows.OrderBy(r => r.b.Start).Take(10).Select(r => (r.b, r.DisplayName))];
        CalendarLink = therapist.CalendarToken is { } token ? links.To($"/calendar/{token}.ics") : null;
        return Page();
    }
}
