using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>The times on offer: grouped by part of the day, each with its price and any surcharge before it is chosen.</summary>
public sealed class BookSlotsPageTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Each_time_shows_its_price_and_surcharge_grouped_by_part_of_the_day(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var anonymous = app.CreateClient();

        var friday = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/book/slots?modality=myofascial&minutes=60&address=Carlton&date=2026-11-27"));
        var saturday = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/book/slots?modality=myofascial&minutes=60&address=Carlton&date=2026-11-28"));

        // The catalogue's 60-minute myofascial session is 125.00; before 8 am it is after hours (+20 %), Saturdays +15 %.
        Assert.Matches(@"[67]:\d\d AM</strong>\s*<span class=""slot-price"" data-testid=""slot-price"">150\.00 AUD · After hours \(\+20%\)</span>", friday);
        Assert.Matches(@"10:00 AM</strong>\s*<span class=""slot-price"" data-testid=""slot-price"">125\.00 AUD</span>", friday);
        Assert.Matches(@"10:00 AM</strong>\s*<span class=""slot-price"" data-testid=""slot-price"">143\.75 AUD · Weekend \(\+15%\)</span>", saturday);
        var parts = Regex.Matches(friday, @"<span data-testid=""part-of-day"">(\w+)</span>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["Morning", "Afternoon"], parts.Take(2));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_first_step_shows_each_therapys_price_per_length(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var anonymous = app.CreateClient();

        var first = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/book?regions=temple-left:6"));

        // Read from the catalogue: the myofascial prices seeded for each length, in the home area's currency.
        var prices = await app.Scoped(s => s.GetRequiredService<PinpointDb>().ModalityPrices.AsNoTracking()
            .Where(p => p.Modality == Pinpoint.Core.Catalogue.Modality.Myofascial && p.Currency == Zones.Home.Currency).OrderBy(p => p.DurationMinutes).ToListAsync());
        Assert.NotEmpty(prices);
        var expected = string.Join(" · ", prices.Select(p => $"{p.DurationMinutes} min ${p.Amount:0.##}"));
        Assert.Contains($"data-testid=\"therapy-prices\">{expected}</span>", first, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Matches(first, "data-testid=\"therapy-prices\"").Count);
    }
}
