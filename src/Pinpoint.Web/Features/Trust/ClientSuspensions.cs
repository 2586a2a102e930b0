using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Trust;

public enum SuspensionOutcome
{
    Suspended = 1,

    /// <summary>The client was suspended already: nothing changed, the open suspension (with its first reason) stands.</summary>
    AlreadySuspended = 2,
    Reinstated = 3,

    /// <summary>The client was not suspended (reinstated already): nothing changed.</summary>
    NotSuspended = 4,
    NotFound = 5,
    Invalid = 6,
}

public sealed record SuspensionResult(SuspensionOutcome Outcome, ClientSuspension? Suspension = null, Dictionary<string, string[]>? Errors = null);

/// <summary>
/// Operators suspend a client (with a reason, never shown to the client) and reinstate them. Both are safe to send twice:
/// a second suspension finds the open one, a second reinstatement finds none open. Both are audited.
/// </summary>
public sealed class ClientSuspensions(PinpointDb db, IClock clock, ILogger<ClientSuspensions> logger)
{
    public const int MaxReasonLength = 500;

    public Task<SuspensionResult> SuspendAsync(string clientUserId, string adminUserId, string? reason, CancellationToken cancellationToken) =>
        WriteConflicts.RetryAsync(db, async () =>
        {
            reason = reason?.Trim();
            if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
            {
                return new SuspensionResult(SuspensionOutcome.Invalid, Errors: new()
                {
                    ["reason"] = [string.IsNullOrEmpty(reason) ? "Give the reason (for operators only; the client is not told)." : $"A reason is at most {MaxReasonLength} characters."],
                });
            }

            if (!await IsClientAsync(clientUserId, cancellationToken))
            {
                return new SuspensionResult(SuspensionOutcome.NotFound);
            }

            if (await OpenAsync(clientUserId, cancellationToken) is { } open)
            {
                return new SuspensionResult(SuspensionOutcome.AlreadySuspended, open);
            }

            var now = clock.GetCurrentInstant();
            var suspension = new ClientSuspension { ClientUserId = clientUserId, Reason = reason, SuspendedAt = now, SuspendedBy = adminUserId };
            db.Add(suspension);
            db.AuditEntries.Add(new AuditEntry { ActorUserId = adminUserId, Action = "suspend-client", SubjectUserId = clientUserId, Resource = $"client:{clientUserId}", At = now });
            // Two operators at once: the unique index over open suspensions lets one in; the other is re-run and finds it.
            await db.SaveChangesAsync(cancellationToken);
            logger.Suspended(suspension.Id, clientUserId);
            return new SuspensionResult(SuspensionOutcome.Suspended, suspension);
        });

    public async Task<SuspensionResult> ReinstateAsync(string clientUserId, string adminUserId, string? note, CancellationToken cancellationToken)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > MaxReasonLength })
        {
            return new SuspensionResult(SuspensionOutcome.Invalid, Errors: new() { ["note"] = [$"A note is at most {MaxReasonLength} characters."] });
        }

        if (!await IsClientAsync(clientUserId, cancellationToken))
        {
            return new SuspensionResult(SuspensionOutcome.NotFound);
        }

        var now = clock.GetCurrentInstant();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One statement closes the open suspension: of two reinstatements at once, one closes it and audits, the other finds none.
        var closed = await db.Set<ClientSuspension>().Where(s => s.ClientUserId == clientUserId && s.ReinstatedAt == null).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.ReinstatedAt, now).SetProperty(s => s.ReinstatedBy, adminUserId).SetProperty(s => s.ReinstatementNote, note), cancellationToken);
        if (closed > 0)
        {
            db.AuditEntries.Add(new AuditEntry { ActorUserId = adminUserId, Action = "reinstate-client", SubjectUserId = clientUserId, Resource = $"client:{clientUserId}", At = now });
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (closed > 0)
        {
            logger.Reinstated(clientUserId);
        }

        return new SuspensionResult(closed > 0 ? SuspensionOutcome.Reinstated : SuspensionOutcome.NotSuspended);
    }

    public Task<ClientSuspension?> OpenAsync(string clientUserId, CancellationToken cancellationToken) =>
        db.Set<ClientSuspension>().AsNoTracking().SingleOrDefaultAsync(s => s.ClientUserId == clientUserId && s.ReinstatedAt == null, cancellationToken);

    /// <summary>True for an account with the Client role: only clients are suspended here.</summary>
    public Task<bool> IsClientAsync(string userId, CancellationToken cancellationToken) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Client), cancellationToken);
}
