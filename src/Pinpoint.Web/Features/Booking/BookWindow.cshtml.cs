using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Core.Booking;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Web.Features.Catalogue;

namespace Pinpoint.Web.Features.Booking;

/// <summary>Step 3 for a flexible booking: the window, its discounted price and when the exact time is confirmed; then request it.</summary>
public sealed class BookWindowModel(IGeocoder geocoder, CatalogueQueries catalogue, FlexibleBookings flexible, Trust.ClientStandings standings, IClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Modality { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Minutes { get; set; } = 60;

    [BindProperty(SupportsGet = true)]
    public string? Address { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Date { get; set; }

    /// <summary>A preset id (morning, afternoon, evening) or <c>custom</c> with <see cref="From"/>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Window { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>Made once per page, so a double click or a resubmitted form requests once.</summary>
    [BindProperty]
    public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");

    public GeocodeMatch? Place { get; private set; }

    public Instant? WindowStart { get; private set; }

    public Instant? WindowEnd { get; private set; }

    public Quote? Quote { get; private set; }

    public string? TherapyName { get; private set; }

    public List<string> Errors { get; } = [];

    public string ReturnUrl => Request.Path + Request.QueryString;

    /// <summary>The service area of the address: the window's hours are local to its zone, its price in its currency.</summary>
    public ServiceArea Area { get; private set; } = Zones.Home;

    public string Show(Instant instant, string pattern) => instant.InZone(Area.Zone).ToString(pattern, CultureInfo.InvariantCulture);

    public string ConfirmBy => Show(flexible.ConfirmBy(WindowStart!.Value, Area.Zone), "h:mm tt dddd d MMMM");

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        await LoadAsync(cancellationToken);
        if (Errors.Count > 0)
        {
            return Page();
        }

        var zone = Area.Zone;
        var outcome = await flexible.CreateAsync(CurrentUser.Id(User), new BookingRequest(
            null, Modality, Minutes, null, Place!.Point.Latitude, Place.Point.Longitude, Address,
            WindowStart!.Value.InZone(zone).ToOffsetDateTime(), WindowEnd!.Value.InZone(zone).ToOffsetDateTime()), IdempotencyKey, cancellationToken);
        if (outcome.Kind is BookingOutcomeKind.Created or BookingOutcomeKind.Replayed)
        {
            return Redirect($"/bookings?requestedId={outcome.Booking!.Id}");
        }

        Errors.AddRange(outcome.Kind is BookingOutcomeKind.Refused or BookingOutcomeKind.Overlap ? [outcome.Message!] : outcome.Errors.SelectMany(e => e.Value));
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var date = SupportedTimes.ParseDate(Date ?? "");
        var start = Window == "custom"
            ? LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(From ?? "") is { Success: true } custom ? custom.Value : (LocalTime?)null
            : BookingWindows.Presets.FirstOrDefault(p => p.Id == Window)?.Start;
        if (!Modalities.TryParseSlug(Modality, out var modality) || !date.Success || start is null || string.IsNullOrWhiteSpace(Address))
        {
            Errors.Add("This link is incomplete. Please choose a day and a window again.");
            return;
        }

        if (User.Identity?.IsAuthenticated == true && await standings.IsSuspendedAsync(CurrentUser.Id(User), cancellationToken))
        {
            Errors.Add(Trust.ClientStanding.NotTakingBookings);
            return;
        }

        try
        {
            Place = (await geocoder.SearchAsync(Address, 1, cancellationToken)).FirstOrDefault();
        }
        catch (Geocoding.GeocodingUnavailableException unavailable)
        {
            Errors.Add(unavailable.Message);
            return;
        }

        if (Place is not null)
        {
            if (Zones.Areas.Containing(Place.Point) is not { } area)
            {
                Errors.Add(Zones.NotServed);
                return;
            }

            Area = area;
        }

        var zone = Area.Zone;
        WindowStart = date.Value.At(start.Value).InZoneLeniently(zone).ToInstant();
        WindowEnd = WindowStart + flexible.Policy.Length;
        Errors.AddRange(BookingWindows.Check(WindowStart, WindowEnd, clock.GetCurrentInstant(), zone, flexible.Policy).SelectMany(e => e.Value));
        var offering = await catalogue.FindAsync(modality.Slug(), Area.Currency, cancellationToken);
        TherapyName = offering?.Name;
        var price = offering?.Prices.FirstOrDefault(p => p.DurationMinutes == Minutes);
        if (Place is null || price is null)
        {
            Errors.Add(Place is null ? $"We could not find '{Address.Trim()}'. Try your suburb or postcode." : "That session length is not offered.");
            return;
        }

        Quote = flexible.Quote(price.Price, WindowEnd.Value.InZone(zone), Duration.FromMinutes(Minutes));
    }
}
