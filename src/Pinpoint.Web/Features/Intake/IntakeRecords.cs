using NodaTime;

namespace Pinpoint.Web.Features.Intake;

/// <summary>A client's intake between steps: one per client, overwritten on each save, never shown to anyone else.</summary>
public sealed class IntakeDraft
{
    public required string ClientUserId { get; init; }

    /// <summary>The <see cref="Core.Intake.IntakeContent"/> as JSON (see <see cref="IntakeJson"/>).</summary>
    public required string ContentJson { get; set; }

    public Instant UpdatedAt { get; set; }
}

/// <summary>A submitted intake. Versions are never changed: an edit submits the next version.</summary>
public sealed class IntakeVersion
{
    public long Id { get; init; }

    public required string ClientUserId { get; init; }

    public required int Version { get; init; }

    public required string ContentJson { get; init; }

    /// <summary>The screening result at submission, as JSON: what the rules said about these answers then.</summary>
    public required string ScreeningJson { get; init; }

    public required string Outcome { get; init; }

    public required Instant SubmittedAt { get; init; }

    /// <summary>Set when the client's account was anonymised: the record is kept because health records must be retained.</summary>
    public Instant? RetainedAfterDeletionAt { get; set; }
}

/// <summary>A consent the user gave: which text, which version of it, and when.</summary>
public sealed class ConsentRecord
{
    public long Id { get; init; }

    public required string UserId { get; init; }

    public required string Kind { get; init; }

    public required string TextVersion { get; init; }

    public required Instant AcceptedAt { get; init; }
}
