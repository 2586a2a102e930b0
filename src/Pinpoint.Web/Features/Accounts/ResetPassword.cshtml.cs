using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>
/// The page a reset email links to: the link is checked first (expired, used, or not ours each get their own
/// words and a way to ask again), then a new password is asked for twice and must pass Identity's rules.
/// </summary>
public sealed class ResetPasswordModel(PasswordResets resets) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    public TokenState Link { get; private set; } = TokenState.Valid;

    public string Email { get; private set; } = "";

    [TempData]
    public bool Done { get; set; }

    public string LinkHeading => Link switch
    {
        TokenState.Expired => "This link has expired",
        TokenState.Used => "This link has been used",
        _ => "This link does not work",
    };

    public string LinkMessage => Link switch
    {
        TokenState.Expired => $"A link to set a new password works for {PasswordResetTokenProvider.Life.TotalHours:0} hours after we send it. Ask for a new one: it takes a minute.",
        TokenState.Used => "A new password has already been set with it (or the account's password or email changed since it was sent). " +
                           "If that was you, log in with your new password; otherwise ask for a new link.",
        _ => "It may have been cut short when it was copied. Open the whole link from the email, or ask for a new one.",
    };

    public async Task<IActionResult> OnGetAsync()
    {
        if (Done)
        {
            return Page();
        }

        var (user, state) = await resets.CheckAsync(UserId, Code);
        Link = state;
        Email = user?.Email ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (user, state) = await resets.CheckAsync(UserId, Code);
        (Link, Email) = (state, user?.Email ?? "");
        if (!ModelState.IsValid || state != TokenState.Valid)
        {
            return Page();
        }

        var result = await resets.ResetAsync(UserId, Code, Input.New, cancellationToken);
        switch (result.Outcome)
        {
            case ResetOutcome.Done:
                Done = true;
                return RedirectToPage(); // the token leaves the address bar
            case ResetOutcome.BadLink:
                Link = result.Link;
                return Page();
            case ResetOutcome.Rejected:
                foreach (var error in result.Errors ?? [])
                {
                    ModelState.AddModelError("Input.New", error);
                }

                return Page();
            default:
                throw new InvalidOperationException($"Unknown reset outcome {result.Outcome}.");
        }
    }
}

public sealed class NewPasswordInput
{
    [Required(ErrorMessage = "Choose a new password.")]
    [StringLength(256, ErrorMessage = "A password is at most 256 characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string New { get; set; } = "";

    [Required(ErrorMessage = "Repeat the new password.")]
    [DataType(DataType.Password)]
    [Compare(nameof(New), ErrorMessage = "The two passwords differ.")]
    [Display(Name = "Repeat the new password")]
    public string Repeat { get; set; } = "";
}
