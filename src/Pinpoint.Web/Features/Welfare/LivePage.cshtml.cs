using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Welfare;

/// <summary>
/// The operators' live board: rendered whole on the server (it works without script, with a Refresh link);
/// <c>live-board.js</c> fetches the board part again every few seconds and swaps it in, unless the operator is typing a note.
/// Acknowledge and close are plain forms going through <see cref="WelfareAlerts"/> as the API does.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
public sealed class LivePageModel(LiveBoard boards, WelfareAlerts alerts) : PageModel
{
    /// <summary>How often the page asks for the board again (the script reads it from the page).</summary>
    public const int RefreshSeconds = 10;

    public Board Board { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Problem { get; set; }

    /// <summary>The alert whose close form is shown again with its error and the note typed.</summary>
    public long? NoteFor { get; private set; }

    public string? NoteError { get; private set; }

    public string? NoteTyped { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Board = await boards.TodayAsync(cancellationToken);

    /// <summary>The board part alone, for the page's script.</summary>
    public async Task<IActionResult> OnGetBoardAsync(CancellationToken cancellationToken)
    {
        Board = await boards.TodayAsync(cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return Partial("_LiveBoard", this);
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(long alertId, CancellationToken cancellationToken)
    {
        var result = await alerts.AcknowledgeAsync(alertId, CurrentUser.Id(User), cancellationToken);
        switch (result.Outcome)
        {
            case WelfareOutcome.NotFound:
                return NotFound();
            case WelfareOutcome.Conflict:
                Problem = "That alert was closed already: there is nothing to acknowledge.";
                break;
            default:
                Message = result.Changed ? "Acknowledged: you are on it. Close the alert with a note once you have spoken to them." : "That alert was acknowledged already.";
                break;
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCloseAsync(long alertId, string? note, CancellationToken cancellationToken)
    {
        var result = await alerts.CloseAsync(alertId, CurrentUser.Id(User), note, cancellationToken);
        switch (result.Outcome)
        {
            case WelfareOutcome.NotFound:
                return NotFound();
            case WelfareOutcome.Invalid:
                (NoteFor, NoteError, NoteTyped) = (alertId, result.Errors!["note"][0], note);
                Board = await boards.TodayAsync(cancellationToken);
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
            default:
                Message = result.Changed ? "Closed, with your note." : "That alert was closed already; its first note stands.";
                return RedirectToPage();
        }
    }
}
