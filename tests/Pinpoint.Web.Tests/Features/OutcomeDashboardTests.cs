using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Outcomes;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>The operator's outcomes: groups of five or more clients shown, smaller ones hidden, in the page and the CSV.</summary>
public sealed class OutcomeDashboardTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    /// <summary>Clients treated by one therapist whose Neck Disability Index went from 24 to the given latest score.</summary>
    private static Task ClientsAsync(PinpointApp app, string therapist, int count, double latest, string prefix) =>
        app.Scoped(async s =>
        {
            var users = s.GetRequiredService<UserManager<PinpointUser>>();
            var db = s.GetRequiredService<PinpointDb>();
            var therapistId = await db.Therapists.Where(t => t.DisplayName == therapist).Select(t => t.Id).SingleAsync();
            var now = app.Clock.GetCurrentInstant();
            for (var i = 0; i < count; i++)
            {
                var user = new PinpointUser { UserName = $"{prefix}{i}@example.com", Email = $"{prefix}{i}@example.com", DisplayName = $"{prefix} {i}", CreatedAt = now };
                Assert.True((await users.CreateAsync(user)).Succeeded);
                var end = now - Duration.FromDays(10 + i) - Duration.FromMinutes(await db.Bookings.CountAsync() * 97);
                db.Bookings.Add(new Booking
                {
                    Id = Guid.NewGuid(), ClientUserId = user.Id, TherapistId = therapistId, Start = end - Duration.FromHours(1), End = end, Modality = Pinpoint.Core.Catalogue.Modality.Myofascial,
                    OccupiedStart = end - Duration.FromMinutes(70), OccupiedEnd = end + Duration.FromMinutes(10), Status = BookingStatus.Completed,
                });
                db.Add(new OutcomeResponse { ClientUserId = user.Id, InstrumentId = "ndi", AnswersJson = "{}", Score = 24, TakenAt = now - Duration.FromDays(30), AfterSessions = 0 });
                db.Add(new OutcomeResponse { ClientUserId = user.Id, InstrumentId = "ndi", AnswersJson = "{}", Score = latest, TakenAt = now - Duration.FromDays(2), AfterSessions = 3 });
            }

            await db.SaveChangesAsync();
        });

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Groups_under_five_clients_are_hidden_on_the_page_and_in_the_csv(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        await ClientsAsync(app, "Maya Robinson", 6, 12, "maya-client");
        await ClientsAsync(app, "Priya Sharma", 2, 20, "priya-client");
        using var admin = await app.ClientForAsync(Principal.Admin);

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/outcomes"));
        var csv = await admin.GetStringAsync("/admin/outcomes?handler=Csv");

        Assert.Matches("<th scope=\"row\">Maya Robinson</th><td>Neck Disability Index</td><td>6</td><td>12</td>\\s*<td>100 %</td><td>3</td>", page);
        Assert.DoesNotContain("Priya Sharma</th>", page, StringComparison.Ordinal);
        Assert.Contains("1 smaller group is not shown.", page, StringComparison.Ordinal);
        Assert.Contains("therapist,Maya Robinson,ndi,6,12,1,3\r\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Priya", csv, StringComparison.Ordinal);
        Assert.StartsWith("dimension,group,instrument,clients,", csv, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Only_admins_open_the_outcomes(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        using var anonymous = app.NewBrowserLikeClient();

        Assert.Equal(HttpStatusCode.Redirect, (await therapist.GetAsync("/admin/outcomes?handler=Csv")).StatusCode);
        Assert.Contains("access-denied", (await therapist.GetAsync("/admin/outcomes")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/account/login", (await anonymous.GetAsync("/admin/outcomes")).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
