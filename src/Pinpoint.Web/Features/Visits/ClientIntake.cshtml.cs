using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Referral;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Intake;


namespace Pinpoint.Web.Features.Visits;

/// <summary>
/// What a therapist reads before a visit: where it hurts, the likely sources and where to look, the session
/// preferences and the screening notes. Only with a booking with this client; every read is audited.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Therapist)]
public sealed class ClientIntakeModel(
    ClientRecordAccess access, IntakeService intake, ReferralEngine engine, Atlas atlas, PinpointDb db, Outcomes.OutcomeService outcomes) : PageModel
{
    /// <summary>The client's progress (pain per session, questionnaires), as they see it themselves.</summary>
    public Outcomes.ProgressView? Progress { get; private set; }

    public IntakeSnapshot? Intake { get; private set; }

    public string ClientName { get; private set; } = "";

    public IReadOnlyList<ReferralCandidate> Sources { get; private set; } = [];

    public string Label(string regionId) => atlas.LabelOf(regionId);

    public async Task<IActionResult> OnGetAsync(string clientUserId, CancellationToken cancellationToken)
    {
        if (!await access.CanReadAsync(User, clientUserId, "intake-page", cancellationToken))
        {
            return Forbid();
        }

        ClientName = await db.Users.Where(u => u.Id == clientUserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "Client";
        Intake = await intake.LatestAsync(clientUserId, cancellationToken);
        var regions = Intake?.Content.Regions.Where(r => r.Intensity > 0).ToList() ?? [];
        Sources = regions.Count == 0 ? [] : engine.Rank(regions, Intake!.Content.Activity, 5);
        // Access was checked (and audited) above; this is the same record.
        Progress = await outcomes.ProgressAsync(clientUserId, cancellationToken);
        return Page();
    }
}
