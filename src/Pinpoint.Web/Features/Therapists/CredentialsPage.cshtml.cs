using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Therapists;

public sealed class CredentialForm
{
    public string? Modality { get; set; }

    public string? Issuer { get; set; }

    public string? Number { get; set; }

    public string? IssuedOn { get; set; }

    public string? ExpiresOn { get; set; }
}

[Authorize(Policy = AuthorizationPolicies.Therapist)]
public sealed class CredentialsPageModel(TherapistProfiles profiles, CredentialVetting vetting, IClock clock) : PageModel
{
    [BindProperty]
    public CredentialForm Form { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public Therapist Therapist { get; private set; } = null!;

    public LocalDate Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? modality, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Form.Modality = modality;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? document, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var input = new CredentialInput
        {
            Modality = Form.Modality, Issuer = Form.Issuer, Number = Form.Number,
            IssuedOn = FormDates.Parse(Form.IssuedOn, "issuedOn", errors), ExpiresOn = FormDates.Parse(Form.ExpiresOn, "expiresOn", errors),
        };
        var (file, fileError) = await Uploads.ReadAsync(document, Uploads.CredentialDocument, Therapist.UserId, clock.GetCurrentInstant(), cancellationToken);
        var (credential, applyErrors) = await vetting.ApplyAsync(Therapist, input, file, fileError, cancellationToken);
        foreach (var (field, messages) in applyErrors)
        {
            errors.TryAdd(field, messages);
        }

        if (credential is null)
        {
            ModelState.AddErrors(errors, nameof(Form));
            return Page();
        }

        Saved = $"Thank you: your {credential.Modality} application is waiting for review.";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var therapist = await profiles.FindByUserAsync(CurrentUser.Id(User), cancellationToken);
        if (therapist is null)
        {
            return false;
        }

        Therapist = therapist;
        Today = vetting.Today(therapist.TimeZoneId);
        return true;
    }
}
