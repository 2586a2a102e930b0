using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>
/// The page a confirmation email links to. Opening it changes nothing (mail scanners open links too); the button
/// does. Anyone holding the link may press it, signed in or not: the link itself is the proof. A second press, or
/// opening the link again afterwards, says the change is made.
/// </summary>
public sealed class ConfirmEmailModel(EmailChanges changes, UserManager<PinpointUser> users, SignInManager<PinpointUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public TokenState Link { get; private set; } = TokenState.Valid;

    public bool Taken { get; private set; }

    /// <summary>Set once the change is made (after the redirect, or when the link is opened again).</summary>
    [TempData]
    public string? DoneEmail { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (DoneEmail is not null)
        {
            return Page();
        }

        var (user, state, done) = await changes.CheckAsync(UserId, Email, Code);
        if (done)
        {
            DoneEmail = user!.Email;
            return RedirectToPage(); // the link leaves the address bar
        }

        Link = state;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (outcome, link) = await changes.ConfirmAsync(UserId, Email, Code, cancellationToken);
        switch (outcome)
        {
            case EmailConfirmOutcome.Done:
                // This device's cookie carries the old sign-in name and security stamp: renew it if it is this account's.
                if (await users.GetUserAsync(User) is { } me && me.Id == UserId)
                {
                    await signIn.RefreshSignInAsync(me);
                }

                DoneEmail = Email!.Trim();
                return RedirectToPage();
            case EmailConfirmOutcome.Taken:
                Taken = true;
                return Page();
            case EmailConfirmOutcome.BadLink:
                Link = link == TokenState.Valid ? TokenState.Invalid : link;
                return Page();
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome}.");
        }
    }
}
