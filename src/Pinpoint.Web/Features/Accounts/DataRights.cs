using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Web.Data;

using Pinpoint.Web.Features.Intake;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>A client's copy of everything Pinpoint holds about them.</summary>
public sealed record DataExport(
    string Email, string DisplayName, Instant CreatedAt, Instant ExportedAt, object? Draft, IReadOnlyList<IntakeSnapshot> IntakeVersions,
    IReadOnlyList<ConsentExport> Consents, IReadOnlyList<BookingExport> Bookings);

public sealed record ConsentExport(string Kind, string TextVersion, Instant AcceptedAt);

/// <summary>A booking; a window request not yet planned has no start or end.</summary>
public sealed record BookingExport(Guid Id, Instant? Start, Instant? End, string Status);

/// <summary>Download and deletion. Deletion anonymises the account; submitted health records stay, marked, under no name.</summary>
public sealed class DataRights(PinpointDb db, UserManager<PinpointUser> users, IntakeService intake, IClock clock)
{
    public async Task<DataExport?> ExportAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return null;
        }

        var hasDraft = await intake.HasDraftAsync(userId, cancellationToken);
        return new DataExport(
            user.Email ?? "", user.DisplayName, user.CreatedAt, clock.GetCurrentInstant(),
            hasDraft ? await intake.GetDraftAsync(userId, cancellationToken) : null,
            await intake.VersionsAsync(userId, cancellationToken),
            [.. (await db.Consents.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.Id).ToListAsync(cancellationToken))
                .Select(c => new ConsentExport(c.Kind, c.TextVersion, c.AcceptedAt))],
            [.. (await db.Bookings.AsNoTracking().Where(b => b.ClientUserId == userId).ToListAsync(cancellationToken))
                .OrderBy(b => b.EarliestStart).Select(b => new BookingExport(b.Id, b.Start, b.End, b.Status.ToString().ToLowerInvariant()))]);
    }

    /// <summary>Anonymises the account: no name, no email, no way to sign in. The draft goes; submitted versions stay, marked.</summary>
    public async Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return false;
        }

        var now = clock.GetCurrentInstant();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var anonymous = $"deleted-{user.Id}@deleted.invalid";
        user.DisplayName = "Deleted account";
        user.Email = anonymous;
        user.UserName = anonymous;
        user.PhoneNumber = null;
        user.PasswordHash = null;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            throw new InvalidOperationException("Anonymising the account failed: " + string.Join("; ", updated.Errors.Select(e => e.Description)));
        }

        // Every signed-in browser of the account ends now (the new stamp alone would end them at their next request too).
        await users.UpdateSecurityStampAsync(user);
        await db.Set<UserSession>().Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.IntakeDrafts.Where(d => d.ClientUserId == userId).ExecuteDeleteAsync(cancellationToken);
        foreach (var version in await db.IntakeVersions.Where(v => v.ClientUserId == userId).ToListAsync(cancellationToken))
        {
            version.RetainedAfterDeletionAt ??= now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
