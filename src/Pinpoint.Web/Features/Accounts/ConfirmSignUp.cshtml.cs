using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>
/// The page a sign-up email links to. Opening it changes nothing (mail scanners open links too, and would spend the
/// link); its button opens the account and signs in, once: a second press, or the link opened again, says it was
/// used. An expired or broken link offers a new one.
/// </summary>
public sealed class ConfirmSignUpModel(SignUpConfirmations signUps, SignInManager<PinpointUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    /// <summary>Where the sign-up page was to go on to (local only, checked when used).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Next { get; set; }

    public TokenState Link { get; private set; } = TokenState.Valid;

    /// <summary>The account's answers are being replaced by a newer sign-up with the address: its latest email has the link.</summary>
    public bool Replaced { get; private set; }

    public string DisplayName { get; private set; } = "";

    public string Email { get; private set; } = "";

    public string Lifespan => $"{SignUpTokenProvider.Life.TotalHours:0} hours";

    public async Task<IActionResult> OnGetAsync()
    {
        var (user, state) = await signUps.CheckAsync(UserId, Code);
        Show(user, state);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (user, state) = await signUps.ConfirmAsync(UserId, Code, cancellationToken);
        if (user is null)
        {
            Show((await signUps.CheckAsync(UserId, Code)).User, state == TokenState.Valid ? TokenState.Invalid : state);
            return Page();
        }

        if (User.Identity?.IsAuthenticated == true)
        {
            await signIn.SignOutAsync(); // someone else was signed in on this browser: end that session properly
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(Next) ? Next! : LoginModel.HomeOf(await signIn.UserManager.GetRolesAsync(user)));
    }

    private void Show(PinpointUser? user, TokenState state)
    {
        Link = state;
        Replaced = state == TokenState.Used && user is { AwaitingConfirmation: true };
        if (state == TokenState.Valid && user is not null)
        {
            (DisplayName, Email) = (user.DisplayName, user.Email ?? "");
        }
    }
}
