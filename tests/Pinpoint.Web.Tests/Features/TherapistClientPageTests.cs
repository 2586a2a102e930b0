using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>The therapist's view of a booked client's intake: on the dashboard, on its own page, audited, refused otherwise.</summary>
public sealed class TherapistClientPageTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_therapist_reads_a_booked_clients_intake_and_the_read_is_audited(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        await client.PutAsJsonAsync("/api/intake/draft", IntakeApiTests.CompleteIntake("anticoagulants"));
        await client.PostAsJsonAsync("/api/intake/submit", new
        {
            consents = new Dictionary<string, string> { ["treatment"] = ConsentTexts.Treatment.Version, ["privacy"] = ConsentTexts.Privacy.Version },
        });
        var start = DateTimeZoneProviders.Tzdb["Australia/Melbourne"].AtStrictly(new LocalDateTime(2026, 11, 25, 11, 0)).ToOffsetDateTime();
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
               {
                   Content = JsonContent.Create(new { therapistId, modality = "myofascial", durationMinutes = 60, start = OffsetDateTimePattern.Rfc3339.Format(start), latitude = -37.8001, longitude = 144.9671, address = "1 Lygon St, Carlton" }),
               })
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(request)).StatusCode);
        }

        using var therapist = await app.ClientForAsync(Principal.Therapist);
        var dashboard = WebUtility.HtmlDecode(await therapist.GetStringAsync("/therapist"));
        Assert.Contains($"href=\"/therapist/clients/{clientId}\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("Gentle pressure only", dashboard, StringComparison.Ordinal);

        var page = WebUtility.HtmlDecode(await therapist.GetStringAsync($"/therapist/clients/{clientId}"));
        Assert.Contains("data-rule=\"anticoagulants\"", page, StringComparison.Ordinal);
        Assert.Contains("gentle pressure only", page, StringComparison.Ordinal);
        Assert.Contains("Trigger points in the left upper trapezius", page, StringComparison.Ordinal);

        using var other = await app.ClientForAsync(Principal.OtherTherapist);
        using var refused = await other.GetAsync($"/therapist/clients/{clientId}");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/access-denied", refused.Headers.Location?.ToString(), StringComparison.Ordinal);

        var audit = await app.Scoped(async s => await s.GetRequiredService<PinpointDb>().AuditEntries
            .Where(a => a.SubjectUserId == clientId).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([ClientRecordAccess.ReadAction, ClientRecordAccess.DeniedAction], audit);
    }
}
