using NodaTime;
using Pinpoint.Core.Booking;
using Pinpoint.Core.Catalogue;

namespace Pinpoint.Core.Tests.Booking;

public sealed class BookingWindowTests
{
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];
    private static readonly WindowPolicy Policy = new();

    private static Instant At(int day, int hour, int minute = 0) => Melbourne.AtStrictly(new LocalDateTime(2026, 11, day, hour, minute)).ToInstant();

    [Fact]
    public void Windows_close_at_six_the_evening_before()
    {
        Assert.Equal(At(24, 18), BookingWindows.ConfirmBy(At(25, 8), Melbourne, Policy));
        Assert.Equal(new LocalDate(2026, 11, 25), BookingWindows.FirstOpenDay(At(24, 17, 59), Melbourne, Policy));
        Assert.Equal(new LocalDate(2026, 11, 26), BookingWindows.FirstOpenDay(At(24, 18), Melbourne, Policy));
    }

    [Theory]
    [InlineData(25, 8, 0, 180, null)]
    [InlineData(25, 18, 0, 180, null)]
    [InlineData(25, 18, 15, 180, "windowStart")]
    [InlineData(25, 6, 45, 180, "windowStart")]
    [InlineData(25, 8, 5, 180, "windowStart")]
    [InlineData(25, 8, 0, 150, "windowEnd")]
    [InlineData(24, 12, 0, 180, "windowStart")]
    public void A_window_is_three_hours_on_the_quarter_hour_within_the_day_and_open(int day, int hour, int minute, int minutes, string? field)
    {
        var errors = BookingWindows.Check(At(day, hour, minute), At(day, hour, minute) + Duration.FromMinutes(minutes), At(24, 9), Melbourne, Policy);

        Assert.Equal(field is null ? [] : [field], errors.Keys);
    }

    [Fact]
    public void The_window_discount_comes_off_the_catalogue_price_and_shows_as_a_line()
    {
        var quote = Pricing.WithDiscount(
            Pricing.Quote(new Money(150m, "AUD"), Melbourne.AtStrictly(new LocalDateTime(2026, 11, 28, 10, 0)), Duration.FromHours(1), 5, new SurchargePolicy()),
            "window", "Window", 10m);

        Assert.Equal(["base", "weekend", "window"], quote.Lines.Select(l => l.Code));
        Assert.Equal(-15m, quote.Lines[^1].Signed);
        Assert.Equal(new Money(150m + 22.50m - 15m, "AUD"), quote.Total);
    }
}
