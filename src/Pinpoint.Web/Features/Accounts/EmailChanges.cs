using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Notifications;

namespace Pinpoint.Web.Features.Accounts;

public enum EmailRequestOutcome
{
    Sent,
    WrongPassword,
    LockedOut,
    Same,
    Taken,

    /// <summary>People sign in with their email, and this one has a character a sign-in name cannot hold.</summary>
    Unusable,
    TooMany,
}

public enum EmailConfirmOutcome
{
    Done,
    BadLink,
    Taken,
}

/// <summary>
/// Changing the email you sign in with: asked for with the current password, confirmed by a link sent to the new
/// address (24 hours, once). Only then do the email and the sign-in name change, and the old address is told.
/// </summary>
public sealed class EmailChanges(PinpointDb db, UserManager<PinpointUser> users, SignInManager<PinpointUser> signIn,
    EmailChangeTokenProvider tokens, AccountMail mail, IClock clock)
{
    /// <summary>Confirmation emails an account may ask for in an hour (each goes to an address the asker chose).</summary>
    public const int PerHour = 5;

    /// <summary>Identity's purpose for a change-email token (as <c>UserManager.GenerateChangeEmailTokenAsync</c> makes it).</summary>
    public static string Purpose(string newEmail) => "ChangeEmail:" + newEmail;

    public async Task<EmailRequestOutcome> RequestAsync(PinpointUser user, string newEmail, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        newEmail = newEmail.Trim();
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            return EmailRequestOutcome.LockedOut;
        }

        if (!check.Succeeded)
        {
            return EmailRequestOutcome.WrongPassword;
        }

        if (users.NormalizeEmail(newEmail) == user.NormalizedEmail)
        {
            return EmailRequestOutcome.Same;
        }

        if (!newEmail.All(users.Options.User.AllowedUserNameCharacters.Contains))
        {
            return EmailRequestOutcome.Unusable;
        }

        if (await TakenAsync(user, newEmail))
        {
            return EmailRequestOutcome.Taken;
        }

        var now = clock.GetCurrentInstant();
        var since = now - Duration.FromHours(1);
        var recent = await db.Set<Notification>().Where(n => n.UserId == user.Id && n.Kind == NotificationKind.EmailConfirm && n.DueAt > since)
            .Select(n => new { n.To, n.DueAt }).ToListAsync(cancellationToken);
        if (recent.Any(r => r.DueAt > now - PasswordResets.Pause && string.Equals(r.To, newEmail, StringComparison.OrdinalIgnoreCase)))
        {
            return EmailRequestOutcome.Sent; // a double click or a retry: the first email is on its way
        }

        if (recent.Count >= PerHour)
        {
            return EmailRequestOutcome.TooMany;
        }

        db.Add(mail.ConfirmNewEmail(user, newEmail, await users.GenerateChangeEmailTokenAsync(user, newEmail)));
        await db.SaveChangesAsync(cancellationToken);
        return EmailRequestOutcome.Sent;
    }

    /// <summary>What a confirmation link is: for whom, whether it holds, or whether its change is already made.</summary>
    public async Task<(PinpointUser? User, TokenState State, bool AlreadyDone)> CheckAsync(string? userId, string? email, string? code)
    {
        if (string.IsNullOrEmpty(userId) || userId.Length > 450 || string.IsNullOrWhiteSpace(email) || email.Length > 256 ||
            await users.FindByIdAsync(userId) is not { PasswordHash: not null } user)
        {
            return (null, TokenState.Invalid, false);
        }

        if (users.NormalizeEmail(email) == user.NormalizedEmail)
        {
            return (user, TokenState.Valid, true);
        }

        return (user, await tokens.CheckAsync(Purpose(email), code, users, user), false);
    }

    public async Task<(EmailConfirmOutcome Outcome, TokenState Link)> ConfirmAsync(string? userId, string? email, string? code, CancellationToken cancellationToken)
    {
        var (user, state, done) = await CheckAsync(userId, email, code);
        if (done)
        {
            return (EmailConfirmOutcome.Done, TokenState.Valid);
        }

        if (user is null || state != TokenState.Valid)
        {
            return (EmailConfirmOutcome.BadLink, state);
        }

        if (await TakenAsync(user, email!))
        {
            return (EmailConfirmOutcome.Taken, state);
        }

        var oldEmail = user.Email!;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                var changed = await users.ChangeEmailAsync(user, email!, code!);
                var renamed = changed.Succeeded ? await users.SetUserNameAsync(user, email) : changed;
                if (renamed.Succeeded)
                {
                    db.Add(mail.EmailChanged(user, oldEmail, email!));
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return (EmailConfirmOutcome.Done, TokenState.Valid);
                }

                if (renamed.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
                {
                    return (EmailConfirmOutcome.Taken, state);
                }
            }
            catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
            {
                return (EmailConfirmOutcome.Taken, state);
            }
        }

        // Most likely a second click that lost the race to the first: if the change is made, it is done.
        var now = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => u.NormalizedEmail).SingleAsync(cancellationToken);
        return now == users.NormalizeEmail(email) ? (EmailConfirmOutcome.Done, TokenState.Valid) : (EmailConfirmOutcome.BadLink, TokenState.Used);
    }

    private async Task<bool> TakenAsync(PinpointUser user, string email) =>
        await users.FindByEmailAsync(email) is { } byEmail && byEmail.Id != user.Id ||
        await users.FindByNameAsync(email) is { } byName && byName.Id != user.Id;
}
