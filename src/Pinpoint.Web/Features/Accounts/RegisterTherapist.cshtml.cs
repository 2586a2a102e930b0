using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Geography;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Therapists;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>
/// Therapist sign-up: an account with the Therapist role and a profile that starts from where they work. Nothing
/// about it is public until an admin approves a credential. Like the client's, it ends on "Check your email" for a
/// new address and a taken one alike (<see cref="SignUpConfirmations"/>); the link then lands on the dashboard.
/// </summary>
public sealed class RegisterTherapistModel(
    SignUpConfirmations signUps, PinpointDb db, IGeocoder geocoder, IClock clock) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    [BindProperty]
    [Required(ErrorMessage = "Tell us the suburb or postcode your working day starts from.")]
    [StringLength(200)]
    [Display(Name = "Suburb or postcode you work from")]
    public string StartArea { get; set; } = "";

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect("/account") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        GeocodeMatch? home;
        try
        {
            home = (await geocoder.SearchAsync(StartArea, 1, cancellationToken)).FirstOrDefault();
        }
        catch (Geocoding.GeocodingUnavailableException unavailable)
        {
            ModelState.AddModelError(nameof(StartArea), unavailable.Message);
            return Page();
        }

        if (home is null)
        {
            ModelState.AddModelError(nameof(StartArea), $"We could not find '{StartArea.Trim()}'. Try a suburb name or a postcode.");
            return Page();
        }

        // A therapist works in the area of their base, on its calendar.
        if (Zones.Areas.Containing(home.Point) is null)
        {
            ModelState.AddModelError(nameof(StartArea), Zones.NotServed);
            return Page();
        }

        var errors = await signUps.SignUpAsync(new SignUpInput(Input.DisplayName, Input.Email, Input.Mobile, Input.Password), Roles.Therapist,
            (user, token) => StartProfileAsync(user, home, token), next: null, cancellationToken);
        if (errors is not null)
        {
            RegisterModel.AddErrors(ModelState, errors);
            return Page();
        }

        return CheckEmailModel.Show(this, Input.Email, "/account/register-therapist");
    }

    /// <summary>The profile starts from where they work; an unconfirmed sign-up signed up afresh starts from the new answers.</summary>
    private async Task StartProfileAsync(PinpointUser user, GeocodeMatch home, CancellationToken cancellationToken)
    {
        var profile = await db.Therapists.SingleOrDefaultAsync(t => t.UserId == user.Id, cancellationToken);
        if (profile is null)
        {
            var now = clock.GetCurrentInstant();
            db.Therapists.Add(new Therapist
            {
                Id = Guid.CreateVersion7(now.ToDateTimeOffset()),
                UserId = user.Id,
                DisplayName = user.DisplayName,
                HomeLatitude = home.Point.Latitude,
                HomeLongitude = home.Point.Longitude,
                HomeSuburb = home.Suburb ?? StartArea.Trim(),
                HomePostcode = home.Postcode ?? "",
                TimeZoneId = Zones.At(home.Point.Latitude, home.Point.Longitude).Id,
                CreatedAt = now,
            });
            return;
        }

        profile.DisplayName = user.DisplayName;
        profile.HomeLatitude = home.Point.Latitude;
        profile.HomeLongitude = home.Point.Longitude;
        profile.HomeSuburb = home.Suburb ?? StartArea.Trim();
        profile.HomePostcode = home.Postcode ?? "";
        profile.TimeZoneId = Zones.At(home.Point.Latitude, home.Point.Longitude).Id;
    }
}
