using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>
/// The mobile number a therapist calls on the day, kept in Identity's <c>PhoneNumber</c> in E.164 however it was
/// typed. Saving the same number again changes nothing. Not a sign-in detail, so the security stamp stays (other
/// devices stay signed in), unlike Identity's <c>SetPhoneNumberAsync</c>.
/// </summary>
[Authorize]
public sealed class ChangeMobileModel(UserManager<PinpointUser> users, PinpointDb db) : PageModel
{
    [BindProperty]
    public MobileInput Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Input.Mobile = MobileNumbers.Display(user.PhoneNumber);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!MobileNumbers.TryNormalize(Input.Mobile, out var e164))
        {
            ModelState.AddModelError("Input.Mobile", MobileNumbers.Invalid);
            return Page();
        }

        if (user.PhoneNumber != e164)
        {
            user.PhoneNumber = e164;
            user.PhoneNumberConfirmed = false;
            var updated = await users.UpdateAsync(user);
            // A concurrent save of the same account (a double click) fails on the concurrency stamp: fine if it saved this number.
            if (!updated.Succeeded &&
                await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => u.PhoneNumber).SingleAsync(cancellationToken) != e164)
            {
                ModelState.AddModelError("", "Your details changed while you were saving. Check the number and save again.");
                return Page();
            }
        }

        Message = $"Saved: your mobile number is {MobileNumbers.Display(e164)}.";
        return RedirectToPage();
    }
}

public sealed class MobileInput
{
    [Required(ErrorMessage = MobileNumbers.Invalid)]
    [StringLength(32, ErrorMessage = MobileNumbers.Invalid)]
    [Display(Name = "Mobile number")]
    public string Mobile { get; set; } = "";
}
