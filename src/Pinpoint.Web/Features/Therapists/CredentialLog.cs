using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Scheduling;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>
/// A credential's changes of state as structured events: ids, modality and status only (never the issuer, number,
/// document or a rejection's reason, which may name people). Event ids 1200–1299 are the therapists'.
/// </summary>
internal static partial class CredentialLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Credential {CredentialId} applied for by therapist {TherapistId} ({Modality})")]
    public static partial void Applied(this ILogger logger, Guid credentialId, Guid therapistId, Modality modality);

    /// <summary>An admin's decision: <c>Approved</c> or <c>Rejected</c>.</summary>
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Credential {CredentialId} of therapist {TherapistId} {Decision} by admin {AdminUserId}")]
    public static partial void Decided(this ILogger logger, Guid credentialId, Guid therapistId, CredentialStatus decision, string adminUserId);
}
