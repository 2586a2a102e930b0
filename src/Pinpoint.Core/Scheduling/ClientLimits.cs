using System.Collections.Frozen;
using NodaTime;

namespace Pinpoint.Core.Scheduling;

/// <summary>
/// What a search must respect on the client's side, whoever the therapist: the therapists who will not see this client
/// again (<see cref="DeclinedBy"/>), the client's own visits (<see cref="Booked"/>: nobody is offered a time that
/// overlaps one, since a client can be in one appointment at a time) and whether the client may book at all.
/// </summary>
/// <param name="DeclinedBy">Therapists who have blocked this client: never offered, whatever else fits.</param>
/// <param name="Booked">The occupied ranges (set-up to pack-down) of the client's own visits.</param>
/// <param name="Suspended">True when the operator has suspended the client: nobody is offered.</param>
public sealed record ClientLimits(IReadOnlySet<Guid> DeclinedBy, IReadOnlyList<Interval> Booked, bool Suspended = false)
{
    public static ClientLimits None { get; } = new(FrozenSet<Guid>.Empty, []);

    /// <summary>True when the therapist may not be offered to this client.</summary>
    public bool Excludes(Guid therapistId) => Suspended || DeclinedBy.Contains(therapistId);

    /// <summary>True when <paramref name="occupied"/> overlaps one of the client's own visits (touching ends do not overlap).</summary>
    public bool Overlaps(Interval occupied)
    {
        // Indexed: asked once per candidate start, so no enumerator each time.
        for (var i = 0; i < Booked.Count; i++)
        {
            if (Booked[i].Start < occupied.End && occupied.Start < Booked[i].End)
            {
                return true;
            }
        }

        return false;
    }
}
