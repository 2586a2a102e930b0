using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>Client self-registration. Therapists and admins are not created here.</summary>
public sealed class RegisterModel(SignUps signUps, SignInManager<PinpointUser> signIn) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    /// <summary>Where to go after signing up, e.g. back to a booking's review; local addresses only.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect("/account") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signUps.CreateAsync(new SignUpInput(Input.DisplayName, Input.Email, Input.Mobile, Input.Password), Roles.Client, cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var (field, messages) in result.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(FieldFor(field), message);
                }
            }

            return Page();
        }

        await signIn.SignInAsync(result.User!, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/account");
    }

    internal static string FieldFor(string signUpField) => signUpField switch
    {
        SignUps.NameField => "Input.DisplayName",
        SignUps.EmailField => "Input.Email",
        SignUps.MobileField => "Input.Mobile",
        SignUps.PasswordField => "Input.Password",
        _ => "",
    };
}

public sealed class RegisterInput
{
    [Required(ErrorMessage = "Tell us what to call you.")]
    [StringLength(PinpointUser.DisplayNameMaxLength, MinimumLength = 2, ErrorMessage = "Your name must be 2–100 characters.")]
    [Display(Name = "Your name")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256)]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your mobile number: your therapist calls it on the day.")]
    [StringLength(32, ErrorMessage = MobileNumbers.Invalid)]
    [DataType(DataType.PhoneNumber)]
    [Display(Name = "Mobile number")]
    public string Mobile { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(128, MinimumLength = 10, ErrorMessage = "Use at least 10 characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Repeat your password.")]
    [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
    [DataType(DataType.Password)]
    [Display(Name = "Repeat password")]
    public string ConfirmPassword { get; set; } = "";
}
