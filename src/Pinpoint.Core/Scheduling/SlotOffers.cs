using System.Buffers;
using NodaTime;

namespace Pinpoint.Core.Scheduling;

/// <summary>
/// The (start, therapist) pairs a search finds, gathered in one pooled buffer and sorted once into <see cref="Slot"/>s: by
/// start; at one start, best fit first, then by therapist, then in the order found. A search at scale finds thousands, and
/// a dictionary of lists per start cost more than the search itself.
/// </summary>
internal sealed class SlotOffers : IDisposable
{
    private readonly record struct Offer(Instant Start, int Order, SlotTherapist Therapist);

    private sealed class Ranking : IComparer<Offer>
    {
        public static Ranking Instance { get; } = new();

        public int Compare(Offer x, Offer y)
        {
            var order = x.Start.CompareTo(y.Start);
            if (order == 0)
            {
                order = y.Therapist.Score.CompareTo(x.Therapist.Score);
            }

            if (order == 0)
            {
                order = x.Therapist.TherapistId.CompareTo(y.Therapist.TherapistId);
            }

            return order == 0 ? x.Order.CompareTo(y.Order) : order;
        }
    }

    private Offer[] _offers = ArrayPool<Offer>.Shared.Rent(256);
    private int _count;

    public void Add(Instant start, SlotTherapist therapist)
    {
        if (_count == _offers.Length)
        {
            var larger = ArrayPool<Offer>.Shared.Rent(_count * 2);
            Array.Copy(_offers, larger, _count);
            Return();
            _offers = larger;
        }

        _offers[_count] = new Offer(start, _count, therapist);
        _count++;
    }

    public Slot[] ToSlots(DateTimeZone zone)
    {
        Array.Sort(_offers, 0, _count, Ranking.Instance);
        var starts = 0;
        for (var i = 0; i < _count; i++)
        {
            if (i == 0 || _offers[i].Start != _offers[i - 1].Start)
            {
                starts++;
            }
        }

        var slots = new Slot[starts];
        for (int i = 0, slot = 0; i < _count; slot++)
        {
            var end = i + 1;
            while (end < _count && _offers[end].Start == _offers[i].Start)
            {
                end++;
            }

            var therapists = new SlotTherapist[end - i];
            for (var j = i; j < end; j++)
            {
                therapists[j - i] = _offers[j].Therapist;
            }

            slots[slot] = new Slot(_offers[i].Start.InZone(zone), therapists);
            i = end;
        }

        return slots;
    }

    public void Dispose()
    {
        Return();
        _offers = [];
    }

    // Cleared on return: the pool must not keep this search's therapists alive.
    private void Return()
    {
        if (_offers.Length > 0)
        {
            ArrayPool<Offer>.Shared.Return(_offers, clearArray: true);
        }
    }
}
