using NodaTime;
using Pinpoint.Core.Catalogue;

namespace Pinpoint.Core.Booking;

/// <summary>A fee tier: cancelling with less than <see cref="NoticeUnder"/> to go costs <see cref="FeePercent"/> of the price.</summary>
public sealed record CancellationTier(Duration NoticeUnder, decimal FeePercent);

/// <summary>
/// What a client pays to cancel or move a booking, by how long before the start they do it. The default: free until
/// 24 hours before, 50 % inside 24 hours, 100 % inside 4 hours. A tier applies when the notice is strictly less than
/// its bound, so cancelling exactly 24 hours before is free.
/// </summary>
public sealed record CancellationPolicy(IReadOnlyList<CancellationTier> Tiers)
{
    public static CancellationPolicy Default { get; } = new([new(Duration.FromHours(24), 50m), new(Duration.FromHours(4), 100m)]);

    public decimal FeePercent(Instant start, Instant cancelledAt) => TierAt(start, cancelledAt)?.FeePercent ?? 0m;

    /// <summary>The tier a change at <paramref name="cancelledAt"/> falls in (the dearest that applies), or null when it is free.</summary>
    public CancellationTier? TierAt(Instant start, Instant cancelledAt)
    {
        var notice = start - cancelledAt;
        return Tiers.Where(t => notice < t.NoticeUnder).OrderByDescending(t => t.FeePercent).FirstOrDefault();
    }

    public Money Fee(Money price, Instant start, Instant cancelledAt) =>
        new(decimal.Round(price.Amount * FeePercent(start, cancelledAt) / 100m, 2, MidpointRounding.AwayFromZero), price.Currency);

    /// <summary>The policy in words, shown before the client confirms.</summary>
    public string Describe()
    {
        var ordered = Tiers.OrderByDescending(t => t.NoticeUnder).ToList();
        if (ordered.Count == 0)
        {
            return "Free to cancel or move at any time.";
        }

        return FormattableString.Invariant($"Free to cancel or move until {ordered[0].NoticeUnder.TotalHours:0} hours before the start.") +
               string.Concat(ordered.Select(t => FormattableString.Invariant($" Inside {t.NoticeUnder.TotalHours:0} hours: {t.FeePercent:0}% of the price.")));
    }
}
