using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Clinical;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Kernel.Events;

namespace Pinpoint.Web.Features.Clinical;

/// <summary>A session's SOAP note as stored: the content as JSON, who changed it when, and its signature.</summary>
public sealed class SessionNoteRecord
{
    public Guid Id { get; init; }

    public required Guid BookingId { get; init; }

    public required Guid TherapistId { get; init; }

    public required string ClientUserId { get; init; }

    public string ContentJson { get; set; } = "{}";

    public Instant CreatedAt { get; init; }

    public Instant UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    public Instant? SignedAt { get; set; }

    public string? SignedBy { get; set; }

    /// <summary>True when nobody signed it and it locked itself 24 hours after the session.</summary>
    public bool AutoSigned { get; set; }

    public List<NoteAddendum> Addenda { get; init; } = [];
}

/// <summary>A correction or addition to a locked note, with its author and time; never edited.</summary>
public sealed class NoteAddendum
{
    public long Id { get; init; }

    public Guid NoteId { get; init; }

    public required string AuthorUserId { get; init; }

    public required Instant At { get; init; }

    public required string Text { get; init; }
}

public enum NoteOutcome
{
    Done = 1,
    NotFound = 2,
    Forbidden = 3,
    Invalid = 4,
    Locked = 5,

    /// <summary>The visit has not started yet: a note may be drafted ahead, but not signed.</summary>
    TooEarly = 6,
}

public sealed record AddendumView(string Author, Instant At, string Text);

/// <summary>A note as its readers see it: content, state and addenda.</summary>
public sealed record NoteView(Guid BookingId, SoapNote Content, bool Locked, Instant? SignedAt, bool AutoSigned, Instant? AutoSignsAt, Instant UpdatedAt, IReadOnlyList<AddendumView> Addenda);

public sealed record NoteResult(NoteOutcome Outcome, NoteView? Note = null, IReadOnlyDictionary<string, string[]>? Errors = null, string? Message = null);

/// <summary>
/// SOAP notes per booking. The booking's therapist writes, signs and adds addenda; an admin reads and may add addenda;
/// the client sees only the plain-language summary, once the note is locked. Every read and write by anyone but the
/// client — and every refusal — is written to the audit trail. A note nobody signed locks itself 24 hours after the
/// session: that is applied whenever the note is next touched. Of two writes at once (a double-clicked first save, a
/// save racing the signature) the later one is run again on what the first stored: it updates that note, or finds it
/// locked.
/// </summary>
public sealed class SessionNotes(PinpointDb db, Atlas atlas, IClock clock)
{
    public const string ReadAction = "read-note";
    public const string WriteAction = "write-note";
    public const string DeniedAction = "note-denied";
    public const int MaxAddendumLength = 2000;

    private enum Role
    {
        None,
        Client,
        Therapist,
        Admin,
    }

