using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Referral;
using Pinpoint.Web.Features.BodyMap;
using Pinpoint.Web.Features.Catalogue;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Referral;

/// <summary>
/// "Where does it hurt?": the body map, the selection, and the likely sources. The results are one Razor partial,
/// rendered into the page on load and fetched again by the page's script (<c>?handler=results</c>) as the client
/// taps, so there is one rendering of the results, and the page works without script through its form.
/// </summary>
[EnableRateLimiting(AbuseLimits.PublicApi)]
public sealed class WhereDoesItHurtModel(Atlas atlas, ReferralEngine engine, BodyMapShapes shapes, CatalogueQueries catalogue, Telemetry.PinpointMetrics metrics) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Regions { get; set; }

    /// <summary>Region ids ticked in the no-script list.</summary>
    [BindProperty(SupportsGet = true, Name = "r")]
    public string[] CheckedRegions { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public string[] Symptoms { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Activity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Duration { get; set; }

    public Atlas Atlas => atlas;

    public BodyMapShapes Shapes => shapes;

    public PainSelection Selection { get; private set; } = PainSelection.Empty;

    public ReferralResultsView Results { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Results = await AnalyseAsync(cancellationToken);

    public async Task<IActionResult> OnGetResultsAsync(CancellationToken cancellationToken)
    {
        Results = await AnalyseAsync(cancellationToken);
        if (Results.Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Partial("_ReferralResults", Results);
    }

    private async Task<ReferralResultsView> AnalyseAsync(CancellationToken cancellationToken)
    {
        Selection = PainSelection.Parse(Regions, CheckedRegions,
            string.Join(',', Symptoms), Activity, Duration, out var errors);
        if (Selection.IsEmpty && errors.Count == 0)
        {
            return new ReferralResultsView(atlas, Selection, null, null, errors);
        }

        foreach (var (field, messages) in Selection.ToQuery().Validate(atlas))
        {
            errors.TryAdd(field, messages);
        }

        if (errors.Count > 0)
        {
            return new ReferralResultsView(atlas, Selection, null, null, errors);
        }

        var report = engine.Analyse(Selection.ToQuery(), take: 6);
        metrics.ReferralQueried("page");
        var name = await catalogue.NameAsync(report.SuggestedModality.Modality, cancellationToken);
        return new ReferralResultsView(atlas, Selection, report, name, errors);
    }
}

/// <summary>What the results partial renders: the report, or the reasons there is none.</summary>
public sealed record ReferralResultsView(
    Atlas Atlas, PainSelection Selection, ReferralReport? Report, string? ModalityName, IReadOnlyDictionary<string, string[]> Errors)
{
    public string Label(string regionId) => Atlas.LabelOf(regionId);

    /// <summary>Places in sentence form: "the top of your left shoulder and your left shoulder blade".</summary>
    public string Places(IEnumerable<string> regionIds) => new ReferralExplanation(Atlas).Places(regionIds);

    /// <summary>What the typed symptom words were read as, and what was not understood.</summary>
    public RecognisedTerms Words { get; } = Selection.ToQuery().RecogniseSymptoms();

    public string BookUrl => Report is null
        ? "/book"
        : $"/book?{Selection.ToQueryString()}&modality={Report.SuggestedModality.Modality.Slug()}";

    public bool HasEmergency => Report?.Warnings.Any(w => w.Urgency == RedFlagUrgency.Emergency) == true;
}
