using Microsoft.AspNetCore.Mvc;

namespace Pinpoint.Web.Features.Plans;

/// <summary>
/// The signed-in client's treatment plans as a part of "My bookings", invoked by name:
/// <c>Component.InvokeAsync("MyPlans")</c>. Renders nothing when the client has no plan in progress.
/// </summary>
public sealed class MyPlansViewComponent(TreatmentPlans plans) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var mine = (await plans.MineAsync(UserClaimsPrincipal, HttpContext.RequestAborted)).Where(p => p.Status != "cancelled").ToList();
        return mine.Count > 0 ? View("/Features/Plans/_MyPlans.cshtml", mine) : Content("");
    }
}
