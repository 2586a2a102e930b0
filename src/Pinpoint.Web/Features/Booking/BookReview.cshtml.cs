using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Core.Booking;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Web.Features.Catalogue;
using Pinpoint.Web.Features.Therapists;

namespace Pinpoint.Web.Features.Booking;

/// <summary>Step 3: the therapist, the time, the price and the cancellation policy; sign in if needed, then confirm.</summary>
public sealed class BookReviewModel(TherapistDirectory directory, CatalogueQueries catalogue, BookingService bookings, Pinpoint.Core.Anatomy.Atlas atlas, IClock clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "therapist")]
    public Guid TherapistId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Modality { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Minutes { get; set; } = 60;

    [BindProperty(SupportsGet = true)]
    public string? Start { get; set; }

    [BindProperty(SupportsGet = true)]
    public double Latitude { get; set; }

    [BindProperty(SupportsGet = true)]
    public double Longitude { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Address { get; set; }

    /// <summary>Where it hurts, carried from "Where does it hurt?" so the booking keeps it for the therapist.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Regions { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Symptoms { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Activity { get; set; }

    [BindProperty(SupportsGet = true, Name = "duration")]
    public string? PainDuration { get; set; }

    /// <summary>The carried selection when it reads cleanly; a link edited by hand loses it rather than the booking.</summary>
    public Referral.PainSelection Pain =>
        Referral.PainSelection.Parse(Regions, null, Symptoms, Activity, PainDuration, out var errors) is { IsEmpty: false } pain &&
        errors.Count == 0 && pain.ToQuery().Validate(atlas).Count == 0
            ? pain
            : Referral.PainSelection.Empty;

    /// <summary>The marked regions by name, most painful first.</summary>
    public IReadOnlyList<string> PainLabels => [.. Pain.Regions.Where(r => r.Intensity > 0).OrderByDescending(r => r.Intensity).Select(r => atlas.LabelOf(r.RegionId))];

    /// <summary>Made once per review page, so a double click or a resubmitted form books once.</summary>
    [BindProperty]
    public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");

    public Therapist? Therapist { get; private set; }

    public string? TherapyName { get; private set; }

    public ZonedDateTime? When { get; private set; }

    public Quote? Quote { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>When the visit starts inside the cancellation fee window: the tier that would apply to a change made now.</summary>
    public CancellationTier? LateTier => When is { } when ? BookingLifecycle.Policy.TierAt(when.ToInstant(), clock.GetCurrentInstant()) : null;

    /// <summary>What a change made now would cost, in money.</summary>
    public Money? LateFee => When is { } when && Quote is { } quote ? BookingLifecycle.Policy.Fee(quote.Total, when.ToInstant(), clock.GetCurrentInstant()) : null;

    public string ReturnUrl => Request.Path + Request.QueryString;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        await LoadAsync(cancellationToken);
        if (Problem is not null)
        {
            return Page();
        }

        var outcome = await bookings.CreateAsync(CurrentUser.Id(User),
            new BookingRequest(TherapistId, Modality, Minutes, When!.Value.ToOffsetDateTime(), Latitude, Longitude, Address, Pain: Pain.ToRequest()),
            IdempotencyKey, cancellationToken);
        switch (outcome.Kind)
        {
            case BookingOutcomeKind.Created or BookingOutcomeKind.Replayed:
                return Redirect($"/bookings?confirmed={outcome.Booking!.Id}");
            case BookingOutcomeKind.Conflict:
                Problem = "Someone has just taken that time. Please choose another.";
                return Page();
            default:
                Problem = string.Join(" ", outcome.Errors.SelectMany(e => e.Value));
                return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var start = OffsetDateTimePattern.Rfc3339.Parse(Start ?? "");
        Therapist = await directory.FindAsync(TherapistId, cancellationToken);
        if (!start.Success || Therapist is null || !Modalities.TryParseSlug(Modality, out var modality) ||
            Latitude is < -90 or > 90 || Longitude is < -180 or > 180)
        {
            Problem = "This booking link is incomplete. Please choose a time again.";
            return;
        }

        When = start.Value.ToInstant().InZone(Zones.Client);
        var offering = await catalogue.FindAsync(modality.Slug(), cancellationToken);
        TherapyName = offering?.Name;
        var price = offering?.Prices.FirstOrDefault(p => p.DurationMinutes == Minutes);
        if (price is null)
        {
            Problem = "That session length is not offered.";
            return;
        }

        Quote = Pricing.Quote(price.Price, When.Value, Duration.FromMinutes(Minutes),
            new GeoPoint(Therapist.HomeLatitude, Therapist.HomeLongitude).DistanceKmTo(new GeoPoint(Latitude, Longitude)), new SurchargePolicy());
    }
}
