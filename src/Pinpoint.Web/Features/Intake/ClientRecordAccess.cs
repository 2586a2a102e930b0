using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Intake;

/// <summary>
/// Whether a therapist and a client have a booking together: the only way a therapist may read a client's health
/// data. Bookings are not the intake's business, so the booking feature answers it.
/// </summary>
public interface ICareRelationships
{
    Task<bool> HaveBookingAsync(Guid therapistId, string clientUserId, CancellationToken cancellationToken);
}

/// <summary>
/// The rule for reading a client's intake and screening: the client always; an admin; a therapist with a booking
/// with the client. Every read by someone other than the client, and every refusal, goes into the audit trail.
/// </summary>
public sealed class ClientRecordAccess(PinpointDb db, ICareRelationships care, IClock clock)
{
    private const int SubjectIdMaxLength = 450;

    public const string ReadAction = "read-intake";
    public const string DeniedAction = "read-intake-denied";

    public async Task<bool> CanReadAsync(ClaimsPrincipal actor, string clientUserId, string resource, CancellationToken cancellationToken)
    {
        var actorId = actor.FindFirstValue(ClaimTypes.NameIdentifier);
        if (actorId is null)
        {
            return false;
        }

        if (actorId == clientUserId)
        {
            return true;
        }

        // No account has an id this long; the attempt is still recorded, with as much of the id as the column holds.
        if (clientUserId.Length > SubjectIdMaxLength)
        {
            clientUserId = clientUserId[..SubjectIdMaxLength];
        }

        var allowed = actor.IsInRole(Roles.Admin);
        if (!allowed && actor.IsInRole(Roles.Therapist))
        {
            var therapistId = await db.Therapists.Where(t => t.UserId == actorId).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
            allowed = therapistId is { } id && await care.HaveBookingAsync(id, clientUserId, cancellationToken);
        }

        db.AuditEntries.Add(new AuditEntry
        {
            ActorUserId = actorId, Action = allowed ? ReadAction : DeniedAction, SubjectUserId = clientUserId, Resource = resource,
            At = clock.GetCurrentInstant(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return allowed;
    }
}
