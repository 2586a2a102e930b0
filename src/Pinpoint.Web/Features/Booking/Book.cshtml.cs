using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Referral;
using Pinpoint.Web.Features.Catalogue;
using Pinpoint.Web.Features.Referral;

namespace Pinpoint.Web.Features.Booking;

/// <summary>
/// The start of booking: what the client marked on "Where does it hurt?" and the therapy to book, carried in
/// the URL so nothing is lost between pages. Choosing a therapist and a time follows in the booking flow.
/// </summary>
public sealed class BookModel(
    Atlas atlas, ReferralEngine engine, CatalogueQueries catalogue, NodaTime.IClock clock, Data.PinpointDb db, Trust.ClientStandings standings,
    ClientAreas areas) : PageModel
{
    /// <summary>The signed-in client's area (the home area for a visitor): the day the form starts on and the prices' currency.</summary>
    public Pinpoint.Core.Geography.ServiceArea Area { get; private set; } = Zones.Home;

    /// <summary>True for a signed-in client the operator has suspended: they are told neutrally, before choosing anything.</summary>
    public bool NotTakingBookings { get; private set; }

    public string Tomorrow => clock.GetCurrentInstant().InZone(Area.Zone).Date.PlusDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [BindProperty(SupportsGet = true)]
    public string? Regions { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Symptoms { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Activity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Duration { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Modality { get; set; }

    /// <summary>The therapist chosen on their card or profile, carried to the times; null for anyone who can come.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Therapist { get; set; }

    public string? TherapistName { get; private set; }

    public PainSelection Selection { get; private set; } = PainSelection.Empty;

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public IReadOnlyList<ModalityOffering> Offerings { get; private set; } = [];

    public Modality ChosenModality { get; private set; } = Core.Catalogue.Modality.Myofascial;

    public IReadOnlyList<string> Sources { get; private set; } = [];

    public string Label(string regionId) => atlas.LabelOf(regionId);

    public string EditUrl => Selection.IsEmpty ? "/where-does-it-hurt" : $"/where-does-it-hurt?{Selection.ToQueryString()}";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Area = await areas.OfAsync(User, cancellationToken);
        Offerings = await catalogue.ListAsync(Area.Currency, cancellationToken);
        Selection = PainSelection.Parse(Regions, null, Symptoms, Activity, Duration, out var errors);
        if (!Selection.IsEmpty)
        {
            foreach (var (field, messages) in Selection.ToQuery().Validate(atlas))
            {
                errors.TryAdd(field, messages);
            }
        }

        var suggested = Core.Catalogue.Modality.Myofascial;
        if (!Selection.IsEmpty && errors.Count == 0)
        {
            var report = engine.Analyse(Selection.ToQuery(), take: 3);
            suggested = report.SuggestedModality.Modality;
            Sources = [.. report.Candidates.Select(c => c.Side is null ? c.Muscle.Name : $"{c.Muscle.Name} ({c.Side.ToString()!.ToLowerInvariant()})")];
        }

        if (Modality is not null && !Modalities.TryParseSlug(Modality, out suggested))
        {
            errors["modality"] = [$"Unknown therapy '{Modality}'. Choose one of: {string.Join(", ", Modalities.All.Select(m => m.Slug()))}."];
        }

        ChosenModality = suggested;
        Errors = errors;
        NotTakingBookings = User.Identity?.IsAuthenticated == true && await standings.IsSuspendedAsync(CurrentUser.Id(User), cancellationToken);
        TherapistName = Therapist is { } id
            ? await db.Therapists.Where(t => t.Id == id).Select(t => t.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
    }
}
