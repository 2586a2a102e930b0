using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>One signed-in browser: its sign-in cookie names this row, and the cookie works only while the row exists.</summary>
public sealed class UserSession
{
    public Guid Id { get; init; }

    public required string UserId { get; init; }

    public Instant CreatedAt { get; init; }

    /// <summary>When the session was last used, to within <see cref="UserSessions.TouchEvery"/>; old rows are pruned by it.</summary>
    public Instant SeenAt { get; set; }
}

/// <summary>
/// The server's list of sessions, so a session ends at once on every node: logging out deletes this browser's row,
/// "sign out everywhere" and account deletion delete all of the account's rows, and a changed security stamp
/// (password changed or reset, email changed) fails every cookie that carries the old one. Each authenticated request
/// asks the database (one indexed read, no cache), so no node trusts a cookie longer than that.
/// </summary>
public sealed class UserSessions(PinpointDb db, IOptionsMonitor<CookieAuthenticationOptions> cookies)
{
    /// <summary>
    /// The session's clock is the cookie's own (its expiry is reckoned on it), not the app's <see cref="IClock"/>:
    /// a test that moves the app's clock by days must not make live cookies look stale.
    /// </summary>
    private readonly TimeProvider _time = cookies.Get(IdentityConstants.ApplicationScheme).TimeProvider ?? TimeProvider.System;

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());

    /// <summary>Where the session id travels: the cookie's authentication properties (kept across a refreshed sign-in).</summary>
    public const string PropertyKey = ".pinpoint.session";

    /// <summary>A session is marked as seen at most this often (a write an hour per active session, not per request).</summary>
    public static readonly Duration TouchEvery = Duration.FromHours(1);

    /// <summary>The sign-in cookie's sliding lifetime.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(8);

    /// <summary>A row unseen this long has no live cookie: the cookie expired at most <see cref="CookieLifetime"/> after it was last seen.</summary>
    private static readonly Duration Stale = Duration.FromTimeSpan(CookieLifetime) + TouchEvery;

    public static Guid? IdOf(AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(PropertyKey, out var value) == true && Guid.TryParse(value, out var id) ? id : null;

    /// <summary>Starts a session for <paramref name="userId"/> (and forgets the account's sessions whose cookies have expired).</summary>
    public async Task<Guid> StartAsync(string userId, CancellationToken cancellationToken)
    {
        var now = Now();
        var staleBefore = now - Stale;
        await db.Set<UserSession>().Where(s => s.UserId == userId && s.SeenAt < staleBefore).ExecuteDeleteAsync(cancellationToken);
        var id = Guid.NewGuid();
        await db.Set<UserSession>().AddAsync(new UserSession { Id = id, UserId = userId, CreatedAt = now, SeenAt = now }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    public Task<bool> BelongsToAsync(Guid id, string userId, CancellationToken cancellationToken) =>
        db.Set<UserSession>().AnyAsync(s => s.Id == id && s.UserId == userId, cancellationToken);

    /// <summary>Whether the session still exists and the account's security stamp is still the one the cookie was issued with.</summary>
    public async Task<bool> IsLiveAsync(Guid id, string userId, string securityStamp, CancellationToken cancellationToken)
    {
        var seenAt = await (from s in db.Set<UserSession>()
                            join u in db.Users on s.UserId equals u.Id
                            where s.Id == id && s.UserId == userId && u.SecurityStamp == securityStamp
                            select (Instant?)s.SeenAt).FirstOrDefaultAsync(cancellationToken);
        if (seenAt is not { } seen)
        {
            return false;
        }

        var now = Now();
        if (now - seen >= TouchEvery)
        {
            await db.Set<UserSession>().Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.SeenAt, now), cancellationToken);
        }

        return true;
    }

    public Task EndAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<UserSession>().Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);

    public Task<int> EndAllAsync(string userId, CancellationToken cancellationToken) =>
        db.Set<UserSession>().Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}

/// <summary>The sign-in cookie's events: a session row per sign-in, checked on every request, deleted at sign-out.</summary>
public static class SessionCookieEvents
{
    public static async Task SigningIn(CookieSigningInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return;
        }

        var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
        var aborted = context.HttpContext.RequestAborted;
        // A refreshed sign-in (after a password or email change) carries its properties over: the same session goes on.
        if (UserSessions.IdOf(context.Properties) is { } existing && await sessions.BelongsToAsync(existing, userId, aborted))
        {
            return;
        }

        context.Properties.Items[UserSessions.PropertyKey] = (await sessions.StartAsync(userId, aborted)).ToString("N");
    }

    public static async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var principal = context.Principal;
        if (UserSessions.IdOf(context.Properties) is not { } id || principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId ||
            principal.FindFirstValue(stampClaim) is not { } stamp ||
            !await services.GetRequiredService<UserSessions>().IsLiveAsync(id, userId, stamp, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        context.HttpContext.Items[typeof(UserSession)] = id;
        // Identity's own validator then refreshes the cookie's claims (roles, display name) every 30 minutes.
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>Ends the session this request was authenticated with (logout, account deletion).</summary>
    public static async Task SigningOut(CookieSigningOutContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HttpContext.Items[typeof(UserSession)] is Guid id)
        {
            await context.HttpContext.RequestServices.GetRequiredService<UserSessions>().EndAsync(id, CancellationToken.None);
            context.HttpContext.Items.Remove(typeof(UserSession));
        }
    }
}
