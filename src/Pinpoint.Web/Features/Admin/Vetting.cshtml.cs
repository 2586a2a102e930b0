using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pinpoint.Web.Features.Therapists;

namespace Pinpoint.Web.Features.Admin;

[Authorize(Policy = AuthorizationPolicies.Admin)]
public sealed class VettingModel(TherapistDirectory directory, CredentialVetting vetting) : PageModel
{
    public IReadOnlyList<(TherapistCredential Credential, Therapist Therapist)> Pending { get; private set; } = [];

    public IReadOnlyList<(TherapistCredential Credential, Therapist Therapist)> Expiring { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public Guid? ErrorFor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Pending = await directory.PendingAsync(cancellationToken);
        Expiring = await directory.ExpiringAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? decision, string? reason, CancellationToken cancellationToken)
    {
        if (decision is not ("approve" or "reject"))
        {
            return BadRequest();
        }

        var outcome = await vetting.DecideAsync(id, decision == "approve", reason, CurrentUser.Id(User), cancellationToken);
        if (outcome == VettingOutcome.ReasonRequired)
        {
            Error = "Tell the therapist why the application is not approved.";
            ErrorFor = id;
            await OnGetAsync(cancellationToken);
            return Page();
        }

        Message = outcome switch
        {
            VettingOutcome.Done => decision == "approve" ? "Approved: the therapist can now be booked for this therapy." : "Rejected; the therapist sees your reason.",
            VettingOutcome.NotPending => "Someone has already decided that application.",
            _ => "That application no longer exists.",
        };
        return RedirectToPage();
    }
}
