using System.Text;
using NodaTime;
using Pinpoint.Core.Booking;
using Pinpoint.Core.Catalogue;

namespace Pinpoint.Core.Tests.Booking;

public sealed class PricingTests
{
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];
    private static readonly Money Price = new(150m, "AUD");

    private static Quote QuoteAt(int year, int month, int day, int hour, int minute = 0, int minutes = 60, double km = 5) =>
        Pricing.Quote(Price, Melbourne.AtStrictly(new LocalDateTime(year, month, day, hour, minute)), Duration.FromMinutes(minutes), km, new SurchargePolicy());

    [Fact]
    public void A_weekday_daytime_visit_nearby_costs_the_catalogue_price()
    {
        var quote = QuoteAt(2026, 12, 7, 10);

        Assert.Equal(["base"], quote.Lines.Select(l => l.Code));
        Assert.Equal(Price, quote.Total);
    }

    [Theory]
    [InlineData(7, 59, 60, true)]
    [InlineData(8, 0, 60, false)]
    [InlineData(18, 0, 60, false)]
    [InlineData(18, 0, 75, true)]
    [InlineData(18, 1, 60, true)]
    public void After_hours_is_before_8_or_ending_after_7_pm(int hour, int minute, int minutes, bool afterHours)
    {
        var quote = QuoteAt(2026, 12, 7, hour, minute, minutes);

        Assert.Equal(afterHours, quote.Lines.Any(l => l.Code == "after-hours"));
    }

    [Fact]
    public void Surcharges_add_up_on_a_weekend_evening_far_away()
    {
        var quote = QuoteAt(2026, 12, 12, 18, 30, km: 21.2);

        Assert.Equal(["base", "after-hours", "weekend", "travel"], quote.Lines.Select(l => l.Code));
        Assert.Equal(new Money(30m, "AUD"), quote.Lines[1].Amount);
        Assert.Equal(new Money(22.50m, "AUD"), quote.Lines[2].Amount);
        Assert.Equal(new Money(10.50m, "AUD"), quote.Lines[3].Amount); // 6.2 km beyond 15 → 7 km at 1.50
        Assert.Equal(new Money(213m, "AUD"), quote.Total);
    }
}

public sealed class CancellationPolicyTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 12, 7, 23, 0);
    private static readonly Money Price = new(150m, "AUD");

    [Theory]
    [InlineData(48 * 60, 0)]
    [InlineData(24 * 60, 0)]
    [InlineData((24 * 60) - 1, 75)]
    [InlineData(4 * 60, 75)]
    [InlineData((4 * 60) - 1, 150)]
    [InlineData(0, 150)]
    [InlineData(-30, 150)]
    public void The_fee_steps_up_at_24_and_4_hours(int minutesBefore, decimal fee)
    {
        Assert.Equal(new Money(fee, "AUD"), CancellationPolicy.Default.Fee(Price, Start, Start - Duration.FromMinutes(minutesBefore)));
    }

    [Fact]
    public void The_policy_reads_in_plain_words()
    {
        Assert.Equal(
            "Free to cancel or move until 24 hours before the start. Inside 24 hours: 50% of the price. Inside 4 hours: 100% of the price.",
            CancellationPolicy.Default.Describe());
        Assert.Equal("Free to cancel or move at any time.", new CancellationPolicy([]).Describe());
    }
}

public sealed class IcsTests
{
    private static readonly CalendarEvent Visit = new(
        "booking-5b1e@pinpoint", 2, Instant.FromUtc(2026, 12, 6, 22, 30), Instant.FromUtc(2026, 12, 6, 23, 30),
        "Neuromuscular Therapy with Maya Robinson", "Gentle pressure only; a friendly dog, stairs.\nBring: nothing", "12 Smith St, Fitzroy VIC 3065");

    [Fact]
    public void An_event_has_utc_times_a_stable_uid_and_its_sequence()
    {
        var ics = Ics.Write([Visit], Instant.FromUtc(2026, 11, 30, 1, 2, 3));

        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nMETHOD:REQUEST\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nUID:booking-5b1e@pinpoint\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nSEQUENCE:2\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nDTSTART:20261206T223000Z\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nDTEND:20261206T233000Z\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nDTSTAMP:20261130T010203Z\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("LOCATION:12 Smith St\\, Fitzroy VIC 3065", ics, StringComparison.Ordinal);
        Assert.Contains("DESCRIPTION:Gentle pressure only\\; a friendly dog\\, stairs.\\nBring: nothing", ics.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.EndsWith("END:VEVENT\r\nEND:VCALENDAR\r\n", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancellation_uses_method_cancel_and_status_cancelled()
    {
        var ics = Ics.Write([Visit with { Sequence = 3, Cancelled = true }], Instant.FromUtc(2026, 11, 30, 0, 0), cancel: true);

        Assert.Contains("\r\nMETHOD:CANCEL\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nSTATUS:CANCELLED\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nSEQUENCE:3\r\n", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_characters()
    {
        var ics = Ics.Write([Visit with { Description = string.Concat(Enumerable.Repeat("Trigger point work — très doux. ", 10)) }], Instant.FromUtc(2026, 11, 30, 0, 0));

        var lines = ics.Split("\r\n");
        Assert.All(lines, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75, $"{Encoding.UTF8.GetByteCount(l)}: {l}"));
        Assert.Contains(lines, l => l.StartsWith(' '));
        var unfolded = ics.Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains(string.Concat(Enumerable.Repeat("Trigger point work — très doux. ", 10)).TrimEnd(), unfolded, StringComparison.Ordinal);
    }
}
