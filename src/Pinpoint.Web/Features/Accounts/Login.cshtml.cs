using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Accounts;

public sealed class LoginModel(SignInManager<PinpointUser> signIn, DecoyWork decoy) : PageModel
{
    /// <summary>
    /// One answer for an unknown email, a wrong password, a locked account and one still waiting for its sign-up
    /// link, so the page never tells a stranger which addresses have accounts (nor, after a sign-up, whether the
    /// address was free: see docs/architecture.md); it says what to do in each case.
    /// </summary>
    public const string InvalidMessage =
        "That email and password did not let you in. If you have just signed up, open the link we emailed you first. " +
        "After 5 failed attempts an account is locked for 15 minutes: wait, or reset your password.";

    /// <summary>For a person already signed in (changing their email), who may be told their own account is locked.</summary>
    public const string LockedOutMessage =
        "Too many failed attempts: this account is locked for 15 minutes. Try again later or reset your password.";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl()) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            // An unknown address costs a password check and a failed attempt's update too, so timing does not give it away either.
            PinpointSignInManager.SpendPasswordCheck(signIn.UserManager.PasswordHasher, Input.Password);
            await decoy.FailedSignInAsync(Input.Email.Trim(), cancellationToken);
            ModelState.AddModelError("", InvalidMessage);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : HomeOf(await signIn.UserManager.GetRolesAsync(user)));
        }

        ModelState.AddModelError("", InvalidMessage);
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
