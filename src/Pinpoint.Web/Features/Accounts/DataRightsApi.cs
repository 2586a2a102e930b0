using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>Your data: download everything held about you, or delete your account.</summary>
public static class DataRightsApi
{
    public static RouteGroupBuilder MapDataRightsApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Your data").RequireAuthorization();
        me.MapGet("/export", Export).WithName("ExportMyData");
        me.MapPost("/deletion", Delete).WithName("DeleteMyAccount");
        return api;
    }

    public static async Task<Results<Ok<DataExport>, ProblemHttpResult>> Export(ClaimsPrincipal user, DataRights rights, HttpContext context, CancellationToken cancellationToken)
    {
        var export = await rights.ExportAsync(CurrentUser.Id(user), cancellationToken);
        context.Response.Headers.ContentDisposition = "attachment; filename=\"pinpoint-my-data.json\"";
        return export is null ? ApiProblems.NotFound("No account", "This account no longer exists.") : TypedResults.Ok(export);
    }

    public static async Task<NoContent> Delete(ClaimsPrincipal user, DataRights rights, SignInManager<PinpointUser> signIn, CancellationToken cancellationToken)
    {
        await rights.DeleteAsync(CurrentUser.Id(user), cancellationToken);
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }
}
