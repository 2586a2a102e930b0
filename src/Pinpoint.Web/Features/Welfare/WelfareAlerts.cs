using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Visits;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Welfare;

public enum WelfareOutcome
{
    /// <summary>Done, or found done already (a repeated press or request): <see cref="WelfareResult.Changed"/> says which.</summary>
    Done = 1,
    NotFound = 2,
    Invalid = 3,

    /// <summary>Not possible in the alert's state (acknowledging a closed one): nothing changed.</summary>
    Conflict = 4,
}

public sealed record WelfareResult(WelfareOutcome Outcome, WelfareAlert? Alert = null, Dictionary<string, string[]>? Errors = null, bool Changed = false);

/// <summary>
/// Raises welfare alerts (from the scan, or at once when a therapist asks for help) and lets operators acknowledge and
/// close them. An alert and its escalation emails are one insert: the unique index on visit and concern lets exactly one
/// request or node store them, and the loser reads the winner's row, so a second press, a second node or a restart
/// never sends a second email.
/// </summary>
public sealed class WelfareAlerts(PinpointDb db, WelfareEmails emails, IClock clock, ILogger<WelfareAlerts> logger)
{
    public const int MaxNoteLength = 1000;
    public const string HelpAction = "welfare-help";
    public const string AcknowledgeAction = "welfare-acknowledge";
    public const string CloseAction = "welfare-close";
    public const string AuditResourcePrefix = "welfare:";

