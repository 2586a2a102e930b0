using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Scheduling;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>How a therapist describes their gender; clients may ask for a female or male therapist.</summary>
public enum TherapistGender
{
    Unspecified = 0,
    Female = 1,
    Male = 2,
    NonBinary = 3,
}

/// <summary>
/// A therapist's professional profile. The sign-in account is <see cref="UserId"/>. The home address and exact
/// coordinates are private: the public sees the suburb only.
/// </summary>
public sealed class Therapist
{
    public Guid Id { get; init; }

    public required string UserId { get; init; }

    public required string DisplayName { get; set; }

    public string Bio { get; set; } = "";

    public TherapistGender Gender { get; set; }

    public List<string> Languages { get; set; } = ["English"];

    public int YearsOfExperience { get; set; }

    /// <summary>Ids from <see cref="Core.Catalogue.Interests.All"/>.</summary>
    public List<string> Interests { get; set; } = [];

    public Guid? PhotoId { get; set; }

    /// <summary>The street address the working day starts from; never shown to clients.</summary>
    public string HomeAddress { get; set; } = "";

    public string HomePostcode { get; set; } = "";

    public required double HomeLatitude { get; set; }

    public required double HomeLongitude { get; set; }

    public required string HomeSuburb { get; set; }

    /// <summary>IANA zone id, e.g. "Australia/Melbourne"; working hours are local to it.</summary>
    public required string TimeZoneId { get; set; }

    /// <summary>The longest drive to a client; with <see cref="MaxRadiusKm"/> unset it defines the service area.</summary>
    public int? MaxTravelMinutes { get; set; } = 45;

    /// <summary>A straight-line radius around home, for therapists who think in kilometres.</summary>
    public double? MaxRadiusKm { get; set; }

    public int MaxSessionsPerDay { get; set; } = 5;

    public int MinBreakMinutes { get; set; } = 15;

    /// <summary>The secret in the therapist's private calendar feed URL; empty until they ask for the link.</summary>
    public string? CalendarToken { get; set; }

    public Instant CreatedAt { get; set; }

    /// <summary>When the therapist last changed their profile; empty for profiles never edited.</summary>
    public Instant? UpdatedAt { get; set; }

    public List<TherapistCredential> Credentials { get; init; } = [];

    public List<WorkingHoursEntry> WorkingHours { get; init; } = [];

    public List<ScheduleException> ScheduleExceptions { get; init; } = [];
}

/// <summary>A therapist's qualification in one modality, vetted by an admin before it counts.</summary>
public sealed class TherapistCredential
{
    public Guid Id { get; init; }

    public Guid TherapistId { get; init; }

    public required Modality Modality { get; init; }

    public required string Issuer { get; set; }

    public required string Number { get; set; }

    public required LocalDate IssuedOn { get; set; }

    /// <summary>The last day the credential is valid (inclusive).</summary>
    public required LocalDate ExpiresOn { get; set; }

    public CredentialStatus Status { get; set; } = CredentialStatus.Pending;

    /// <summary>The uploaded certificate; only the therapist and admins can read it.</summary>
    public Guid? DocumentId { get; set; }

    /// <summary>When the therapist applied; empty for credentials recorded before applications were tracked.</summary>
    public Instant? SubmittedAt { get; set; }

    public Instant? DecidedAt { get; set; }

    public string? DecidedByUserId { get; set; }

    /// <summary>Why an admin approved or rejected it; shown to the therapist.</summary>
    public string? DecisionReason { get; set; }

    public CredentialStanding StandingOn(LocalDate today) => CredentialRules.Standing(Status, IssuedOn, ExpiresOn, today);
}

/// <summary>Every vetting decision, kept for good: who decided what about which credential, when, and why.</summary>
public sealed class CredentialDecision
{
    public long Id { get; init; }

    public required Guid CredentialId { get; init; }

    public required Guid TherapistId { get; init; }

    public required Modality Modality { get; init; }

    public required CredentialStatus Decision { get; init; }

    public required string Reason { get; init; }

    public required string DecidedByUserId { get; init; }

    public required Instant DecidedAt { get; init; }
}

/// <summary>One range of a therapist's usual week, in their own time zone.</summary>
public sealed class WorkingHoursEntry
{
    public long Id { get; init; }

    public Guid TherapistId { get; init; }

    public required IsoDayOfWeek DayOfWeek { get; init; }

    public required LocalTime Start { get; init; }

    public required LocalTime End { get; init; }
}

/// <summary>
/// A change to the usual week from <see cref="FirstDay"/> to <see cref="LastDay"/> (both included): time off when
/// <see cref="Start"/> and <see cref="End"/> are empty, otherwise those hours instead of the usual ones each day.
/// </summary>
public sealed class ScheduleException
{
    public long Id { get; init; }

    public Guid TherapistId { get; init; }

    public required LocalDate FirstDay { get; init; }

    public required LocalDate LastDay { get; init; }

    public LocalTime? Start { get; init; }

    public LocalTime? End { get; init; }

    public string Note { get; init; } = "";

    public bool IsTimeOff => Start is null;
}
