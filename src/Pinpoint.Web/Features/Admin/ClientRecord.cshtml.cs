using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Geography;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Trust;

namespace Pinpoint.Web.Features.Admin;

/// <summary>A client's upcoming visit as the operator's page lists it, with the zone of its address.</summary>
public sealed record UpcomingVisit(Guid Id, Instant When, DateTimeZone Zone, string Therapist, BookingStatus Status)
{
    /// <summary>"Tue 1 Dec, 9:30 AM AWST": the visit's local time at its address, its zone named.</summary>
    public string Shown => When.InZone(Zone).ToString("ddd d MMM, h:mm tt", System.Globalization.CultureInfo.InvariantCulture) + " " + Zone.GetZoneInterval(When).Name;
}

/// <summary>
/// One client for the operator: therapists' private ratings and blocks, suspending (with a reason the client is never
/// told) and reinstating, and the client's upcoming visits. A suspension stops new bookings only: what is booked stays
/// until the operator cancels it here (no fee; the client and therapist are told, as for any cancellation).
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
public sealed class ClientRecordModel(
    TrustRecords records, ClientSuspensions suspensions, BookingLifecycle lifecycle, ClientAreas areas, PinpointDb db, IClock clock) : PageModel
{
    /// <summary>What the client and therapist read as the reason of a cancellation made here.</summary>
    public const string CancelReason = "Pinpoint cancelled this visit. Please contact us if you have any questions.";

    public ClientTrustRecord? Client { get; private set; }

    public IReadOnlyList<UpcomingVisit> Upcoming { get; private set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    [TempData]
    public string? Message { get; set; }

    public string? Problem { get; private set; }

    /// <summary>The client's own area: the record's dates (joined, ratings, blocks, suspensions) are their days.</summary>
    public ServiceArea Area { get; private set; } = Zones.Home;

    public string Show(Instant instant) => instant.InZone(Area.Zone).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(string userId, CancellationToken cancellationToken) =>
        await LoadAsync(userId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSuspendAsync(string userId, CancellationToken cancellationToken)
    {
        var result = await suspensions.SuspendAsync(userId, CurrentUser.Id(User), Reason, cancellationToken);
        return await AfterAsync(userId, result, cancellationToken);
    }

    public async Task<IActionResult> OnPostReinstateAsync(string userId, CancellationToken cancellationToken)
    {
        var result = await suspensions.ReinstateAsync(userId, CurrentUser.Id(User), Note, cancellationToken);
        return await AfterAsync(userId, result, cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(string userId, Guid bookingId, CancellationToken cancellationToken)
    {
        // Only this client's visits from this page.
        if (!await db.Bookings.AnyAsync(b => b.Id == bookingId && b.ClientUserId == userId, cancellationToken))
        {
            return NotFound();
        }

        var result = await lifecycle.CancelAsync(bookingId, User, CancelReason, cancellationToken);
        if (result.Outcome != LifecycleOutcome.Done)
        {
            Problem = result.Message ?? "That visit cannot be cancelled now.";
            return await LoadAsync(userId, cancellationToken) ? Page() : NotFound();
        }

        var cancelled = result.Booking!;
        var visit = new UpcomingVisit(cancelled.Id, cancelled.EarliestStart, Zones.At(cancelled.ClientLatitude, cancelled.ClientLongitude), "", cancelled.Status);
        Message = $"The visit on {visit.Shown} is cancelled, free of charge. The client and the therapist are told by email.";
        return RedirectToPage(new { userId });
    }

    private async Task<IActionResult> AfterAsync(string userId, SuspensionResult result, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case SuspensionOutcome.NotFound:
                return NotFound();
            case SuspensionOutcome.Invalid:
                Errors = result.Errors!;
                return await LoadAsync(userId, cancellationToken) ? Page() : NotFound();
        }

        Message = result.Outcome switch
        {
            SuspensionOutcome.Suspended => "Suspended. The client can't book anyone and is told only to contact us. Their booked visits stay until you cancel them below.",
            SuspensionOutcome.AlreadySuspended => "The client was suspended already; the suspension stands as it was.",
            SuspensionOutcome.Reinstated => "Reinstated. The client can book again.",
            _ => "The client was not suspended.",
        };
        return RedirectToPage(new { userId });
    }

    private async Task<bool> LoadAsync(string userId, CancellationToken cancellationToken)
    {
        if (!await suspensions.IsClientAsync(userId, cancellationToken))
        {
            return false;
        }

        Client = await records.RecordAsync(userId, cancellationToken);
        Area = await areas.OfAsync(userId, cancellationToken);
        var now = clock.GetCurrentInstant();
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.ClientUserId == userId && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Requested) && (b.Start >= now || b.WindowStart >= now))
            .GroupJoin(db.Therapists, b => b.TherapistId, t => t.Id, (b, t) => new { b, t })
            .SelectMany(x => x.t.DefaultIfEmpty(), (x, t) => new { x.b.Id, x.b.Start, x.b.WindowStart, x.b.Status, x.b.ClientLatitude, x.b.ClientLongitude, Therapist = t == null ? null : t.DisplayName })
            .ToListAsync(cancellationToken);
        Upcoming = [.. rows.Select(r => new UpcomingVisit(r.Id, r.Start ?? r.WindowStart!.Value, Zones.At(r.ClientLatitude, r.ClientLongitude), r.Therapist ?? "to be planned", r.Status)).OrderBy(v => v.When)];
        return Client is not null;
    }
}
