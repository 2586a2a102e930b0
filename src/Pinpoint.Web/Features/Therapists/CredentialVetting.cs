using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>A therapist's application for one modality.</summary>
public sealed class CredentialInput
{
    public string? Modality { get; set; }

    public string? Issuer { get; set; }

    public string? Number { get; set; }

    public LocalDate? IssuedOn { get; set; }

    public LocalDate? ExpiresOn { get; set; }
}

/// <summary>The outcome of an admin's decision: done, or why not.</summary>
public enum VettingOutcome
{
    Done = 1,
    NotFound = 2,
    NotPending = 3,
    ReasonRequired = 4,
}

/// <summary>Applying for a modality and vetting the application. Every decision is written to the audit table.</summary>
public sealed class CredentialVetting(PinpointDb db, IClock clock, ILogger<CredentialVetting> logger)
{
    public LocalDate Today(string timeZoneId) =>
        clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId) ?? DateTimeZone.Utc).Date;

    /// <summary>Checks and stores an application with its document; returns field errors and stores nothing if any.</summary>
    public async Task<(TherapistCredential? Credential, Dictionary<string, string[]> Errors)> ApplyAsync(
        Therapist therapist, CredentialInput input, StoredFile? document, string? documentError, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Modalities.TryParseSlug(input.Modality, out var modality))
        {
            errors["modality"] = [$"Choose a therapy: {string.Join(", ", Modalities.All.Select(m => m.Slug()))}."];
        }
        else if (therapist.Credentials.Any(c => c.Modality == modality && c.Status == CredentialStatus.Pending))
        {
            errors["modality"] = ["You already have an application for this therapy waiting for review."];
        }

        if (string.IsNullOrWhiteSpace(input.Issuer) || input.Issuer.Trim().Length > 200)
        {
            errors["issuer"] = ["Who issued the credential (up to 200 characters) is required."];
        }

        if (string.IsNullOrWhiteSpace(input.Number) || input.Number.Trim().Length > 100)
        {
            errors["number"] = ["The certificate or registration number (up to 100 characters) is required."];
        }

        var today = Today(therapist.TimeZoneId);
        if (input.IssuedOn is null)
        {
            errors["issuedOn"] = ["The issue date is required."];
        }
        else if (input.IssuedOn > today)
        {
            errors["issuedOn"] = ["The issue date cannot be in the future."];
        }

        if (input.ExpiresOn is null)
        {
            errors["expiresOn"] = ["The expiry date is required."];
        }
        else if (input.ExpiresOn < today)
        {
            errors["expiresOn"] = ["This credential has already expired; apply with a current one."];
        }
        else if (input.IssuedOn is { } issued && input.ExpiresOn <= issued)
        {
            errors["expiresOn"] = ["The expiry date must be after the issue date."];
        }

        if (documentError is not null)
        {
            errors["document"] = [documentError];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var now = clock.GetCurrentInstant();
        db.StoredFiles.Add(document!);
        var credential = new TherapistCredential
        {
            Id = Guid.CreateVersion7(now.ToDateTimeOffset()),
            TherapistId = therapist.Id,
            Modality = modality,
            Issuer = input.Issuer!.Trim(),
            Number = input.Number!.Trim(),
            IssuedOn = input.IssuedOn!.Value,
            ExpiresOn = input.ExpiresOn!.Value,
            Status = CredentialStatus.Pending,
            DocumentId = document!.Id,
            SubmittedAt = now,
        };
        db.TherapistCredentials.Add(credential);
        await db.SaveChangesAsync(cancellationToken);
        logger.Applied(credential.Id, therapist.Id, modality);
        return (credential, errors);
    }

    /// <summary>Approves or rejects a pending application. A rejection needs a reason; the therapist sees it.</summary>
    public async Task<VettingOutcome> DecideAsync(
        Guid credentialId, bool approve, string? reason, string adminUserId, CancellationToken cancellationToken)
    {
        var credential = await db.TherapistCredentials.SingleOrDefaultAsync(c => c.Id == credentialId, cancellationToken);
        if (credential is null)
        {
            return VettingOutcome.NotFound;
        }

        if (credential.Status != CredentialStatus.Pending)
        {
            return VettingOutcome.NotPending;
        }

        reason = reason?.Trim();
        if (!approve && string.IsNullOrEmpty(reason))
        {
            return VettingOutcome.ReasonRequired;
        }

        var now = clock.GetCurrentInstant();
        credential.Status = approve ? CredentialStatus.Approved : CredentialStatus.Rejected;
        credential.DecidedAt = now;
        credential.DecidedByUserId = adminUserId;
        credential.DecisionReason = string.IsNullOrEmpty(reason) ? "Approved." : reason[..Math.Min(reason.Length, 1000)];
        db.CredentialDecisions.Add(new CredentialDecision
        {
            CredentialId = credential.Id,
            TherapistId = credential.TherapistId,
            Modality = credential.Modality,
            Decision = credential.Status,
            Reason = credential.DecisionReason,
            DecidedByUserId = adminUserId,
            DecidedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.Decided(credential.Id, credential.TherapistId, credential.Status, adminUserId);
        return VettingOutcome.Done;
    }

    /// <summary>The modalities the therapist can be booked for today: approved and within the credential's dates.</summary>
    public static IReadOnlyList<Modality> BookableModalities(Therapist therapist, LocalDate today) =>
        [.. therapist.Credentials.Where(c => CredentialRules.IsBookable(c.StandingOn(today))).Select(c => c.Modality).Distinct().Order()];
}
