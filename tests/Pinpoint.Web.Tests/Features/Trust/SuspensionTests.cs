using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Trust;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features.Trust;

/// <summary>Operators suspend and reinstate clients; a suspended client can book nobody, anywhere, and is told only to contact us.</summary>
public sealed class SuspensionTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private const string Reason = "Abusive messages to a therapist after the visit.";

    private static async Task AssertNeutralAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(ClientStanding.NotTakingBookings, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
        Assert.DoesNotContain("Abusive", body, StringComparison.Ordinal);
        Assert.DoesNotContain("suspend", body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_suspended_client_can_book_nobody_is_told_neutrally_and_books_again_once_reinstated(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var maya = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        var existing = await TrustData.BookedAsync(client, maya, TrustData.At(11, 27, 10), "before-suspension");
        using var admin = await app.ClientForAsync(Principal.Admin);

        // Two operators (or a double click) at once: one suspension, with the first reason.
        var suspended = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            admin.PostAsJsonAsync($"/api/admin/clients/{clientId}/suspension", new { reason = Reason })));
        using var again = await admin.PostAsJsonAsync($"/api/admin/clients/{clientId}/suspension", new { reason = "Something else." });
        Assert.All(suspended, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(Reason, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Equal(1, await TrustData.DbAsync(app, db => db.Set<ClientSuspension>().CountAsync(s => s.ClientUserId == clientId)));
        Assert.Equal(1, await TrustData.DbAsync(app, db => db.AuditEntries.CountAsync(a => a.Action == "suspend-client" && a.SubjectUserId == clientId)));

        // Refused everywhere with the same words, which say nothing of why.
        using var booking = await TrustData.BookAsync(client, maya, TrustData.At(11, 27, 13), "after-suspension");
        await AssertNeutralAsync(booking);
        using var window = await WindowBookingTests.RequestWindowAsync(client, TrustData.At(12, 9, 9), TrustData.At(12, 9, 12), "window-after-suspension");
        await AssertNeutralAsync(window);
        using var planRequest = new HttpRequestMessage(HttpMethod.Post, "/api/plans")
        {
            Content = JsonContent.Create(new
            {
                therapistId = maya, modality = "myofascial", durationMinutes = 60, firstStart = TrustData.At(11, 30, 10), sessions = 3, cadenceDays = 7,
                latitude = TrustData.Latitude, longitude = TrustData.Longitude, address = "1 Lygon St, Carlton",
            }),
        };
        planRequest.Headers.Add("Idempotency-Key", "plan-after-suspension");
        using var plan = await client.SendAsync(planRequest);
        await AssertNeutralAsync(plan);
        using var move = await client.PostAsJsonAsync($"/api/bookings/{existing}/reschedule", new { start = TrustData.At(11, 27, 11) });
        await AssertNeutralAsync(move);
        Assert.Empty(await TrustData.SlotsAsync(client, "2026-11-27"));
        foreach (var page in new[]
                 {
                     "/book", "/book/slots?modality=myofascial&minutes=60&address=Carlton%203053&date=2026-11-27",
                     BlockTests.ReviewPath(maya, TrustData.At(11, 27, 13)), $"/bookings/{existing}/move?date=2026-11-27",
                     "/book/window?modality=myofascial&minutes=60&address=Carlton%203053&date=2026-12-09&window=morning",
                 })
        {
            var html = WebUtility.HtmlDecode(await client.GetStringAsync(page));
            Assert.Contains(ClientStanding.NotTakingBookings, html, StringComparison.Ordinal);
            Assert.DoesNotContain("Abusive", html, StringComparison.Ordinal);
        }

        using var checkout = await client.SubmitAsync(BlockTests.ReviewPath(maya, TrustData.At(11, 27, 13)), BlockTests.Checkout);
        Assert.Contains(ClientStanding.NotTakingBookings, WebUtility.HtmlDecode(await checkout.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1, await TrustData.DbAsync(app, db => db.Bookings.CountAsync(b => b.ClientUserId == clientId)));

        // What was booked stays until an operator cancels it, from the client's record (no fee; both are told).
        var record = WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/clients/{clientId}"));
        Assert.Contains(Reason, record, StringComparison.Ordinal);
        Assert.Contains($"data-booking=\"{existing}\"", record, StringComparison.Ordinal);
        using var cancelled = await admin.SubmitAsync($"/admin/clients/{clientId}",
            new Dictionary<string, string> { ["bookingId"] = existing.ToString() }, $"/admin/clients/{clientId}?handler=Cancel");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var after = await TrustData.DbAsync(app, db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == existing));
        Assert.Equal(BookingStatus.Cancelled, after.Status);
        Assert.Equal(0m, after.FeeAmount);

        // Reinstated (twice at once): one reinstatement, and the client books again.
        var reinstated = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            admin.PostAsJsonAsync($"/api/admin/clients/{clientId}/reinstatement", new { note = "Apologised; agreed to the terms." })));
        Assert.All(reinstated, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await TrustData.DbAsync(app, db => db.AuditEntries.CountAsync(a => a.Action == "reinstate-client" && a.SubjectUserId == clientId)));
        Assert.NotEmpty(await TrustData.SlotsAsync(client, "2026-11-27"));
        await TrustData.BookedAsync(client, maya, TrustData.At(11, 27, 13), "after-reinstatement");
        Assert.Contains("Earlier suspensions", await admin.GetStringAsync($"/admin/clients/{clientId}"), StringComparison.Ordinal);
        foreach (var response in suspended.Concat(reinstated))
        {
            response.Dispose();
        }
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Only_operators_suspend_and_only_clients_are_suspended(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        using var admin = await app.ClientForAsync(Principal.Admin);
        var therapistUserId = await TrustData.DbAsync(app, db => db.Users.Where(u => u.Email == SignIn.TherapistEmail).Select(u => u.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await therapist.PostAsJsonAsync($"/api/admin/clients/{clientId}/suspension", new { reason = Reason })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/admin/clients/{clientId}/suspension", new { reason = Reason })).StatusCode);
        Assert.Contains("access-denied", (await therapist.GetAsync("/admin/clients")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/admin/clients/{therapistUserId}/suspension", new { reason = Reason })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/clients/{therapistUserId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/clients/nobody")).StatusCode);
        using var empty = await admin.PostAsJsonAsync($"/api/admin/clients/{clientId}/suspension", new { reason = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.True((await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        using var page = await admin.SubmitAsync($"/admin/clients/{clientId}", new Dictionary<string, string> { ["Reason"] = "" }, $"/admin/clients/{clientId}?handler=Suspend");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"reason-error\">Give the reason", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await TrustData.DbAsync(app, db => db.Set<ClientSuspension>().AnyAsync(s => s.ClientUserId == clientId)));
        // Reinstating someone not suspended changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/admin/clients/{clientId}/reinstatement", new { })).StatusCode);
        Assert.False(await TrustData.DbAsync(app, db => db.AuditEntries.AnyAsync(a => a.Action == "reinstate-client" && a.SubjectUserId == clientId)));
    }
}
