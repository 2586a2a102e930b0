using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>The profile form as posted: text as typed, turned into a <see cref="ProfileInput"/> for the service.</summary>
public sealed class ProfileForm
{
    public string? DisplayName { get; set; }

    public string? Bio { get; set; }

    public TherapistGender Gender { get; set; }

    public string? Languages { get; set; }

    public int? YearsOfExperience { get; set; }

    public List<string> Interests { get; set; } = [];

    public string? HomeAddress { get; set; }

    public string? HomeLatitude { get; set; }

    public string? HomeLongitude { get; set; }

    public string? TimeZoneId { get; set; }

    /// <summary>"minutes" or "radius": which service-area rule applies.</summary>
    public string AreaRule { get; set; } = "minutes";

    public int? MaxTravelMinutes { get; set; }

    public double? MaxRadiusKm { get; set; }
}

[Authorize(Policy = AuthorizationPolicies.Therapist)]
public sealed class ProfileEditorModel(TherapistProfiles profiles, IClock clock) : PageModel
{
    /// <summary>The map of the therapist's own city: the area of their base.</summary>
    public AreaMap Map => new(Zones.AreaAt(Therapist.HomeLatitude, Therapist.HomeLongitude).Gazetteer);

    [BindProperty]
    public ProfileForm Form { get; set; } = new();

    public Therapist Therapist { get; private set; } = null!;

    [TempData]
    public string? Saved { get; set; }

    public string? PhotoError { get; private set; }

    public static IReadOnlyList<string> TimeZones { get; } =
        [.. Zones.Areas.All.Select(a => a.Zone.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var t = Therapist;
        Form = new ProfileForm
        {
            DisplayName = t.DisplayName, Bio = t.Bio, Gender = t.Gender, Languages = string.Join(", ", t.Languages),
            YearsOfExperience = t.YearsOfExperience, Interests = t.Interests,
            HomeAddress = t.HomeAddress.Length > 0 ? t.HomeAddress : $"{t.HomeSuburb} {t.HomePostcode}".Trim(),
            TimeZoneId = t.TimeZoneId, AreaRule = t.MaxRadiusKm is null ? "minutes" : "radius",
            MaxTravelMinutes = t.MaxTravelMinutes ?? 45, MaxRadiusKm = t.MaxRadiusKm,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        double? lat = null, lon = null;
        if (!string.IsNullOrWhiteSpace(Form.HomeLatitude) || !string.IsNullOrWhiteSpace(Form.HomeLongitude))
        {
            if (!double.TryParse(Form.HomeLatitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var la) ||
                !double.TryParse(Form.HomeLongitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lo))
            {
                ModelState.AddModelError("Form.HomeLatitude", "Type both coordinates as decimal degrees, e.g. -37.8136 and 144.9631.");
                return Page();
            }

            (lat, lon) = (la, lo);
        }

        var addressChanged = !string.Equals(Form.HomeAddress?.Trim(), Therapist.HomeAddress, StringComparison.Ordinal) &&
                             !string.Equals(Form.HomeAddress?.Trim(), $"{Therapist.HomeSuburb} {Therapist.HomePostcode}".Trim(), StringComparison.Ordinal);
        var input = new ProfileInput
        {
            DisplayName = Form.DisplayName ?? "", Bio = Form.Bio ?? "", Gender = Form.Gender,
            Languages = [.. (Form.Languages ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
            YearsOfExperience = Form.YearsOfExperience ?? 0, Interests = Form.Interests,
            HomeAddress = lat is null && !addressChanged ? null : Form.HomeAddress,
            HomeLatitude = lat, HomeLongitude = lon, TimeZoneId = Form.TimeZoneId,
            MaxTravelMinutes = Form.AreaRule == "radius" ? null : Form.MaxTravelMinutes ?? 45,
            MaxRadiusKm = Form.AreaRule == "radius" ? Form.MaxRadiusKm ?? 10 : null,
        };
        var errors = await profiles.UpdateAsync(Therapist, input, cancellationToken);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors, nameof(Form));
            return Page();
        }

        Saved = "Your profile is saved.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPhotoAsync(IFormFile? photo, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var (file, error) = await Uploads.ReadAsync(photo, Uploads.Photo, Therapist.UserId, clock.GetCurrentInstant(), cancellationToken);
        if (file is null)
        {
            PhotoError = error;
            await OnGetAsync(cancellationToken);
            return Page();
        }

        await profiles.ReplacePhotoAsync(Therapist, file, cancellationToken);
        Saved = "Your photo is updated.";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var therapist = await profiles.FindByUserAsync(CurrentUser.Id(User), cancellationToken);
        Therapist = therapist!;
        return therapist is not null;
    }
}
