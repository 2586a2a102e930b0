using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Scheduling;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>What anyone may see of an approved therapist: never the address, exact home or documents.</summary>
public sealed record PublicTherapistDto(
    Guid Id, string DisplayName, string Bio, string? PhotoUrl, string Gender, IReadOnlyList<string> Languages,
    int YearsOfExperience, IReadOnlyList<string> Interests, string Suburb, IReadOnlyList<string> VerifiedModalities, double? DistanceKm)
{
    public static PublicTherapistDto From(DirectoryEntry entry) => From(entry.Therapist, entry.Bookable, entry.DistanceKm);

    public static PublicTherapistDto From(Therapist t, IReadOnlyList<Modality> bookable, double? distanceKm = null) => new(
        t.Id, t.DisplayName, t.Bio, PhotoUrlOf(t), Slug(t.Gender), t.Languages, t.YearsOfExperience, t.Interests, t.HomeSuburb,
        [.. bookable.Select(m => m.Slug())], distanceKm);

    public static string? PhotoUrlOf(Therapist t) => t.PhotoId is { } id ? $"/api/therapists/{t.Id}/photo?v={id:N}" : null;

    public static string Slug(TherapistGender gender) => gender switch
    {
        TherapistGender.Female => "female",
        TherapistGender.Male => "male",
        TherapistGender.NonBinary => "nonBinary",
        _ => "unspecified",
    };
}

public sealed record CredentialDto(
    Guid Id, string Modality, string Issuer, string Number, LocalDate IssuedOn, LocalDate ExpiresOn, string Status, string Standing,
    string? DecisionReason, Instant? SubmittedAt, Instant? DecidedAt, bool HasDocument)
{
    public static CredentialDto From(TherapistCredential c, LocalDate today) => new(
        c.Id, c.Modality.Slug(), c.Issuer, c.Number, c.IssuedOn, c.ExpiresOn, c.Status.ToString().ToLowerInvariant(),
        StandingSlug(c.StandingOn(today)), c.DecisionReason, c.SubmittedAt, c.DecidedAt, c.DocumentId is not null);

    public static string StandingSlug(CredentialStanding standing) => standing switch
    {
        CredentialStanding.Pending => "pending",
        CredentialStanding.Active => "active",
        CredentialStanding.ExpiringSoon => "expiringSoon",
        CredentialStanding.Expired => "expired",
        CredentialStanding.NotYetValid => "notYetValid",
        CredentialStanding.Rejected => "rejected",
    };
}

/// <summary>A therapist's own view of their profile, private fields included.</summary>
public sealed record OwnProfileDto(
    PublicTherapistDto Public, string HomeAddress, string HomePostcode, double HomeLatitude, double HomeLongitude, string TimeZoneId,
    int? MaxTravelMinutes, double? MaxRadiusKm, int MaxSessionsPerDay, int MinBreakMinutes, int CompletenessPercent,
    IReadOnlyList<string> Missing, IReadOnlyList<CredentialDto> Credentials)
{
    public static OwnProfileDto From(Therapist t, LocalDate today)
    {
        var (percent, missing) = TherapistProfiles.Completeness(t);
        return new(
            PublicTherapistDto.From(t, CredentialVetting.BookableModalities(t, today)), t.HomeAddress, t.HomePostcode, t.HomeLatitude,
            t.HomeLongitude, t.TimeZoneId, t.MaxTravelMinutes, t.MaxRadiusKm, t.MaxSessionsPerDay, t.MinBreakMinutes, percent, missing,
            [.. t.Credentials.OrderBy(c => c.Modality).ThenByDescending(c => c.SubmittedAt).Select(c => CredentialDto.From(c, today))]);
    }
}

public sealed record HoursRangeDto(string Day, string Start, string End);

public sealed record ExceptionDto(long Id, LocalDate FirstDay, LocalDate LastDay, string? Start, string? End, string Note, bool TimeOff);

public sealed record HoursDto(
    string TimeZoneId, IReadOnlyList<HoursRangeDto> Weekly, int MaxSessionsPerDay, int MinBreakMinutes, IReadOnlyList<ExceptionDto> Exceptions)
{
    public static HoursDto From(Therapist t) => new(
        t.TimeZoneId,
        [.. t.WorkingHours.OrderBy(w => w.DayOfWeek).ThenBy(w => w.Start)
            .Select(w => new HoursRangeDto(w.DayOfWeek.ToString().ToLowerInvariant(), TherapistSchedule.Format(w.Start), TherapistSchedule.Format(w.End)))],
        t.MaxSessionsPerDay, t.MinBreakMinutes,
        [.. t.ScheduleExceptions.OrderBy(x => x.FirstDay).Select(x => new ExceptionDto(x.Id, x.FirstDay, x.LastDay,
            x.Start is { } s ? TherapistSchedule.Format(s) : null, x.End is { } e ? TherapistSchedule.Format(e) : null, x.Note, x.IsTimeOff))]);
}

/// <summary>One working interval, as local date-times with their offset, in the therapist's zone.</summary>
public sealed record WorkingIntervalDto(string Start, string End, string TimeZoneId);

public sealed record PendingCredentialDto(CredentialDto Credential, Guid TherapistId, string TherapistName, string Suburb);

public sealed record DecisionInput(bool? Approve, string? Reason);

public sealed record DecisionDto(Guid CredentialId, string Modality, string Decision, string Reason, string DecidedByUserId, Instant DecidedAt);

public sealed record AdminTherapistDto(PublicTherapistDto Profile, string TimeZoneId, IReadOnlyList<CredentialDto> Credentials);
