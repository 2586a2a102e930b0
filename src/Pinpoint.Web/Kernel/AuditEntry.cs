using NodaTime;

namespace Pinpoint.Web.Kernel;

/// <summary>A read of someone's health data by someone else (or a refused attempt): who, what, whose, when.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }

    public required string ActorUserId { get; init; }

    public required string Action { get; init; }

    public required string SubjectUserId { get; init; }

    public required string Resource { get; init; }

    public required Instant At { get; init; }
}
