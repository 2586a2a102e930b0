using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Pinpoint.Core.Geography;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Therapists;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>
/// Therapist sign-up: an account with the Therapist role and a profile that starts from where they work. Nothing
/// about it is public until an admin approves a credential.
/// </summary>
public sealed class RegisterTherapistModel(
    SignUps signUps, SignInManager<PinpointUser> signIn, PinpointDb db, IGeocoder geocoder, Gazetteer gazetteer, IClock clock) : PageModel
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

        var now = clock.GetCurrentInstant();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await signUps.CreateAsync(new SignUpInput(Input.DisplayName, Input.Email, Input.Mobile, Input.Password), Roles.Therapist, cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var (field, messages) in result.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(RegisterModel.FieldFor(field), message);
                }
            }

            return Page();
        }

        var user = result.User!;
        db.Therapists.Add(new Therapist
        {
            Id = Guid.CreateVersion7(now.ToDateTimeOffset()),
            UserId = user.Id,
            DisplayName = user.DisplayName,
            HomeLatitude = home.Point.Latitude,
            HomeLongitude = home.Point.Longitude,
            HomeSuburb = home.Suburb ?? StartArea.Trim(),
            HomePostcode = home.Postcode ?? "",
            TimeZoneId = gazetteer.TimeZoneId,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/therapist");
    }
}
