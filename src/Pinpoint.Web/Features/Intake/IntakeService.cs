using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Intake;
using Pinpoint.Core.Screening;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Intake;

/// <summary>A submitted version as read back: its answers and what the screen said.</summary>
public sealed record IntakeSnapshot(int Version, Instant SubmittedAt, IntakeContent Content, ScreeningResult Screening, bool Retained);

/// <summary>The client's intake: a draft saved between steps, and versions kept for good on each submission.</summary>
public sealed class IntakeService(PinpointDb db, Atlas atlas, ClientAreas areas, IClock clock)
{
    /// <summary>The client's date now, in their own area's zone (<see cref="ClientAreas"/>): screening "when" answers are read against it.</summary>
    public Task<LocalDate> TodayAsync(string clientUserId, CancellationToken cancellationToken) => areas.TodayAsync(clientUserId, cancellationToken);

    /// <summary>The draft, or the latest version to edit, or a new intake.</summary>
    public async Task<IntakeContent> GetDraftAsync(string clientUserId, CancellationToken cancellationToken)
    {
        var draft = await db.IntakeDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.ClientUserId == clientUserId, cancellationToken);
        if (draft is not null)
        {
            return IntakeJson.ReadContent(draft.ContentJson);
        }

        return (await LatestAsync(clientUserId, cancellationToken))?.Content ?? new IntakeContent();
    }

    public async Task<IReadOnlyDictionary<string, string[]>> SaveDraftAsync(string clientUserId, IntakeContent content, CancellationToken cancellationToken)
    {
        content = content.Normalized();
        var errors = IntakeValidation.ForDraft(content, atlas, await TodayAsync(clientUserId, cancellationToken));
        if (errors.Count > 0)
        {
            return errors;
        }

        var draft = await db.IntakeDrafts.SingleOrDefaultAsync(d => d.ClientUserId == clientUserId, cancellationToken);
        if (draft is null)
        {
            db.IntakeDrafts.Add(new IntakeDraft { ClientUserId = clientUserId, ContentJson = IntakeJson.Write(content), UpdatedAt = clock.GetCurrentInstant() });
        }
        else
        {
            draft.ContentJson = IntakeJson.Write(content);
            draft.UpdatedAt = clock.GetCurrentInstant();
        }

        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    /// <summary>
    /// Submits the draft as the next version, with the screening result of its answers. Needs a complete intake and the
    /// current consents (accepted now or before). The draft is removed; nothing is stored if anything is missing.
    /// One version per distinct submission: answers and screening the same as the latest version's (a double click, a
    /// retry, two submits at once) give that version back instead of a copy of it.
    /// </summary>
    public Task<(IntakeSnapshot? Snapshot, Dictionary<string, string[]> Errors)> SubmitAsync(
        string clientUserId, IReadOnlyDictionary<string, string>? acceptedConsents, CancellationToken cancellationToken) =>
        // A twin that took the next version number first: run again, and find its version (the same answers) or follow it.
        WriteConflicts.RetryAsync(db, () => SubmitOnceAsync(clientUserId, acceptedConsents, cancellationToken));

    private async Task<(IntakeSnapshot? Snapshot, Dictionary<string, string[]> Errors)> SubmitOnceAsync(
        string clientUserId, IReadOnlyDictionary<string, string>? acceptedConsents, CancellationToken cancellationToken)
    {
        var content = await GetDraftAsync(clientUserId, cancellationToken);
        var today = await TodayAsync(clientUserId, cancellationToken);
        var errors = new Dictionary<string, string[]>(IntakeValidation.ForSubmission(content, atlas, today), StringComparer.Ordinal);
        var given = await db.Consents.AsNoTracking().Where(c => c.UserId == clientUserId).Select(c => c.TextVersion).ToListAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var newConsents = new List<ConsentRecord>();
        foreach (var text in ConsentTexts.Current)
        {
            var accepted = acceptedConsents?.GetValueOrDefault(text.Kind);
            if (accepted is not null && accepted != text.Version)
            {
                errors[$"consents.{text.Kind}"] = [$"The {text.Title.ToLowerInvariant()} has changed; please read and accept version {text.Version}."];
            }
            else if (accepted == text.Version)
            {
                newConsents.Add(new ConsentRecord { UserId = clientUserId, Kind = text.Kind, TextVersion = text.Version, AcceptedAt = now });
            }
            else if (!given.Contains(text.Version))
            {
                errors[$"consents.{text.Kind}"] = [$"Please read and accept the {text.Title.ToLowerInvariant()}."];
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var screening = Screen(content, today);
        var (contentJson, screeningJson) = (IntakeJson.Write(content), IntakeJson.Write(screening));
        // The version, the consents and the draft's removal commit together (on SQLite one writer at a time from here).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var latest = await db.IntakeVersions.AsNoTracking().Where(v => v.ClientUserId == clientUserId)
            .OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        var version = latest is not null && latest.ContentJson == contentJson && latest.ScreeningJson == screeningJson
            ? latest
            : new IntakeVersion
            {
                ClientUserId = clientUserId, Version = (latest?.Version ?? 0) + 1, ContentJson = contentJson, ScreeningJson = screeningJson,
                Outcome = screening.Outcome.ToString().ToLowerInvariant(), SubmittedAt = now,
            };
        if (version != latest)
        {
            db.IntakeVersions.Add(version);
        }

        db.Consents.AddRange(newConsents.Where(c => !given.Contains(c.TextVersion)));
        await db.IntakeDrafts.Where(d => d.ClientUserId == clientUserId).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (Snapshot(version), errors);
    }

    /// <summary>The screen's verdict on the questions answered so far, for the regions the client wants treated, on the client's <paramref name="today"/>.</summary>
    public static ScreeningResult Screen(IntakeContent content, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(content);
        return ScreeningRules.Evaluate(new ScreeningContext(
            content.Screening.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!), [.. content.Regions.Select(r => r.RegionId)], today));
    }

    public async Task<IntakeSnapshot?> LatestAsync(string clientUserId, CancellationToken cancellationToken)
    {
        var latest = await db.IntakeVersions.AsNoTracking().Where(v => v.ClientUserId == clientUserId)
            .OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null : Snapshot(latest);
    }

    public async Task<IReadOnlyList<IntakeSnapshot>> VersionsAsync(string clientUserId, CancellationToken cancellationToken) =>
        [.. (await db.IntakeVersions.AsNoTracking().Where(v => v.ClientUserId == clientUserId).OrderBy(v => v.Version).ToListAsync(cancellationToken))
            .Select(Snapshot)];

    public async Task<bool> HasDraftAsync(string clientUserId, CancellationToken cancellationToken) =>
        await db.IntakeDrafts.AnyAsync(d => d.ClientUserId == clientUserId, cancellationToken);

    private static IntakeSnapshot Snapshot(IntakeVersion v) =>
        new(v.Version, v.SubmittedAt, IntakeJson.ReadContent(v.ContentJson), IntakeJson.ReadScreening(v.ScreeningJson), v.RetainedAfterDeletionAt is not null);
}
