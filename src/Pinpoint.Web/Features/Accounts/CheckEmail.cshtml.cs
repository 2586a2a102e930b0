using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>
/// "Check your email": where both sign-up pages end, for a new address and a taken one alike, and where a link is
/// asked for again ("Send it again" answers the same for any address: <see cref="SignUpConfirmations.ResendAsync"/>).
/// The address typed travels in TempData (never the query string, which ends up in logs and history).
/// </summary>
public sealed class CheckEmailModel(SignUpConfirmations signUps) : PageModel
{
    private const string AddressKey = "SignUp.Address";
    private const string StartedOnKey = "SignUp.StartedOn";
    private const string ResentKey = "SignUp.Resent";

    [BindProperty]
    public EmailInput Input { get; set; } = new();

    /// <summary>The address just signed up with (or asked for again), to say where the email went.</summary>
    public string? Address { get; private set; }

    /// <summary>The sign-up page to go back to with another address.</summary>
    public string StartedOn { get; private set; } = "/account/register";

    public bool Resent { get; private set; }

    public string Lifespan => $"{SignUpTokenProvider.Life.TotalHours:0} hours";

    /// <summary>Ends a sign-up page's submission: the same redirect whatever happened to the address.</summary>
    public static IActionResult Show(PageModel page, string email, string startedOn)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(email);
        page.TempData[AddressKey] = email.Trim();
        page.TempData[StartedOnKey] = startedOn;
        return page.RedirectToPage("/Accounts/CheckEmail");
    }

    public void OnGet()
    {
        Load();
        Resent = TempData[ResentKey] is true;
        Input.Email = Address ?? "";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Load();
            return Page();
        }

        await signUps.ResendAsync(Input.Email, cancellationToken);
        TempData[AddressKey] = Input.Email.Trim();
        TempData.Keep(StartedOnKey);
        TempData[ResentKey] = true;
        return RedirectToPage();
    }

    // Peeked, not read: reloading the page keeps saying where the email went.
    private void Load()
    {
        Address = TempData.Peek(AddressKey) as string;
        StartedOn = TempData.Peek(StartedOnKey) as string is "/account/register-therapist" ? "/account/register-therapist" : "/account/register";
    }
}
