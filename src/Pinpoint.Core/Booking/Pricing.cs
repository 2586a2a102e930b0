using NodaTime;
using Pinpoint.Core.Catalogue;

namespace Pinpoint.Core.Booking;

/// <summary>The operator's surcharges. Percentages are of the catalogue price; all amounts are computed on the server.</summary>
public sealed record SurchargePolicy
{
    /// <summary>Sessions starting before this local time, or ending after <see cref="AfterHoursFrom"/>, are after hours.</summary>
    public LocalTime BusinessHoursFrom { get; init; } = new(8, 0);

    public LocalTime AfterHoursFrom { get; init; } = new(19, 0);

    public decimal AfterHoursPercent { get; init; } = 20m;

    public decimal WeekendPercent { get; init; } = 15m;

    /// <summary>Straight-line distance from the therapist's base included in the price.</summary>
    public double IncludedTravelKm { get; init; } = 15;

    public decimal PerKmBeyond { get; init; } = 1.50m;
}

/// <param name="Deduction">A discount: <paramref name="Amount"/> is taken off the total.</param>
public sealed record QuoteLine(string Code, string Description, Money Amount, bool Deduction = false)
{
    /// <summary>The amount as it counts towards the total: negative for a deduction.</summary>
    public decimal Signed => Deduction ? -Amount.Amount : Amount.Amount;
}

/// <summary>What the client pays: the catalogue price and each surcharge, and the total.</summary>
public sealed record Quote(IReadOnlyList<QuoteLine> Lines)
{
    public Money Total => Lines.Skip(1).Aggregate(Lines[0].Amount, (sum, line) => line.Deduction ? sum.Subtract(line.Amount) : sum.Add(line.Amount));
}

public static class Pricing
{
    /// <param name="start">The session start in the client's zone (local rules decide after hours and weekends).</param>
    public static Quote Quote(Money basePrice, ZonedDateTime start, Duration length, double travelKm, SurchargePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var lines = new List<QuoteLine> { new("base", "Session", basePrice) };
        var end = start.LocalDateTime.PlusTicks(length.BclCompatibleTicks);
        if (start.TimeOfDay < policy.BusinessHoursFrom || end.TimeOfDay > policy.AfterHoursFrom || end.Date > start.Date)
        {
            lines.Add(new("after-hours", $"After hours (+{policy.AfterHoursPercent:0.##}%)", Percent(basePrice, policy.AfterHoursPercent)));
        }

        if (start.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
        {
            lines.Add(new("weekend", $"Weekend (+{policy.WeekendPercent:0.##}%)", Percent(basePrice, policy.WeekendPercent)));
        }

        var beyond = travelKm - policy.IncludedTravelKm;
        if (beyond > 0)
        {
            var km = (decimal)Math.Ceiling(beyond);
            lines.Add(new("travel", $"Travel beyond {policy.IncludedTravelKm:0.#} km ({km:0} km)", new Money(km * policy.PerKmBeyond, basePrice.Currency)));
        }

        return new Quote(lines);
    }

    /// <summary>The quote with <paramref name="percent"/> of the catalogue price (the first line) taken off.</summary>
    public static Quote WithDiscount(Quote quote, string code, string description, decimal percent)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100m);
        return percent == 0 ? quote : new Quote([.. quote.Lines, new QuoteLine(code, description, Percent(quote.Lines[0].Amount, percent), Deduction: true)]);
    }

    private static Money Percent(Money price, decimal percent) =>
        new(decimal.Round(price.Amount * percent / 100m, 2, MidpointRounding.AwayFromZero), price.Currency);
}
