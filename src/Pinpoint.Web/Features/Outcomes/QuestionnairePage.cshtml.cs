using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pinpoint.Core.Outcomes;

namespace Pinpoint.Web.Features.Outcomes;

/// <summary>One questionnaire for the client to answer; the score and what it means come back on the progress page.</summary>
[Authorize]
public sealed class QuestionnairePageModel(OutcomeService outcomes) : PageModel
{
    public Instrument? Instrument { get; private set; }

    [BindProperty]
    public Dictionary<string, int?> Answers { get; set; } = [];

    [BindProperty]
    public Dictionary<string, string?> Activities { get; set; } = [];

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public IActionResult OnGet(string instrumentId)
    {
        Instrument = OutcomeMeasures.Find(instrumentId);
        return Instrument is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string instrumentId, CancellationToken cancellationToken)
    {
        Instrument = OutcomeMeasures.Find(instrumentId);
        if (Instrument is null)
        {
            return NotFound();
        }

        var (outcome, errors, score, change) = await outcomes.SubmitAsync(CurrentUser.Id(User), instrumentId, new OutcomeSubmission(Answers, Activities), cancellationToken);
        if (outcome == OutcomeOutcome.Created)
        {
            Message = change?.Reading ?? $"Thank you. Your {Instrument.Name} score is {score:0.#}: the first of the series your progress is measured against.";
            return Redirect("/progress");
        }

        Errors = errors ?? new Dictionary<string, string[]>();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
