using Microsoft.AspNetCore.Identity;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Notifications;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>How a reset with a link went.</summary>
public enum ResetOutcome
{
    Done,

    /// <summary>The link is expired, used or not ours (<see cref="ResetResult.Link"/> says which).</summary>
    BadLink,

    /// <summary>The new password breaks a rule (<see cref="ResetResult.Errors"/>).</summary>
    Rejected,
}

public sealed record ResetResult(ResetOutcome Outcome, TokenState Link = TokenState.Valid, IReadOnlyList<string>? Errors = null);

/// <summary>
/// "Forgot your password?": a link by email that sets a new password once, within two hours. Asking never says
/// whether the address has an account, and an account gets at most <see cref="PerHour"/> such emails an hour (and
/// one a minute, so a double click or a retry sends one).
/// </summary>
public sealed class PasswordResets(
    PinpointDb db, UserManager<PinpointUser> users, PasswordResetTokenProvider tokens, AccountMail mail, DecoyWork decoy, IClock clock)
{
    public const int PerHour = 3;

    private static readonly NotificationKind[] Kinds = [NotificationKind.PasswordReset];

    public static readonly Duration Pause = Duration.FromMinutes(1);

    /// <summary>
    /// Queues a reset email when <paramref name="email"/> is an account's and its limits allow; otherwise nothing,
    /// silently. An address without an account costs the same lookups, a token and a write (<see cref="DecoyWork"/>),
    /// so neither the answer's time nor the outbox's ids tell them apart.
    /// </summary>
    public async Task RequestAsync(string email, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email.Trim()) is not { Email: not null, PasswordHash: not null } user)
        {
            // No account, or a deleted one (it has no password and no real address).
            await decoy.SpendAsync(tokens, UserManager<PinpointUser>.ResetPasswordTokenPurpose, Kinds, cancellationToken);
            return;
        }

        var now = clock.GetCurrentInstant();
        var recent = await AccountEmailLimits.RecentAsync(db, user.Id, Kinds, now, cancellationToken);
        if (!AccountEmailLimits.Allow(recent, PerHour, Pause, now))
        {
            await decoy.WriteAsync(NotificationKind.PasswordReset, cancellationToken); // as if it went: see DecoyWork
            return;
        }

        db.Add(mail.PasswordReset(user, await users.GeneratePasswordResetTokenAsync(user)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Whether the link is good, before asking for a new password. An unknown account reads as a bad link.</summary>
    public async Task<(PinpointUser? User, TokenState State)> CheckAsync(string? userId, string? code)
    {
        if (string.IsNullOrEmpty(userId) || userId.Length > 450 || string.IsNullOrEmpty(code) || await users.FindByIdAsync(userId) is not { PasswordHash: not null } user)
        {
            return (null, TokenState.Invalid);
        }

        return (user, await tokens.CheckAsync(UserManager<PinpointUser>.ResetPasswordTokenPurpose, code, users, user));
    }

    /// <summary>Sets the new password if the link holds; the link then stops working (the security stamp changes),
    /// a lockout from failed sign-ins ends, and the owner is told by email.</summary>
    public async Task<ResetResult> ResetAsync(string? userId, string? code, string password, CancellationToken cancellationToken)
    {
        var (user, state) = await CheckAsync(userId, code);
        if (user is null || state != TokenState.Valid)
        {
            return new ResetResult(ResetOutcome.BadLink, state);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reset = await users.ResetPasswordAsync(user, code!, password);
        if (!reset.Succeeded)
        {
            // Another request (a double click) may have used the link a moment ago: then say so, not "invalid token".
            return reset.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.InvalidToken) or nameof(IdentityErrorDescriber.ConcurrencyFailure))
                ? new ResetResult(ResetOutcome.BadLink, TokenState.Used)
                : new ResetResult(ResetOutcome.Rejected, Errors: [.. reset.Errors.Select(e => e.Description)]);
        }

        // Proving the mailbox is proof enough to end a lockout from wrong passwords (the login page says so).
        if (user.LockoutEnd is { } end && end != DateTimeOffset.MaxValue)
        {
            await users.SetLockoutEndDateAsync(user, null);
        }

        await users.ResetAccessFailedCountAsync(user);
        if (!user.EmailConfirmed || user.AwaitingConfirmation)
        {
            // The link proved the mailbox: an account still waiting for its sign-up link is open now, with this password.
            user.EmailConfirmed = true;
            user.AwaitingConfirmation = false;
            await users.UpdateAsync(user);
        }

        db.Add(mail.PasswordChanged(user, byReset: true));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ResetResult(ResetOutcome.Done);
    }
}
