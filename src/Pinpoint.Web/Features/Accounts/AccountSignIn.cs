using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>
/// Identity's sign-in with two rules added. An account still waiting for its sign-up link does not sign in with its
/// password (<see cref="OpenAccounts"/>, through Identity's <c>RequireConfirmedAccount</c>), and every failed
/// password check costs what a wrong password costs (one hash and one counted-failure update) whatever the
/// account's state: Identity answers a locked or not-yet-open account before either, which a stopwatch could tell
/// apart from a wrong password. For an email no account has, the login page pays the same
/// (<see cref="SpendPasswordCheck"/>, <see cref="DecoyWork.FailedSignInAsync"/>).
/// </summary>
public sealed class PinpointSignInManager(
    UserManager<PinpointUser> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<PinpointUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<PinpointUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PinpointUser> confirmation)
    : SignInManager<PinpointUser>(users, context, claims, options, logger, schemes, confirmation)
{
    // A real hash of a random password (Identity's current format and cost), checked when there is no hash worth
    // checking: then an unknown address, a locked account and an unopened one cost what a wrong password costs.
    private static readonly Lazy<string> Decoy = new(() =>
        new PasswordHasher<PinpointUser>().HashPassword(null!, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    /// <summary>Spends one password check on nothing: for an email no account has.</summary>
    public static void SpendPasswordCheck(IPasswordHasher<PinpointUser> hasher, string password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        hasher.VerifyHashedPassword(null!, Decoy.Value, password);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(PinpointUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await CanSignInAsync(user) && !await IsLockedOut(user))
        {
            return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        }

        // Identity answers here without looking at the password or counting the attempt; do both costs anyway (the
        // hash, and the update a counted failure makes, with its validation), to take as long as a wrong password.
        UserManager.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash ?? Decoy.Value, password);
        var answer = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        if (lockoutOnFailure)
        {
            await UserManager.UpdateAsync(user);
        }

        return answer;
    }
}

/// <summary>An account is open unless it is waiting for its sign-up link (<see cref="PinpointUser.AwaitingConfirmation"/>).</summary>
public sealed class OpenAccounts : IUserConfirmation<PinpointUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<PinpointUser> manager, PinpointUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(!user.AwaitingConfirmation);
    }
}
