using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Core.Booking;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Pinpoint.Web.Features.Booking;

/// <summary>Step 2: the free times on the chosen day, each with the therapists who can come, best fit first.</summary>
public sealed class BookSlotsModel(
    IGeocoder geocoder, AvailabilityQueries queries, BookingService bookings, FlexibleBookings flexible, ClientMatching matching, PinpointDb db, IClock clock,
    Telemetry.PinpointMetrics metrics, Catalogue.CatalogueQueries catalogue, Reviews.ReviewService reviews)
    : PageModel
{
    /// <summary>The catalogue price of the chosen therapy and length, before any surcharge.</summary>
    public Money? BasePrice { get; private set; }

    /// <summary>The price at a slot's time, with its after-hours or weekend surcharge (travel beyond the included distance is added on review).</summary>
    public Quote? PriceAt(Slot slot) =>
        BasePrice is { } price ? Pricing.Quote(price, slot.Start, Duration.FromMinutes(Minutes), 0, new SurchargePolicy()) : null;

    /// <summary>The day's times in the parts of the day people think in.</summary>
    public IEnumerable<(string Part, IReadOnlyList<Slot> Slots)> PartsOfDay =>
        new (string Part, Func<LocalTime, bool> Holds)[]
            {
                ("Morning", t => t < new LocalTime(12, 0)),
                ("Afternoon", t => t >= new LocalTime(12, 0) && t < new LocalTime(17, 0)),
                ("Evening", t => t >= new LocalTime(17, 0)),
            }
            .Select(p => (p.Part, (IReadOnlyList<Slot>)[.. Slots.Where(s => p.Holds(s.Start.TimeOfDay))]))
            .Where(p => p.Item2.Count > 0);

    /// <summary>Whether this day still takes window requests (they close the evening before, when the day is planned).</summary>
    public bool WindowsOpen => !NotTakingBookings && Date >= BookingWindows.FirstOpenDay(clock.GetCurrentInstant(), Area.Zone, flexible.Policy);

    /// <summary>The service area of the address: its zone is the page's calendar, its currency the prices'.</summary>
    public ServiceArea Area { get; private set; } = Zones.Home;

    public decimal DiscountPercent => flexible.DiscountPercent;

    public string ConfirmBy => flexible.ConfirmBy(Date.At(flexible.Policy.EarliestStart).InZoneLeniently(Area.Zone).ToInstant(), Area.Zone)
        .InZone(Area.Zone).ToString("h:mm tt dddd d MMMM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Quarter hours a custom window may start at.</summary>
    public IEnumerable<string> CustomStarts
    {
        get
        {
            var policy = flexible.Policy;
            for (var t = policy.EarliestStart; t.PlusTicks(policy.Length.BclCompatibleTicks) <= policy.LatestEnd && t >= policy.EarliestStart; t = t.PlusMinutes(15))
            {
                yield return t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    public string? Modality { get; set; }

    public int Minutes { get; set; } = 60;

    public string? Address { get; set; }

    public GeocodeMatch? Place { get; private set; }

    public LocalDate Date { get; private set; }

    public IReadOnlyList<Slot> Slots { get; private set; } = [];

    public List<string> Errors { get; } = [];

    /// <summary>True for a signed-in client the operator has suspended: no times, and the neutral words instead.</summary>
    public bool NotTakingBookings { get; private set; }

    public string CarryQuery { get; private set; } = "";

    /// <summary>The therapists of the slot list, for their names and pictures.</summary>
    public IReadOnlyDictionary<Guid, Therapists.Therapist> Therapists { get; private set; } = new Dictionary<Guid, Therapists.Therapist>();

    /// <summary>Their ratings (absent: no reviews yet), read in one query for the whole list.</summary>
    public IReadOnlyDictionary<Guid, Reviews.RatingSummary> Ratings { get; private set; } = new Dictionary<Guid, Reviews.RatingSummary>();

    /// <summary>The therapist chosen on their card or profile: only their times are shown.</summary>
    public Guid? Therapist { get; private set; }

    public const int StripDays = 14;

    /// <summary>The days of the day strip: two weeks from today, or around the chosen day when it lies further ahead.</summary>
    public IEnumerable<LocalDate> StripDates
    {
        get
        {
            var today = clock.GetCurrentInstant().InZone(Area.Zone).Date;
            var first = Date < today.PlusDays(StripDays) ? today : Date.PlusDays(-3);
            return Enumerable.Range(0, StripDays).Select(first.PlusDays);
        }
    }

    /// <summary>This page for another day, with every other choice kept (but <paramref name="drop"/>, if given).</summary>
    public string DayUrl(LocalDate day, string? drop = null) =>
        "/book/slots?" + string.Join('&', Request.Query.Where(q => q.Key != "date" && q.Key != drop && !string.IsNullOrEmpty(q.Value))
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append($"date={day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}"));

    public async Task OnGetAsync(string? modality, int? minutes, string? address, string? date, string? gender, Guid? therapist, CancellationToken cancellationToken)
    {
        Therapist = therapist;
        Modality = modality;
        Minutes = minutes ?? 60;
        Address = address;
        CarryQuery = string.Join('&', Request.Query.Where(q => q.Key is "regions" or "symptoms" or "activity" or "duration" or "gender" && !string.IsNullOrEmpty(q.Value))
            .Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}"));
        if (!Modalities.TryParseSlug(modality, out var parsed))
        {
            Errors.Add("Choose a therapy.");
        }

        if (!ClientMatching.IsGenderPreference(gender))
        {
            Errors.Add("Choose any therapist, a female or a male therapist.");
        }

        if (Minutes is not (60 or 75 or 90 or 120))
        {
            Errors.Add("A session is 60, 75, 90 or 120 minutes.");
        }

        var day = SupportedTimes.ParseDate(date ?? "");
        Date = day.Success ? day.Value : clock.GetCurrentInstant().InZone(Area.Zone).Date.PlusDays(1);
        if (!day.Success)
        {
            Errors.Add("Choose a day.");
        }

        if (string.IsNullOrWhiteSpace(address))
        {
            Errors.Add("Tell us your address, suburb or postcode.");
        }
        else
        {
            try
            {
                Place = (await geocoder.SearchAsync(address, 1, cancellationToken)).FirstOrDefault();
            }
            catch (Geocoding.GeocodingUnavailableException unavailable)
            {
                Errors.Add(unavailable.Message);
            }

            if (Place is null && Errors.Count == 0)
            {
                Errors.Add($"We could not find '{address.Trim()}'. Try your suburb or postcode.");
            }
            else if (Place is not null)
            {
                if (Zones.Areas.Containing(Place.Point) is { } area)
                {
                    Area = area;
                    Date = day.Success ? day.Value : clock.GetCurrentInstant().InZone(area.Zone).Date.PlusDays(1);
                }
                else
                {
                    Errors.Add(Zones.NotServed);
                }
            }
        }

        if (Errors.Count > 0 || Place is null)
        {
            return;
        }

        using var timing = metrics.TimeAvailability("page");
        // Ranked by the signed-in client's intake and history, else by the body-map selection carried from the referral page.
        var clientUserId = User.Identity?.IsAuthenticated == true ? CurrentUser.Id(User) : null;
        var selection = Referral.PainSelection.Parse(Request.Query["regions"], null, Request.Query["symptoms"], Request.Query["activity"], Request.Query["duration"], out _);
        var match = await matching.ForAsync(clientUserId, selection, gender, cancellationToken);
        var dates = new DateInterval(Date, Date);
        BasePrice = await catalogue.PriceAsync(parsed, Minutes, Area.Currency, cancellationToken);
        var calendars = await queries.CalendarsAsync(parsed, dates, null, clientUserId, cancellationToken, Place.Point);
        // A therapist who blocked the client is left out like one who is busy; the client's own visits hide the times they overlap.
        var limits = await queries.LimitsAsync(clientUserId, dates, null, cancellationToken);
        NotTakingBookings = limits.Suspended;
        Slots = bookings.Engine.Find(new AvailabilityRequest(Place.Point, parsed, Duration.FromMinutes(Minutes), Area.Zone, dates, clientUserId, match, limits),
            calendars, clock.GetCurrentInstant());
        if (therapist is { } chosen)
        {
            Slots = [.. Slots.Where(s => s.Therapists.Any(t => t.TherapistId == chosen))
                .Select(s => s with { Therapists = [.. s.Therapists.Where(t => t.TherapistId == chosen), .. s.Therapists.Where(t => t.TherapistId != chosen)] })];
        }

        var ids = Slots.SelectMany(s => s.Therapists.Select(t => t.TherapistId)).Distinct().ToList();
        Therapists = await db.Therapists.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        Ratings = await reviews.SummariesAsync(ids, cancellationToken);
    }

    public string ReviewUrl(Slot slot, Guid therapistId) =>
        $"/book/review?therapist={therapistId}&modality={Modality}&minutes={Minutes}&start={Uri.EscapeDataString(OffsetDateTimePattern.Rfc3339.Format(slot.Start.ToOffsetDateTime()))}" +
        $"&latitude={Place!.Point.Latitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}&longitude={Place.Point.Longitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}" +
        $"&address={Uri.EscapeDataString(Address ?? "")}{(CarryQuery.Length > 0 ? "&" + CarryQuery : "")}";
}
