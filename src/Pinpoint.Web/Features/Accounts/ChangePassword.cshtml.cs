using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>
/// Change your password: the current one proves it is you. The security stamp changes with it, so other devices
/// signed in with the old password are signed out when they next check; this one stays signed in. The account's
/// address is told, in case it was not the owner.
/// </summary>
[Authorize]
public sealed class ChangePasswordModel(UserManager<PinpointUser> users, SignInManager<PinpointUser> signIn, PinpointDb db, AccountMail mail) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.ChangePasswordAsync(user, Input.Current, Input.New);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                // Identity's own words for a wrong current password name no field; the rest are about the new one.
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Input.Current" : "Input.New",
                    error.Code == "PasswordMismatch" ? "That is not your current password." : error.Description);
            }

            return Page();
        }

        db.Add(mail.PasswordChanged(user, byReset: false));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await signIn.RefreshSignInAsync(user);
        Message = "Your password is changed.";
        return RedirectToPage();
    }
}

public sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string Current { get; set; } = "";

    [Required(ErrorMessage = "Choose a new password.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string New { get; set; } = "";

    [Required(ErrorMessage = "Repeat the new password.")]
    [DataType(DataType.Password)]
    [Compare(nameof(New), ErrorMessage = "The two new passwords differ.")]
    [Display(Name = "Repeat the new password")]
    public string Repeat { get; set; } = "";
}
