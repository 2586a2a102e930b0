using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>
/// Asks for a reset link. The answer is the same whether or not the address has an account, so the page cannot be
/// used to find out who has one; the per-address limits live in <see cref="PasswordResets"/>, a per-IP one here.
/// </summary>
[EnableRateLimiting(AbuseLimits.PublicApi)]
public sealed class ForgotPasswordModel(PasswordResets resets) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    /// <summary>The address just asked for (after the redirect), to say where the link went.</summary>
    [TempData]
    public string? SentTo { get; set; }

    public string Lifespan => $"{PasswordResetTokenProvider.Life.TotalHours:0} hours";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await resets.RequestAsync(Input.Email, cancellationToken);
        SentTo = Input.Email.Trim();
        return RedirectToPage();
    }
}

public sealed class EmailInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [StringLength(256, ErrorMessage = "An email address is at most 256 characters.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address, like name@example.com.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";
}
