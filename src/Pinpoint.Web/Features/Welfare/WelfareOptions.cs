using System.ComponentModel.DataAnnotations;
using NodaTime;
using Pinpoint.Core.Visits;

namespace Pinpoint.Web.Features.Welfare;

/// <summary>Configuration section <c>Welfare</c>.</summary>
public sealed class WelfareOptions : IValidatableObject
{
    public const string Section = "Welfare";

    /// <summary>How often each node looks for silent visits; 0 turns this node's scan off (another node's still runs).</summary>
    [Range(0, 3600)]
    public double ScanSeconds { get; set; } = 30;

    /// <summary>Minutes after the booked start with no check-in before an operator is asked to call.</summary>
    [Range(1, 240)]
    public int CheckInGraceMinutes { get; set; } = 15;

    /// <summary>Minutes after the booked end with no check-out before an operator is asked to call.</summary>
    [Range(1, 480)]
    public int CheckOutGraceMinutes { get; set; } = 40;

    /// <summary>
    /// The on-call operator's address (a shared mailbox or a pager gateway). When empty, every account with the Admin role
    /// is emailed: an alert that reaches nobody is worse than one that reaches everyone.
    /// </summary>
    public string? OnCallEmail { get; set; }

    // Empty is allowed (an environment variable set to nothing means "not set"); anything else must be an address.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(OnCallEmail) && !MimeKit.MailboxAddress.TryParse(OnCallEmail.Trim(), out _))
        {
            yield return new ValidationResult($"Welfare:OnCallEmail must be an email address (or empty: every operator is emailed), not '{OnCallEmail}'.", [nameof(OnCallEmail)]);
        }
    }

    public WelfareThresholds Thresholds() =>
        new(Duration.FromMinutes(CheckInGraceMinutes), Duration.FromMinutes(CheckOutGraceMinutes));
}
