using NodaTime;
using Pinpoint.Core.Catalogue;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>A therapist's professional profile. The sign-in account is <see cref="UserId"/>.</summary>
public sealed class Therapist
{
    public Guid Id { get; init; }

    public required string UserId { get; init; }

    public required string DisplayName { get; set; }

    public string Bio { get; set; } = "";

    /// <summary>Where the working day starts and ends; not shown to clients beyond the suburb.</summary>
    public required double HomeLatitude { get; set; }

    public required double HomeLongitude { get; set; }

    public required string HomeSuburb { get; set; }

    /// <summary>IANA zone id, e.g. "Australia/Melbourne"; working hours are local to it.</summary>
    public required string TimeZoneId { get; set; }

    public Instant CreatedAt { get; set; }

    public List<TherapistCredential> Credentials { get; init; } = [];
}

public enum CredentialStatus
{
    Pending = 1,
    Approved = 2,
    Rejected = 3,
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
}
