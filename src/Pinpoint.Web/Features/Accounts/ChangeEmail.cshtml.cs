using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>Asks for a new sign-in email (with the current password); <see cref="EmailChanges"/> sends the confirmation link.</summary>
[Authorize]
public sealed class ChangeEmailModel(UserManager<PinpointUser> users, EmailChanges changes) : PageModel
{
    [BindProperty]
    public ChangeEmailInput Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public string Current { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Current = user.Email ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Current = user.Email ?? "";
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await changes.RequestAsync(user, Input.NewEmail, Input.Password, cancellationToken);
        var (field, error) = outcome switch
        {
            EmailRequestOutcome.Sent => ("", null),
            EmailRequestOutcome.WrongPassword => ("Input.Password", "That is not your current password."),
            EmailRequestOutcome.LockedOut => ("Input.Password", LoginModel.LockedOutMessage),
            EmailRequestOutcome.Same => ("Input.NewEmail", "That is already your email address."),
            EmailRequestOutcome.Taken => ("Input.NewEmail", "Another Pinpoint account already uses this address. Use a different one, or sign in to that account."),
            EmailRequestOutcome.Unusable => ("Input.NewEmail", "We cannot use this address to sign in: use letters, digits and . _ - + @ only."),
            EmailRequestOutcome.TooMany => ("", $"You have asked for {EmailChanges.PerHour} changes in the last hour. Open one of the links we sent, or try again later."),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome}."),
        };
        if (error is not null)
        {
            ModelState.AddModelError(field, error);
            return Page();
        }

        Message = $"We have sent a link to {Input.NewEmail.Trim()}. Open it within {EmailChangeTokenProvider.Life.TotalHours:0} hours to make it your email; " +
                  $"until then you keep signing in with {Current}.";
        return RedirectToPage();
    }
}

public sealed class ChangeEmailInput
{
    [Required(ErrorMessage = "Enter the new email address.")]
    [StringLength(256, ErrorMessage = "An email address is at most 256 characters.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address, like name@example.com.")]
    [Display(Name = "New email")]
    public string NewEmail { get; set; } = "";

    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string Password { get; set; } = "";
}
