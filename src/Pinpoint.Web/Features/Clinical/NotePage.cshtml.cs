using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Clinical;
using Pinpoint.Core.Intake;
using Pinpoint.Core.Referral;
using Pinpoint.Core.Screening;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.BodyMap;
using Pinpoint.Web.Features.Intake;

namespace Pinpoint.Web.Features.Clinical;

/// <summary>One trigger point as the form carries it.</summary>
public sealed class FindingForm
{
    public string? MuscleId { get; set; }

    public BodySide? Side { get; set; }

    public string? RegionId { get; set; }

    public TriggerPointActivity Activity { get; set; } = TriggerPointActivity.Active;

    public int Tenderness { get; set; } = 5;

    public bool ReferralReproduced { get; set; }

    public bool LocalTwitch { get; set; }

    public List<string> Techniques { get; set; } = [];

    public string PressureTolerated { get; set; } = IntakeChoices.GentlePressure;

    public string? Note { get; set; }

    public bool Remove { get; set; }

    public static FindingForm From(TriggerPointFinding f) => new()
    {
        MuscleId = f.MuscleId, Side = f.Side, RegionId = f.RegionId, Activity = f.Activity, Tenderness = f.Tenderness, ReferralReproduced = f.ReferralReproduced,
        LocalTwitch = f.LocalTwitch, Techniques = [.. f.Techniques], PressureTolerated = f.PressureTolerated, Note = f.Note,
    };

    public TriggerPointFinding ToFinding() => new()
    {
        MuscleId = MuscleId?.Trim() ?? "", Side = Side, RegionId = RegionId?.Trim() ?? "", Activity = Activity, Tenderness = Tenderness,
        ReferralReproduced = ReferralReproduced, LocalTwitch = LocalTwitch, Techniques = [.. Techniques], PressureTolerated = PressureTolerated,
        Note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(),
    };
}

/// <summary>The SOAP note form: the recorded points, one new point, and the S, O, A, P fields.</summary>
public sealed class NoteForm
{
    public string? Subjective { get; set; }

    public int? PainBefore { get; set; }

    public string? Observations { get; set; }

    public string? Assessment { get; set; }

    public string? Plan { get; set; }

    public int? PainAfter { get; set; }

    public string? ClientSummary { get; set; }

    public List<FindingForm> Findings { get; set; } = [];

    public FindingForm New { get; set; } = new();

    public static NoteForm From(SoapNote note) => new()
    {
        Subjective = note.Subjective, PainBefore = note.PainBefore, Observations = note.Observations, Assessment = note.Assessment, Plan = note.Plan,
        PainAfter = note.PainAfter, ClientSummary = note.ClientSummary, Findings = [.. note.Findings.Select(FindingForm.From)],
    };