    public Task<NoteResult> GetAsync(Guid bookingId, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        WriteConflicts.RetryAsync(db, () => GetOnceAsync(bookingId, actor, cancellationToken));

    private async Task<NoteResult> GetOnceAsync(Guid bookingId, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var (booking, role, actorId) = await AccessAsync(bookingId, actor, cancellationToken);
        if (booking is null)
        {
            return new(NoteOutcome.NotFound);
        }

        if (role is not (Role.Therapist or Role.Admin))
        {
            await AuditAsync(actorId, DeniedAction, booking, cancellationToken, skip: role == Role.Client);
            return new(NoteOutcome.Forbidden, Message: "Clinical notes are for the treating therapist; clients see the session summary.");
        }

        var record = await LoadAsync(booking, cancellationToken);
        await AuditAsync(actorId, ReadAction, booking, cancellationToken);
        return record is null ? new(NoteOutcome.NotFound, Message: "No note has been written for this session yet.") : new(NoteOutcome.Done, await ViewAsync(record, booking));
    }

    public Task<NoteResult> SaveDraftAsync(Guid bookingId, ClaimsPrincipal actor, SoapNote content, CancellationToken cancellationToken) =>
        WriteConflicts.RetryAsync(db, () => SaveDraftOnceAsync(bookingId, actor, content, cancellationToken));

    private async Task<NoteResult> SaveDraftOnceAsync(Guid bookingId, ClaimsPrincipal actor, SoapNote content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (booking, role, actorId) = await AccessAsync(bookingId, actor, cancellationToken);
        if (booking is null)
        {
            return new(NoteOutcome.NotFound);
        }

        if (role != Role.Therapist)
        {
            await AuditAsync(actorId, DeniedAction, booking, cancellationToken, skip: role == Role.Client);
            return new(NoteOutcome.Forbidden, Message: "Only the treating therapist writes this session's note.");
        }

        if (booking.Status == Booking.BookingStatus.Cancelled)
        {
            return new(NoteOutcome.Invalid, Errors: new Dictionary<string, string[]> { ["booking"] = ["This visit was cancelled: there is no session to write up."] });
        }

        var errors = SoapNoteValidation.ForDraft(content, atlas);
        if (errors.Count > 0)
        {
            return new(NoteOutcome.Invalid, Errors: errors);
        }

        var record = await LoadAsync(booking, cancellationToken);
        if (record is not null && record.SignedAt is not null)
        {
            return new(NoteOutcome.Locked, await ViewAsync(record, booking), Message: "This note is signed and locked; add an addendum instead.");
        }

        var now = clock.GetCurrentInstant();
        if (record is null)
        {
            record = new SessionNoteRecord
            {
                Id = Guid.CreateVersion7(now.ToDateTimeOffset()), BookingId = booking.Id, TherapistId = booking.TherapistId!.Value, ClientUserId = booking.ClientUserId,
                CreatedAt = now, UpdatedBy = actorId!,
            };
            db.Add(record);
        }

        record.ContentJson = IntakeJson.Write(content);
        record.UpdatedAt = now;
        record.UpdatedBy = actorId!;
        await AuditAsync(actorId, WriteAction, booking, cancellationToken);
        return new(NoteOutcome.Done, await ViewAsync(record, booking));
    }

    public Task<NoteResult> SignAsync(Guid bookingId, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        WriteConflicts.RetryAsync(db, () => SignOnceAsync(bookingId, actor, cancellationToken));

    private async Task<NoteResult> SignOnceAsync(Guid bookingId, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var (booking, role, actorId) = await AccessAsync(bookingId, actor, cancellationToken);
        if (booking is null)
        {
            return new(NoteOutcome.NotFound);
        }

        if (role != Role.Therapist)
        {
            await AuditAsync(actorId, DeniedAction, booking, cancellationToken, skip: role == Role.Client);
            return new(NoteOutcome.Forbidden, Message: "Only the treating therapist signs this session's note.");
        }

        // Signing publishes the client's summary and their pain chart: never for a session that has not happened.
        if (!HasStarted(booking))
        {
            return new(NoteOutcome.TooEarly, Message: "A note can be signed once the visit has started; save it as a draft until then.");
        }

        var record = await LoadAsync(booking, cancellationToken);
        if (record is null)
        {
            return new(NoteOutcome.NotFound, Message: "Write the note before signing it.");
        }

        if (record.SignedAt is not null)
        {
            return new(NoteOutcome.Locked, await ViewAsync(record, booking), Message: "This note is already signed.");
        }

        var errors = SoapNoteValidation.ForSigning(Read(record), atlas);
        if (errors.Count > 0)
        {
            return new(NoteOutcome.Invalid, Errors: errors);
        }

        record.SignedAt = clock.GetCurrentInstant();
        record.SignedBy = actorId;
        db.Raise(new NoteSigned(booking.Id), record.SignedAt.Value);
        await AuditAsync(actorId, WriteAction, booking, cancellationToken);
        return new(NoteOutcome.Done, await ViewAsync(record, booking));
    }

    public Task<NoteResult> AddAddendumAsync(Guid bookingId, ClaimsPrincipal actor, string? text, CancellationToken cancellationToken) =>
        WriteConflicts.RetryAsync(db, () => AddAddendumOnceAsync(bookingId, actor, text, cancellationToken));

    private async Task<NoteResult> AddAddendumOnceAsync(Guid bookingId, ClaimsPrincipal actor, string? text, CancellationToken cancellationToken)
    {
        var (booking, role, actorId) = await AccessAsync(bookingId, actor, cancellationToken);
        if (booking is null)
        {
            return new(NoteOutcome.NotFound);
        }

        if (role is not (Role.Therapist or Role.Admin))
        {
            await AuditAsync(actorId, DeniedAction, booking, cancellationToken, skip: role == Role.Client);
            return new(NoteOutcome.Forbidden, Message: "Only the treating therapist or an admin adds to a note.");
        }

        var record = await LoadAsync(booking, cancellationToken);
        if (record is null)
        {
            return new(NoteOutcome.NotFound, Message: "No note has been written for this session yet.");
        }

        if (record.SignedAt is null)
        {
            return new(NoteOutcome.Invalid, Errors: new Dictionary<string, string[]> { ["text"] = ["The note is still a draft: edit it instead of adding an addendum."] });
        }

        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > MaxAddendumLength)
        {
            return new(NoteOutcome.Invalid, Errors: new Dictionary<string, string[]> { ["text"] = [$"An addendum is 1 to {MaxAddendumLength} characters."] });
        }

        record.Addenda.Add(new NoteAddendum { AuthorUserId = actorId!, At = clock.GetCurrentInstant(), Text = text.Trim() });
        await AuditAsync(actorId, WriteAction, booking, cancellationToken);
        return new(NoteOutcome.Done, await ViewAsync(record, booking));
    }

    /// <summary>The client's summary, once the note is locked (signed, or 24 hours after the session).</summary>
    public Task<(NoteOutcome Outcome, SessionSummary? Summary)> SummaryAsync(Guid bookingId, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        WriteConflicts.RetryAsync(db, () => SummaryOnceAsync(bookingId, actor, cancellationToken));

    private async Task<(NoteOutcome Outcome, SessionSummary? Summary)> SummaryOnceAsync(Guid bookingId, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var (booking, role, actorId) = await AccessAsync(bookingId, actor, cancellationToken);
        if (booking is null)
        {
            return (NoteOutcome.NotFound, null);
        }

        if (role == Role.None)
        {
            await AuditAsync(actorId, DeniedAction, booking, cancellationToken);
            return (NoteOutcome.Forbidden, null);
        }

        var record = await LoadAsync(booking, cancellationToken);
        await AuditAsync(actorId, ReadAction, booking, cancellationToken, skip: role == Role.Client);
        return record?.SignedAt is null ? (NoteOutcome.NotFound, null) : (NoteOutcome.Done, SessionSummaries.For(Read(record), atlas));
    }

    private async Task<(Booking.Booking? Booking, Role Role, string? ActorId)> AccessAsync(Guid bookingId, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var actorId = actor.FindFirstValue(ClaimTypes.NameIdentifier);
        // A window request not yet planned has no visit to write about: as if there were no booking.
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId && b.Start != null, cancellationToken);
        if (booking is null || actorId is null)
        {
            return (booking, Role.None, actorId);
        }

        if (actor.IsInRole(Roles.Therapist) &&
            await db.Therapists.AnyAsync(t => t.Id == booking.TherapistId && t.UserId == actorId, cancellationToken))
        {
            return (booking, Role.Therapist, actorId);
        }

        return (booking, actor.IsInRole(Roles.Admin) ? Role.Admin : booking.ClientUserId == actorId ? Role.Client : Role.None, actorId);
    }

    // Loads the note and applies the 24-hour lock if it has come due.
    private async Task<SessionNoteRecord?> LoadAsync(Booking.Booking booking, CancellationToken cancellationToken)
    {
        var record = await db.Set<SessionNoteRecord>().Include(n => n.Addenda).SingleOrDefaultAsync(n => n.BookingId == booking.Id, cancellationToken);
        if (record is { SignedAt: null } && NoteLifecycle.IsLocked(null, booking.End!.Value, clock.GetCurrentInstant()))
        {
            record.SignedAt = NoteLifecycle.AutoSignsAt(booking.End!.Value);
            record.AutoSigned = true;
            db.Raise(new NoteSigned(booking.Id), clock.GetCurrentInstant());
            await db.SaveChangesAsync(cancellationToken);
        }

        return record;
    }

    private async Task<NoteView> ViewAsync(SessionNoteRecord record, Booking.Booking booking)
    {
        var authors = record.Addenda.Select(a => a.AuthorUserId).Distinct().ToList();
        var names = authors.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => authors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        return new NoteView(
            record.BookingId, Read(record), record.SignedAt is not null, record.SignedAt, record.AutoSigned,
            record.SignedAt is null ? NoteLifecycle.AutoSignsAt(booking.End!.Value) : null, record.UpdatedAt,
            [.. record.Addenda.OrderBy(a => a.At).Select(a => new AddendumView(names.GetValueOrDefault(a.AuthorUserId) ?? "Unknown", a.At, a.Text))]);
    }

    private static SoapNote Read(SessionNoteRecord record) =>
        System.Text.Json.JsonSerializer.Deserialize<SoapNote>(record.ContentJson, IntakeJson.Options) ?? new SoapNote();

    // Saves pending changes together with the audit entry; the client's own reads are not audited.
    /// <summary>Whether the visit's start has come (a note can be signed from then on).</summary>
    public bool HasStarted(Booking.Booking booking) => booking.Start is { } start && clock.GetCurrentInstant() >= start;

    private async Task AuditAsync(string? actorId, string action, Booking.Booking booking, CancellationToken cancellationToken, bool skip = false)
    {
        if (!skip && actorId is not null)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                ActorUserId = actorId, Action = action, SubjectUserId = booking.ClientUserId, Resource = $"note:{booking.Id}", At = clock.GetCurrentInstant(),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
