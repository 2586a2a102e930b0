using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Geography;
using Pinpoint.Web.Features.Intake;

namespace Pinpoint.Web.Features.Accounts.Me;

/// <summary>The signed-in user's home: who they are, their city, their intake, and their data rights.</summary>
public sealed class IndexModel(
    UserManager<PinpointUser> users, SignInManager<PinpointUser> signIn, IntakeService intake, DataRights rights, Atlas atlas, UserSessions sessions,
    ClientAreas areas) : PageModel
{
    /// <summary>The client's city: their own dates are in its zone and the prices they read in its currency.</summary>
    public ServiceArea Area { get; private set; } = Zones.Home;

    /// <summary>True until a booking or the client has set the city: the home area is only assumed.</summary>
    public bool AreaAssumed { get; private set; }

    [TempData]
    public string? AreaMessage { get; set; }

    public string? AreaError { get; private set; }

    public string DisplayName { get; private set; } = "";

    public string Email { get; private set; } = "";

    public string Role { get; private set; } = "";

    /// <summary>The mobile number as it reads at home ("0412 345 678"), or empty.</summary>
    public string Mobile { get; private set; } = "";

    public IntakeSnapshot? Intake { get; private set; }

    public bool HasDraft { get; private set; }

    [BindProperty(SupportsGet = true, Name = "intake")]
    public string? IntakeState { get; set; }

    public string? DeleteError { get; private set; }

    public string Label(string regionId) => atlas.LabelOf(regionId);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        DisplayName = user.DisplayName;
        Email = user.Email ?? "";
        Mobile = MobileNumbers.Display(user.PhoneNumber);
        Role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
        if (Role == Roles.Client)
        {
            Area = ClientAreas.Of(user);
            AreaAssumed = Zones.Areas.Find(user.HomeArea) is null;
            Intake = await intake.LatestAsync(user.Id, cancellationToken);
            HasDraft = await intake.HasDraftAsync(user.Id, cancellationToken);
        }

        return Page();
    }

    /// <summary>Sets the client's city, for when the one taken from their latest booking is not where they are now.</summary>
    public async Task<IActionResult> OnPostAreaAsync(string? area, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!await users.IsInRoleAsync(user, Roles.Client))
        {
            return Forbid();
        }

        if (!await areas.ChooseAsync(user.Id, area, cancellationToken))
        {
            AreaError = $"Choose one of the cities we serve: {string.Join(", ", Zones.Areas.All.Select(a => a.Name))}.";
            return await OnGetAsync(cancellationToken);
        }

        AreaMessage = $"Saved: your dates are now in {Zones.Name(ClientAreas.Of(area).Zone)}, and prices in {ClientAreas.Of(area).Currency}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(bool confirm, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!confirm)
        {
            DeleteError = "Tick the box to confirm that you want your account deleted.";
            return await OnGetAsync(cancellationToken);
        }

        await rights.DeleteAsync(user.Id, cancellationToken);
        await signIn.SignOutAsync();
        return Redirect("/?deleted=1");
    }

    /// <summary>Ends every session of the account, on every device, this one included.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await sessions.EndAllAsync(user.Id, cancellationToken);
        await signIn.SignOutAsync();
        return Redirect("/account/login?signedOut=everywhere");
    }
}