    /// <summary>Stores the alert for <paramref name="concern"/> on the visit with its emails, unless one is stored already.</summary>
    /// <returns>The alert, and whether this call raised it.</returns>
    public async Task<(WelfareAlert Alert, bool Raised)> RaiseAsync(
        Guid bookingId, WelfareConcern concern, string? byUserId, Instant now, CancellationToken cancellationToken)
    {
        if (await FindAsync(bookingId, concern, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        // Read before the write, so the insert's transaction holds nothing but the insert.
        var visit = await emails.VisitAsync(bookingId, cancellationToken) ?? throw new InvalidOperationException($"Visit {bookingId} has no therapist or time.");
        var recipients = await emails.RecipientsAsync(cancellationToken);
        var alert = new WelfareAlert
        {
            BookingId = bookingId, Concern = concern, Level = WelfareAlert.LevelOf(concern), RaisedAt = now, RaisedBy = byUserId,
            EscalatedAt = recipients.Count > 0 ? now : null,
        };
        db.Add(alert);
        db.AddRange(emails.Compose(alert, visit, recipients));
        if (byUserId is not null)
        {
            db.AuditEntries.Add(new AuditEntry { ActorUserId = byUserId, Action = HelpAction, SubjectUserId = visit.TherapistUserId, Resource = "visit:" + bookingId, At = now });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            db.ChangeTracker.Clear();
            logger.RaisedElsewhere(bookingId, concern);
            return (await FindAsync(bookingId, concern, cancellationToken) ?? throw new InvalidOperationException("A unique violation without the alert that caused it.", exception), false);
        }

        db.ChangeTracker.Clear();
        if (recipients.Count == 0)
        {
            logger.NobodyToEmail(alert.Id);
        }

        logger.Raised(alert.Id, bookingId, concern, recipients.Count);
        return (alert, true);
    }

    /// <summary>"I need help" from the visit's therapist: the urgent alert at once. Anyone else's visit is not found.</summary>
    public async Task<WelfareResult> HelpAsync(Guid bookingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = CurrentUser.Id(user);
        var theirs = await db.Bookings.AsNoTracking().Where(b => b.Id == bookingId && b.Start != null)
            .Join(db.Therapists.Where(t => t.UserId == userId), b => b.TherapistId, t => t.Id, (b, _) => b.Id).AnyAsync(cancellationToken);
        if (!theirs)
        {
            return new WelfareResult(WelfareOutcome.NotFound);
        }

        var (alert, raised) = await RaiseAsync(bookingId, WelfareConcern.Help, userId, clock.GetCurrentInstant(), cancellationToken);
        return new WelfareResult(WelfareOutcome.Done, alert, Changed: raised);
    }

    /// <summary>An operator has seen the alert and is on it. Again is the same; a closed alert cannot be acknowledged (409).</summary>
    public async Task<WelfareResult> AcknowledgeAsync(long alertId, string adminUserId, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var changed = await UpdateAsync(alertId, adminUserId, AcknowledgeAction, now,
            alerts => alerts.Where(a => a.State == WelfareAlertState.Open).ExecuteUpdateAsync(u => u
                .SetProperty(a => a.State, WelfareAlertState.Acknowledged).SetProperty(a => a.AcknowledgedBy, adminUserId)
                .SetProperty(a => a.AcknowledgedAt, now), cancellationToken), cancellationToken);
        if (changed is null)
        {
            return new WelfareResult(WelfareOutcome.NotFound);
        }

        var alert = await GetAsync(alertId, cancellationToken);
        if (changed == true)
        {
            logger.Acknowledged(alertId);
        }

        return alert.State == WelfareAlertState.Closed ? new WelfareResult(WelfareOutcome.Conflict, alert) : new WelfareResult(WelfareOutcome.Done, alert, Changed: changed.Value);
    }

    /// <summary>Closes the alert with what the operator found. Closing a closed alert again keeps the first note.</summary>
    public async Task<WelfareResult> CloseAsync(long alertId, string adminUserId, string? note, CancellationToken cancellationToken)
    {
        note = note?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > MaxNoteLength)
        {
            return new WelfareResult(WelfareOutcome.Invalid, Errors: new()
            {
                ["note"] = [string.IsNullOrEmpty(note) ? "Say what you found (who you spoke to, and that the therapist is safe) to close the alert." : $"A note is at most {MaxNoteLength} characters."],
            });
        }

        var now = clock.GetCurrentInstant();
        var changed = await UpdateAsync(alertId, adminUserId, CloseAction, now,
            alerts => alerts.Where(a => a.State != WelfareAlertState.Closed).ExecuteUpdateAsync(u => u
                .SetProperty(a => a.State, WelfareAlertState.Closed).SetProperty(a => a.ClosedBy, adminUserId)
                .SetProperty(a => a.ClosedAt, now).SetProperty(a => a.CloseNote, note), cancellationToken), cancellationToken);
        if (changed is null)
        {
            return new WelfareResult(WelfareOutcome.NotFound);
        }

        if (changed == true)
        {
            logger.Closed(alertId);
        }

        return new WelfareResult(WelfareOutcome.Done, await GetAsync(alertId, cancellationToken), Changed: changed.Value);
    }

    public Task<WelfareAlert?> FindAsync(Guid bookingId, WelfareConcern concern, CancellationToken cancellationToken) =>
        db.Set<WelfareAlert>().AsNoTracking().SingleOrDefaultAsync(a => a.BookingId == bookingId && a.Concern == concern, cancellationToken);

    private Task<WelfareAlert> GetAsync(long alertId, CancellationToken cancellationToken) =>
        db.Set<WelfareAlert>().AsNoTracking().SingleAsync(a => a.Id == alertId, cancellationToken);

    /// <summary>
    /// One conditional UPDATE and its audit entry in one transaction: of two operators at once, one changes the alert and
    /// is audited, the other finds it changed. Null when there is no such alert.
    /// </summary>
    private async Task<bool?> UpdateAsync(
        long alertId, string adminUserId, string action, Instant now, Func<IQueryable<WelfareAlert>, Task<int>> update, CancellationToken cancellationToken)
    {
        var subject = await db.Set<WelfareAlert>().Where(a => a.Id == alertId)
            .Join(db.Bookings, a => a.BookingId, b => b.Id, (_, b) => b.TherapistId)
            .Join(db.Therapists, id => id, t => (Guid?)t.Id, (_, t) => t.UserId).SingleOrDefaultAsync(cancellationToken);
        if (subject is null)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await update(db.Set<WelfareAlert>().Where(a => a.Id == alertId)) > 0;
        if (changed)
        {
            db.AuditEntries.Add(new AuditEntry { ActorUserId = adminUserId, Action = action, SubjectUserId = subject, Resource = AuditResourcePrefix + alertId, At = now });
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }
}
