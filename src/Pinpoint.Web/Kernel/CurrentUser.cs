using System.Security.Claims;

namespace Pinpoint.Web.Kernel;

/// <summary>The signed-in user as every feature sees them.</summary>
public static class CurrentUser
{
    /// <summary>The cookie carries the display name, so every page can greet the user without a query.</summary>
    public const string DisplayNameClaim = "pinpoint:display_name";

    /// <summary>The user's id; only for a principal that has passed authentication, so a missing id is a bug.</summary>
    public static string Id(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authenticated user without an id.");

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayNameClaim) ?? user.Identity?.Name ?? "";
}
