using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>
/// Client self-registration. Therapists and admins are not created here. Good answers always end on "Check your
/// email", whether the address is new or has an account (<see cref="SignUpConfirmations"/>): the page never tells
/// anyone which addresses have accounts.
/// </summary>
public sealed class RegisterModel(SignUpConfirmations signUps, PinpointDb db) : PageModel
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

        var next = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;
        var errors = await signUps.SignUpAsync(new SignUpInput(Input.DisplayName, Input.Email, Input.Mobile, Input.Password), Roles.Client,
            ForgetTherapistProfileAsync, next, cancellationToken);
        if (errors is not null)
        {
            AddErrors(ModelState, errors);
            return Page();
        }

        return CheckEmailModel.Show(this, Input.Email, "/account/register");
    }

    /// <summary>An unconfirmed therapist sign-up, signed up afresh as a client, leaves no therapist profile behind.</summary>
    private async Task ForgetTherapistProfileAsync(PinpointUser user, CancellationToken cancellationToken) =>
        await db.Therapists.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);

    internal static void AddErrors(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, IReadOnlyDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(FieldFor(field), message);
            }
        }
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