    public SoapNote ToNote() => new()
    {
        Subjective = Clean(Subjective), PainBefore = PainBefore, Observations = Clean(Observations), Assessment = Clean(Assessment), Plan = Clean(Plan),
        PainAfter = PainAfter, ClientSummary = Clean(ClientSummary),
        Findings = [.. Findings.Where(f => !f.Remove).Select(f => f.ToFinding()),
                    .. string.IsNullOrWhiteSpace(New.MuscleId) ? Array.Empty<TriggerPointFinding>() : [New.ToFinding()]],
    };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>
/// The therapist writes up a visit on a phone: what to watch for first (cautions, likely sources, preferences), the
/// body chart of trigger points — muscles this client's pain most likely comes from offered first — then the note.
/// Saving keeps a draft; signing locks it; after that only addenda. All through <see cref="SessionNotes"/> (audited).
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Therapist)]
public sealed class NotePageModel(
    SessionNotes notes, PinpointDb db, IntakeService intake, ReferralEngine referral, Atlas atlas, BodyMapShapes shapes,
    HomeCareService homeCare, HomeCareCatalogue exercises) : PageModel
{

    /// <summary>One exercise to prescribe, as the home-care form sends it.</summary>
    [BindProperty]
    public PrescriptionInput? Prescription { get; set; }

    public HomeCareView? HomeCare { get; private set; }

    /// <summary>Self-release for the muscles treated in this session first, then posture advice, then every other muscle.</summary>
    public (IReadOnlyList<Exercise> Treated, IReadOnlyList<Exercise> Posture, IReadOnlyList<Exercise> Others) ExerciseChoices
    {
        get
        {
            var treated = (Note?.Content.Findings.Select(f => f.MuscleId) ?? []).Distinct().Select(m => exercises.Find(HomeCareCatalogue.ReleaseFor(m))).OfType<Exercise>().ToList();
            return (treated, [.. exercises.All.Where(e => e.Kind == ExerciseKind.Posture)],
                [.. exercises.All.Where(e => e.Kind == ExerciseKind.SelfRelease && !treated.Contains(e)).OrderBy(e => e.Title, StringComparer.Ordinal)]);
        }
    }

    [BindProperty]
    public NoteForm Input { get; set; } = new();

    [BindProperty]
    public string? AddendumText { get; set; }

    [TempData]
    public string? Message { get; set; }

    public Booking.Booking? Visit { get; private set; }

    public string ClientName { get; private set; } = "";

    public NoteView? Note { get; private set; }

    /// <summary>Signing is offered once the visit has started.</summary>
    public bool CanSign => Visit is not null && notes.HasStarted(Visit);

    public IReadOnlyList<Muscle> LikelySources { get; private set; } = [];

    public IReadOnlyList<Muscle> OtherMuscles { get; private set; } = [];

    public IReadOnlyList<BodyRegion> Regions => [.. atlas.Regions.OrderBy(r => r.Label, StringComparer.Ordinal)];

    public ScreeningResult? Screening { get; private set; }

    public SessionPreferences? Preferences { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public BodyMapView ChartView(BodyView view) => new(atlas, shapes, view, (Note?.Content.Findings.Select(f => f.RegionId) ?? []).ToHashSet(StringComparer.Ordinal));

    public string MuscleName(string id) => atlas.FindMuscle(id)?.Name ?? id;

    public string Label(string regionId) => atlas.LabelOf(regionId);

    public async Task<IActionResult> OnGetAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        var result = await notes.GetAsync(bookingId, User, cancellationToken);
        if (result.Outcome == NoteOutcome.Forbidden || (result.Outcome == NoteOutcome.NotFound && result.Message is null))
        {
            return NotFound();
        }

        Note = result.Note;
        Input = Note is null ? new NoteForm() : NoteForm.From(Note.Content);
        await LoadContextAsync(bookingId, cancellationToken);
        Input.New.PressureTolerated = Preferences?.Pressure ?? IntakeChoices.GentlePressure;
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(Guid bookingId, CancellationToken cancellationToken) => SaveAsync(bookingId, sign: false, cancellationToken);

    public Task<IActionResult> OnPostSignAsync(Guid bookingId, CancellationToken cancellationToken) => SaveAsync(bookingId, sign: true, cancellationToken);

    public async Task<IActionResult> OnPostAddendumAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        var result = await notes.AddAddendumAsync(bookingId, User, AddendumText, cancellationToken);
        return await AfterAsync(bookingId, result, "Addendum added.", cancellationToken);
    }

    public async Task<IActionResult> OnPostPrescribeAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        var (outcome, errors) = await homeCare.PrescribeAsync(bookingId, User, new PrescribeRequest([Prescription]), cancellationToken);
        return outcome switch
        {
            HomeCareOutcome.Done => await AfterAsync(bookingId, new NoteResult(NoteOutcome.Done), "Home care prescribed: the client sees it in their home-care list.", cancellationToken),
            HomeCareOutcome.Invalid => await AfterAsync(bookingId, new NoteResult(NoteOutcome.Invalid, Errors: errors), "", cancellationToken, noteFormPosted: false),
            _ => NotFound(),
        };
    }

    private async Task<IActionResult> SaveAsync(Guid bookingId, bool sign, CancellationToken cancellationToken)
    {
        // A point lies in the region tapped for it: a region on one side of the body decides the point's side.
        if (atlas.FindRegion(Input.New.RegionId ?? "") is { Side: { } regionSide })
        {
            Input.New.Side = regionSide;
        }

        var result = await notes.SaveDraftAsync(bookingId, User, Input.ToNote(), cancellationToken);
        if (sign && result.Outcome == NoteOutcome.Done)
        {
            result = await notes.SignAsync(bookingId, User, cancellationToken);
        }

        return await AfterAsync(bookingId, result, sign ? "Signed. The note is locked; the client can now read their summary." : "Draft saved.", cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(Guid bookingId, NoteResult result, string done, CancellationToken cancellationToken, bool noteFormPosted = true)
    {
        switch (result.Outcome)
        {
            case NoteOutcome.Done:
                Message = done;
                return RedirectToPage(new { bookingId });
            case NoteOutcome.Forbidden:
                return NotFound();
            case NoteOutcome.NotFound when result.Message is null:
                return NotFound();
            default:
                // Show what was typed with the problems; nothing stored is changed.
                Errors = result.Errors ?? new Dictionary<string, string[]> { [""] = [result.Message ?? "That did not work."] };
                Note = (await notes.GetAsync(bookingId, User, cancellationToken)).Note;
                if (!noteFormPosted)
                {
                    Input = Note is null ? new NoteForm() : NoteForm.From(Note.Content);
                }

                await LoadContextAsync(bookingId, cancellationToken);
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
        }
    }

    private async Task LoadContextAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        Visit = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == bookingId, cancellationToken);
        ClientName = await db.Users.Where(u => u.Id == Visit.ClientUserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "Client";
        var latest = await intake.LatestAsync(Visit.ClientUserId, cancellationToken);
        Screening = Visit.ScreeningJson is null ? latest?.Screening : IntakeJson.ReadScreening(Visit.ScreeningJson);
        Preferences = latest?.Content.Preferences;
        // The intake's map, or else the one the client marked before booking.
        var pain = latest is { Content.Regions.Count: > 0 } && new ReferralQuery(latest.Content.Regions).Validate(atlas).Count == 0
            ? new ReferralQuery(latest.Content.Regions, null, latest.Content.Activity)
            : Booking.BookingPain.Read(Visit.PainJson, atlas);
        LikelySources = pain is null ? [] : [.. referral.Rank(pain.Regions, pain.Activity, take: 6).Select(c => c.Muscle).DistinctBy(m => m.Id)];
        OtherMuscles = [.. atlas.Muscles.Where(m => !LikelySources.Contains(m)).OrderBy(m => m.Name, StringComparer.Ordinal)];
        HomeCare = await homeCare.ForCareTeamAsync(Visit.ClientUserId, User, cancellationToken);
        // Only reached by the treating therapist (SessionNotes refused anyone else), and audited through home care's read.
    }
}
