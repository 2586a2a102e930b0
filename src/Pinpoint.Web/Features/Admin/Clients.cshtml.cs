using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pinpoint.Web.Features.Trust;

namespace Pinpoint.Web.Features.Admin;

/// <summary>The operator's client list: who therapists rated, blocked or the team suspended, and a search over every client.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
public sealed class ClientsModel(TrustRecords records) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<ClientTrustSummary> Flagged { get; private set; } = [];

    public IReadOnlyList<ClientTrustSummary> Found { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Q = Q?.Trim() is { Length: > 0 and <= 200 } q ? q : null;
        Flagged = await records.FlaggedAsync(cancellationToken);
        Found = await records.SearchAsync(Q, cancellationToken);
    }
}
