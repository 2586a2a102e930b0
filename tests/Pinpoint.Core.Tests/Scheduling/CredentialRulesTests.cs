using NodaTime;
using Pinpoint.Core.Scheduling;

namespace Pinpoint.Core.Tests.Scheduling;

public sealed class CredentialRulesTests
{
    private static readonly LocalDate Today = new(2026, 11, 30);

    [Theory]
    [InlineData(CredentialStatus.Pending, "2025-01-01", "2027-12-31", CredentialStanding.Pending, false)]
    [InlineData(CredentialStatus.Rejected, "2025-01-01", "2027-12-31", CredentialStanding.Rejected, false)]
    [InlineData(CredentialStatus.Approved, "2025-01-01", "2027-12-31", CredentialStanding.Active, true)]
    [InlineData(CredentialStatus.Approved, "2025-01-01", "2026-12-29", CredentialStanding.ExpiringSoon, true)]
    [InlineData(CredentialStatus.Approved, "2025-01-01", "2026-12-30", CredentialStanding.Active, true)]
    [InlineData(CredentialStatus.Approved, "2025-01-01", "2026-11-30", CredentialStanding.ExpiringSoon, true)] // last valid day
    [InlineData(CredentialStatus.Approved, "2025-01-01", "2026-11-29", CredentialStanding.Expired, false)]
    [InlineData(CredentialStatus.Approved, "2026-12-01", "2028-12-01", CredentialStanding.NotYetValid, false)]
    [InlineData(CredentialStatus.Pending, "2025-01-01", "2026-11-29", CredentialStanding.Pending, false)]
    public void Only_an_approved_credential_valid_today_is_bookable(
        CredentialStatus status, string issued, string expires, CredentialStanding expected, bool bookable)
    {
        var standing = CredentialRules.Standing(status, LocalDate.FromDateTime(DateTime.Parse(issued, null)), LocalDate.FromDateTime(DateTime.Parse(expires, null)), Today);

        Assert.Equal(expected, standing);
        Assert.Equal(bookable, CredentialRules.IsBookable(standing));
    }
}
