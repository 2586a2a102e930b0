using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Notifications;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>
/// Signing up on the sign-up pages, "check your email" style. A submission with good answers always ends the same
/// way for the person who sent it, whether or not the address already has an account; what differs is the one email
/// that goes to the address:
/// <list type="bullet">
/// <item>a new address gets an account that waits for its link (<see cref="PinpointUser.AwaitingConfirmation"/>) and
/// "Confirm your email to finish opening your account", whose link opens it and signs in, once, within a day;</item>
/// <item>an address still waiting for its link is signed up afresh: the new answers (name, mobile, password, role)
/// replace the old ones, earlier links stop working, and a new link goes out. Nothing there belongs to anyone yet;</item>
/// <item>an open account's address gets "You already have a Pinpoint account" (sign in, or set a new password), and
/// nothing about the account changes.</item>
/// </list>
/// Both ways hash the password once and write one email; an address gets at most <see cref="PerHour"/> of these emails
/// an hour and one a minute (beyond that nothing goes, and <see cref="DecoyWork"/> writes as if it had).
/// </summary>
public sealed class SignUpConfirmations(
    PinpointDb db, SignUps signUps, UserManager<PinpointUser> users, SignUpTokenProvider tokens, AccountMail mail, DecoyWork decoy, IClock clock)
{
    public const int PerHour = 3;

    public static readonly Duration Pause = Duration.FromMinutes(1);

    private static readonly NotificationKind[] Kinds = [NotificationKind.SignUpConfirm, NotificationKind.SignUpTaken];

    /// <summary>
    /// Signs up with <paramref name="input"/> in <paramref name="role"/>; null when it is done (the same for a new and
    /// a taken address), else the answers' field errors. <paramref name="withAccount"/> runs in the same transaction
    /// for an account that is new or signed up afresh, e.g. to give a therapist their profile.
    /// </summary>
    /// <param name="next">A local address to continue at once the link is used (checked again then), or null.</param>
    public async Task<IReadOnlyDictionary<string, string[]>?> SignUpAsync(
        SignUpInput input, string role, Func<PinpointUser, CancellationToken, Task> withAccount, string? next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(withAccount);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await signUps.CreateAsync(input, role, awaitingConfirmation: true, cancellationToken);
        Notification? message = null;
        if (result.Succeeded)
        {
            var user = result.User!;
            await withAccount(user, cancellationToken);
            if (await MaySendAsync(user.Id, cancellationToken))
            {
                message = mail.ConfirmSignUp(user, await tokens.GenerateAsync(SignUpTokenProvider.Purpose, users, user), next);
            }
        }
        else if (result.EmailTaken)
        {
            var email = input.Email!.Trim();
            if ((await users.FindByEmailAsync(email) ?? await users.FindByNameAsync(email)) is { PasswordHash: not null } owner &&
                await MaySendAsync(owner.Id, cancellationToken))
            {
                if (owner.AwaitingConfirmation)
                {
                    if (!await SignUpAfreshAsync(owner, result.Candidate!, role))
                    {
                        return null; // another sign-up with this address changed it a moment ago and sent its own link
                    }

                    await withAccount(owner, cancellationToken);
                    message = mail.ConfirmSignUp(owner, await tokens.GenerateAsync(SignUpTokenProvider.Purpose, users, owner), next);
                }
                else
                {
                    message = mail.SignUpTaken(owner);
                }
            }
        }
        else
        {
            return result.Errors;
        }

        if (message is not null)
        {
            db.Add(message);
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
            await decoy.WriteAsync(NotificationKind.SignUpConfirm, cancellationToken); // as if it went: see DecoyWork
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// "Send it again", answered the same for any address: an account waiting for its link gets a new one (earlier
    /// ones keep working: they are for the same answers), an open account the "you already have an account" email,
    /// an unknown address nothing (at the same cost). Limits as for signing up.
    /// </summary>
    public async Task ResendAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (await users.FindByEmailAsync(email.Trim()) is not { Email: not null, PasswordHash: not null } owner)
        {
            await decoy.SpendAsync(tokens, SignUpTokenProvider.Purpose, Kinds, cancellationToken);
            return;
        }

        if (!await MaySendAsync(owner.Id, cancellationToken))
        {
            await decoy.WriteAsync(NotificationKind.SignUpConfirm, cancellationToken); // as if it went: see DecoyWork
            return;
        }

        db.Add(owner.AwaitingConfirmation
            ? mail.ConfirmSignUp(owner, await tokens.GenerateAsync(SignUpTokenProvider.Purpose, users, owner), next: null)
            : mail.SignUpTaken(owner));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>What a link is: for whom and whether it holds. A link for an account that is open already reads as used.</summary>
    public async Task<(PinpointUser? User, TokenState State)> CheckAsync(string? userId, string? code)
    {
        if (string.IsNullOrEmpty(userId) || userId.Length > 450 || string.IsNullOrEmpty(code) ||
            await users.FindByIdAsync(userId) is not { PasswordHash: not null } user)
        {
            return (null, TokenState.Invalid);
        }

        var state = await tokens.CheckAsync(SignUpTokenProvider.Purpose, code, users, user);
        return (user, state == TokenState.Valid && !user.AwaitingConfirmation ? TokenState.Used : state);
    }

    /// <summary>
    /// Opens the account if the link holds: it may sign in from now on, its email counts as confirmed, and a new
    /// security stamp makes the link (and any other) spent. One conditional update, so of two clicks at once only
    /// one opens it and signs in; the other reads as used.
    /// </summary>
    public async Task<(PinpointUser? User, TokenState State)> ConfirmAsync(string? userId, string? code, CancellationToken cancellationToken)
    {
        var (user, state) = await CheckAsync(userId, code);
        if (user is null || state != TokenState.Valid)
        {
            return (null, state);
        }

        var opened = await db.Users
            .Where(u => u.Id == user.Id && u.AwaitingConfirmation && u.SecurityStamp == user.SecurityStamp)
            .ExecuteUpdateAsync(set => set
                .SetProperty(u => u.AwaitingConfirmation, false)
                .SetProperty(u => u.EmailConfirmed, true)
                .SetProperty(u => u.SecurityStamp, NewStamp())
                .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), cancellationToken);
        if (opened == 0)
        {
            return (null, TokenState.Used);
        }

        await db.Entry(user).ReloadAsync(cancellationToken);
        return (user, TokenState.Valid);
    }

    private async Task<bool> MaySendAsync(string userId, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return AccountEmailLimits.Allow(await AccountEmailLimits.RecentAsync(db, userId, Kinds, now, cancellationToken), PerHour, Pause, now);
    }

    /// <summary>
    /// The latest answers win for an account nobody has confirmed; a new stamp ends the links sent for the old ones.
    /// False when another request changed the account meanwhile (Identity's concurrency stamp): the caller keeps nothing.
    /// </summary>
    private async Task<bool> SignUpAfreshAsync(PinpointUser owner, PinpointUser candidate, string role)
    {
        owner.DisplayName = candidate.DisplayName;
        owner.PhoneNumber = candidate.PhoneNumber;
        owner.PasswordHash = candidate.PasswordHash;
        var roles = await users.GetRolesAsync(owner);
        if (roles.Count != 1 || !string.Equals(roles[0], role, StringComparison.Ordinal))
        {
            if (!(await users.RemoveFromRolesAsync(owner, roles)).Succeeded || !(await users.AddToRoleAsync(owner, role)).Succeeded)
            {
                return false;
            }
        }

        return (await users.UpdateSecurityStampAsync(owner)).Succeeded;
    }

    // Identity's own format is private; any unguessable value serves, as the stamp is only compared.
    private static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
}
