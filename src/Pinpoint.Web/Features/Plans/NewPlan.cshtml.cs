using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Pinpoint.Web.Features.Plans;

/// <summary>A course of sessions from a chosen first time: every date checked, alternatives picked where needed, then booked at once.</summary>
[Authorize]
public sealed class NewPlanModel(TreatmentPlans plans) : PageModel
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

    [BindProperty(SupportsGet = true)]
    public int Sessions { get; set; } = 4;

    [BindProperty(SupportsGet = true)]
    public int Cadence { get; set; } = 7;

    [BindProperty]
    public List<string> Chosen { get; set; } = [];

    [BindProperty]
    public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");

    public IReadOnlyList<SeriesItemDto> Series { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Problem { get; private set; }

    public bool Bookable => Series.Count > 0 && Series.All(s => s.Free || s.Alternatives.Count > 0);

    /// <summary>A plan's time as its offset states it: the local time at the visit's address (the plan gives each in its area's zone).</summary>
    public static string Show(string rfc3339) =>
        SupportedTimes.ParseMoment(rfc3339).Value.LocalDateTime.ToString("ddd d MMM, h:mm tt", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The zone the series is counted in, named: the area of the address.</summary>
    public string ZoneName => Zones.Name(Zones.At(Latitude, Longitude));

    public async Task OnGetAsync(CancellationToken cancellationToken) => await PreviewAsync(null, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var starts = Chosen.Select(c => SupportedTimes.ParseMoment(c)).Where(r => r.Success).Select(r => r.Value).ToList();
        var result = await plans.CreateAsync(CurrentUser.Id(User), PlanOf(starts.Count == Chosen.Count && starts.Count > 0 ? starts : null), IdempotencyKey, cancellationToken);
        // A double click finds the plan its first click is booking: both land on it.
        if (result.Outcome is PlanOutcome.Done or PlanOutcome.Replayed or PlanOutcome.InProgress)
        {
            return Redirect($"/plans/{result.Plan!.Id}");
        }

        Problem = result.Message;
        Errors = result.Errors ?? new Dictionary<string, string[]>();
        await PreviewAsync(result.Series, cancellationToken);
        return Page();
    }

    private async Task PreviewAsync(IReadOnlyList<SeriesItemDto>? known, CancellationToken cancellationToken)
    {
        if (known is not null)
        {
            Series = known;
            return;
        }

        var result = await plans.PreviewAsync(CurrentUser.Id(User), PlanOf(null), cancellationToken);
        Series = result.Series ?? [];
        Errors = result.Errors ?? new Dictionary<string, string[]>();
    }

    private PlanRequest PlanOf(IReadOnlyList<OffsetDateTime>? starts)
    {
        var first = SupportedTimes.ParseMoment(Start ?? "");
        return new PlanRequest(TherapistId, Modality, Minutes, first.Success ? first.Value : null, Sessions, Cadence, Latitude, Longitude, Address, null, null, starts);
    }
}
