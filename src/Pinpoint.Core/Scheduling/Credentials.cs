using NodaTime;

namespace Pinpoint.Core.Scheduling;

/// <summary>Where a therapist's credential for one modality stands in vetting.</summary>
public enum CredentialStatus
{
    Pending = 1,
    Approved = 2,
    Rejected = 3,
}

/// <summary>What a credential means for booking today, after its vetting status and its dates.</summary>
public enum CredentialStanding
{
    /// <summary>Waiting for an admin.</summary>
    Pending = 1,

    /// <summary>Approved and valid today: the therapist can be booked for the modality.</summary>
    Active = 2,

    /// <summary>Approved and valid today, but it lapses within <see cref="CredentialRules.ExpiryWarning"/>.</summary>
    ExpiringSoon = 3,

    /// <summary>Approved once, but today is after its last valid day.</summary>
    Expired = 4,

    /// <summary>Approved, but not valid until a later date.</summary>
    NotYetValid = 5,

    Rejected = 6,
}

/// <summary>The vetting rules: only an approved credential, valid today, makes a therapist bookable for a modality.</summary>
public static class CredentialRules
{
    /// <summary>How far ahead admins and therapists are warned of an expiry.</summary>
    public static Period ExpiryWarning { get; } = Period.FromDays(30);

    /// <param name="expiresOn">The last day the credential is valid (inclusive).</param>
    public static CredentialStanding Standing(CredentialStatus status, LocalDate issuedOn, LocalDate expiresOn, LocalDate today) => status switch
    {
        CredentialStatus.Pending => CredentialStanding.Pending,
        CredentialStatus.Rejected => CredentialStanding.Rejected,
        CredentialStatus.Approved when today > expiresOn => CredentialStanding.Expired,
        CredentialStatus.Approved when today < issuedOn => CredentialStanding.NotYetValid,
        CredentialStatus.Approved when expiresOn < today + ExpiryWarning => CredentialStanding.ExpiringSoon,
        CredentialStatus.Approved => CredentialStanding.Active,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown credential status."),
    };

    public static bool IsBookable(CredentialStanding standing) =>
        standing is CredentialStanding.Active or CredentialStanding.ExpiringSoon;
}
