using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Accounts;

public sealed class LoginModel(SignInManager<PinpointUser> signIn) : PageModel
{
    public const string LockedOutMessage =
        "Too many failed attempts: this account is locked for 15 minutes. Try again later or reset your password.";

    public const string InvalidMessage = "That email and password do not match an account.";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl()) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : HomeOf(await signIn.UserManager.FindByEmailAsync(Input.Email.Trim()) is { } user
                ? await signIn.UserManager.GetRolesAsync(user) : []));
        }

        ModelState.AddModelError("", result.IsLockedOut ? LockedOutMessage : InvalidMessage);
        return Page();
    }

    // Only local paths: an open redirect after login is a phishing tool.
    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : HomeOf([.. Roles.All.Where(User.IsInRole)]);

    /// <summary>Where each role starts: an operator at the vetting queue, a therapist at their practice, a client at their account.</summary>
    public static string HomeOf(IEnumerable<string> roles) =>
        roles.Contains(Roles.Admin) ? "/admin/vetting" : roles.Contains(Roles.Therapist) ? "/therapist" : "/account";
}

public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [Display(Name = "Keep me logged in on this device")]
    public bool RememberMe { get; set; }
}
