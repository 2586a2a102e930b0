using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Intake;
using Pinpoint.Core.Referral;
using Pinpoint.Core.Screening;
using Pinpoint.Web.Features.BodyMap;
using Pinpoint.Web.Features.Referral;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Intake;

/// <summary>
/// The intake in six steps. Each step posts its own fields, which are merged into the draft (saved at once), then
/// moves on; the last step shows everything back with the likely sources and the screen's verdict, and submits.
/// </summary>
[Authorize]
public sealed class IntakePageModel(IntakeService intake, ReferralEngine engine, Atlas atlas, BodyMapShapes shapes) : PageModel
{
    public static IReadOnlyList<string> StepTitles { get; } =
        ["Where it hurts", "Your pain so far", "Goals and activity", "Your session at home", "Health questions", "Check and send"];

    [BindProperty(SupportsGet = true)]
    public int Step { get; set; } = 1;

    public IntakeContent Answers { get; private set; } = new();

    // The client's date, in their own area's zone: what the screen reads "recent" against.
    private NodaTime.LocalDate _today;

    public Atlas Atlas => atlas;

    public BodyMapShapes Shapes => shapes;

    public IReadOnlyList<ReferralCandidate> Sources { get; private set; } = [];

    public ScreeningResult? Screening { get; private set; }

    public ReferralResultsView? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Step is < 1 or > 6)
        {
            return NotFound();
        }

        await LoadAsync(cancellationToken);
        if (Step == 1 && Answers.Regions.Count == 0 && Request.Query.ContainsKey("regions"))
        {
            // Coming from a booking: start from the map the client marked then (saved when they continue).
            var marked = PainSelection.Parse(Request.Query["regions"], null, null, null, null, out var errors);
            if (errors.Count == 0 && !marked.IsEmpty && marked.ToQuery().Validate(atlas).Count == 0)
            {
                Answers = Answers with { Regions = marked.Regions };
                Derive();
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Step is < 1 or > 5)
        {
            return NotFound();
        }

        await LoadAsync(cancellationToken);
        var form = Request.Form;
        var updated = Step switch
        {
            1 => Answers with { Regions = PainSelection.Parse(form["regions"], form["r"].ToArray()!, null, null, null, out _).Regions },
            2 => Answers with
            {
                Duration = Enum.TryParse<PainDuration>(form["duration"], ignoreCase: true, out var d) ? d : null,
                Better = Text(form["better"]), Worse = Text(form["worse"]), Complaints = [.. form["complaints"].OfType<string>()],
            },
            3 => Answers with { Goals = [.. form["goals"].OfType<string>()], Activity = Text(form["activity"]) },
            4 => Answers with { Preferences = Preferences(form) },
            _ => Answers with { Screening = ScreeningAnswers(form) },
        };
        var errors = await intake.SaveDraftAsync(CurrentUser.Id(User), updated, cancellationToken);
        if (errors.Count > 0)
        {
            Answers = updated;
            ModelState.AddErrors(errors, "Intake");
            return Page();
        }

        return Redirect($"/intake/{Step + 1}");
    }

    public async Task<IActionResult> OnPostSubmitAsync(bool treatment, bool privacy, CancellationToken cancellationToken)
    {
        var consents = new Dictionary<string, string>();
        if (treatment)
        {
            consents[ConsentTexts.TreatmentKind] = ConsentTexts.Treatment.Version;
        }

        if (privacy)
        {
            consents[ConsentTexts.PrivacyKind] = ConsentTexts.Privacy.Version;
        }

        var (snapshot, errors) = await intake.SubmitAsync(CurrentUser.Id(User), consents, cancellationToken);
        if (snapshot is null)
        {
            Step = 6;
            await LoadAsync(cancellationToken);
            ModelState.AddErrors(errors, "Intake");
            return Page();
        }

        return Redirect("/account?intake=submitted");
    }

    public string Label(string regionId) => atlas.LabelOf(regionId);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Answers = await intake.GetDraftAsync(CurrentUser.Id(User), cancellationToken);
        _today = await intake.TodayAsync(CurrentUser.Id(User), cancellationToken);
        Derive();
    }

    // What the answers so far show: likely sources, the screen, the referral results.
    private void Derive()
    {
        var regions = Answers.Regions.Where(r => r.Intensity > 0).ToList();
        Sources = regions.Count == 0 ? [] : engine.Rank(regions, Answers.Activity, 5);
        Screening = Answers.Screening.Values.Any(a => a is not null) ? IntakeService.Screen(Answers, _today) : null;
        Results = new ReferralResultsView(atlas, new PainSelection(Answers.Regions, [], null, null),
            regions.Count == 0 ? null : engine.Analyse(new ReferralQuery(regions), 5), null, new Dictionary<string, string[]>());
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static SessionPreferences Preferences(IFormCollection form) => new()
    {
        Pressure = form["pressure"].FirstOrDefault() ?? IntakeChoices.GentlePressure,
        AvoidRegions = [.. form["avoid"].OfType<string>()],
        TherapistGender = form["therapistGender"].FirstOrDefault() ?? "any",
        Scent = form["scent"].FirstOrDefault() ?? "none",
        ScentSensitivities = Text(form["scentSensitivities"]),
        Music = form["music"].FirstOrDefault() ?? "quiet",
        Lighting = form["lighting"].FirstOrDefault() ?? "soft",
        RoomTemperature = form["roomTemperature"].FirstOrDefault() ?? "warm",
        Parking = Text(form["parking"]),
        Stairs = form["stairs"] == "true",
        Pets = Text(form["pets"]),
        AccessNotes = Text(form["accessNotes"]),
        AdultPresentForMinor = Text(form["adultPresentForMinor"]),
    };

    private static Dictionary<string, ScreeningAnswer?> ScreeningAnswers(IFormCollection form)
    {
        var answers = new Dictionary<string, ScreeningAnswer?>(StringComparer.Ordinal);
        foreach (var question in ScreeningRules.Questions)
        {
            var value = form[$"q.{question.Id}"].FirstOrDefault();
            if (value is not ("yes" or "no"))
            {
                continue;
            }

            var date = SupportedTimes.ParseDate(form[$"q.{question.Id}.date"].FirstOrDefault() ?? "");
            answers[question.Id] = new ScreeningAnswer(value == "yes",
                value == "yes" && question.Detail != AnswerDetail.None ? [.. form[$"q.{question.Id}.regions"].OfType<string>()] : null,
                value == "yes" && date.Success ? date.Value : null);
        }

        return answers;
    }

    public static string Format(NodaTime.LocalDate date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
