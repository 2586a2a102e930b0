using Microsoft.AspNetCore.Mvc;

namespace Pinpoint.Web.Features.Outcomes;

/// <summary>
/// A client's progress charts as a part of another feature's page (the session note), invoked by name:
/// <c>Component.InvokeAsync("ClientProgress", new { clientUserId })</c>. The caller has already checked and audited
/// the viewer's right to the client's record. Renders nothing while there is nothing to show.
/// </summary>
public sealed class ClientProgressViewComponent(OutcomeService outcomes) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string clientUserId)
    {
        var progress = await outcomes.ProgressAsync(clientUserId, HttpContext.RequestAborted);
        return progress.Pain.Count > 0 || progress.Measures.Count > 0 ? View("/Features/Outcomes/_ClientProgress.cshtml", progress) : Content("");
    }
}
