using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Trust;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features.Trust;

/// <summary>After a closed visit the therapist rates the client once, privately: operators see it, the client and other therapists never do.</summary>
public sealed class ClientRatingTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private const string Note = "Kept me waiting at the door for ages; otherwise polite.";

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_therapist_rates_the_client_of_a_closed_visit_once_and_only_operators_see_it(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using var _c = client;
        var done = await TrustData.PastVisitAsync(app, clientId, therapistId);
        var open = await TrustData.PastVisitAsync(app, clientId, therapistId, BookingStatus.Confirmed);
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        using var other = await app.ClientForAsync(Principal.OtherTherapist);
        using var anonymous = app.NewBrowserLikeClient();

        using var notClosed = await therapist.PostAsJsonAsync($"/api/bookings/{open}/client-rating", new { rating = 4 });
        using var outOfRange = await therapist.PostAsJsonAsync($"/api/bookings/{done}/client-rating", new { rating = 6, note = new string('x', 1001) });
        using var notTheirs = await other.PostAsJsonAsync($"/api/bookings/{done}/client-rating", new { rating = 1 });
        using var byClient = await client.PostAsJsonAsync($"/api/bookings/{done}/client-rating", new { rating = 5 });
        using var signedOut = await anonymous.PostAsJsonAsync($"/api/bookings/{done}/client-rating", new { rating = 5 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notClosed.StatusCode);
        Assert.True((await notClosed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("booking", out _));
        var errors = (await outOfRange.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("rating", out _) && errors.TryGetProperty("note", out _), errors.ToString());
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byClient.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);

        using var rated = await therapist.PostAsJsonAsync($"/api/bookings/{done}/client-rating", new { rating = 2, note = Note });
        using var same = await therapist.PostAsJsonAsync($"/api/bookings/{done}/client-rating", new { rating = 2, note = Note });
        using var changed = await therapist.PostAsJsonAsync($"/api/bookings/{done}/client-rating", new { rating = 5 });

        Assert.Equal(HttpStatusCode.Created, rated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        var current = (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rating");
        Assert.Equal(2, current.GetProperty("rating").GetInt32());
        Assert.False(current.GetProperty("blocked").GetBoolean());
        Assert.Equal(1, await TrustData.DbAsync(app, db => db.Set<ClientRating>().CountAsync(r => r.BookingId == done)));
        Assert.Equal(1, await TrustData.DbAsync(app, db => db.AuditEntries.CountAsync(a => a.Action == "rate-client" && a.SubjectUserId == clientId)));

        // Operators read it, in the list and on the client's record.
        using var admin = await app.ClientForAsync(Principal.Admin);
        var record = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/clients/{clientId}");
        var rating = Assert.Single(record.GetProperty("ratings").EnumerateArray());
        Assert.Equal(Note, rating.GetProperty("note").GetString());
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement[]>("/api/admin/clients"))!, c => c.GetProperty("userId").GetString() == clientId);
        Assert.Contains(Note, WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/clients/{clientId}")), StringComparison.Ordinal);

        // Nobody else does: not the client (their pages, their data download), not another therapist, not the public.
        foreach (var page in new[] { "/bookings", "/account", "/api/me/export", "/api/bookings" })
        {
            Assert.DoesNotContain("waiting at the door", await client.GetStringAsync(page), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/admin/clients/{clientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/admin/clients/{clientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/therapist/visits/{done}/rate")).StatusCode);
        Assert.DoesNotContain("waiting at the door", await anonymous.GetStringAsync($"/therapists/{therapistId}"), StringComparison.Ordinal);
        Assert.DoesNotContain("waiting at the door", await anonymous.GetStringAsync($"/api/therapists/{therapistId}/reviews"), StringComparison.Ordinal);
        // The therapist who wrote it sees their own rating of the visit.
        Assert.Contains("waiting at the door", await therapist.GetStringAsync($"/therapist/visits/{done}/rate"), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Ten_identical_ratings_at_once_store_one_rating_and_one_block(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        client.Dispose();
        var visit = await TrustData.PastVisitAsync(app, clientId, therapistId, BookingStatus.NoShow);
        using var therapist = await app.ClientForAsync(Principal.Therapist);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            therapist.PostAsJsonAsync($"/api/bookings/{visit}/client-rating", new { rating = 1, note = "Not home, phone off.", block = true })));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(1, await TrustData.DbAsync(app, db => db.Set<ClientRating>().CountAsync(r => r.BookingId == visit)));
        Assert.Equal(1, await TrustData.DbAsync(app, db => db.Set<ClientBlock>().CountAsync(b => b.ClientUserId == clientId && b.TherapistId == therapistId)));
        Assert.Equal(1, await TrustData.DbAsync(app, db => db.AuditEntries.CountAsync(a => a.Action == "block-client" && a.SubjectUserId == clientId)));
        foreach (var response in responses)
        {
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("blocked").GetBoolean());
            response.Dispose();
        }
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_rating_page_rates_and_blocks_once_when_sent_twice_and_the_block_is_lifted_on_its_own_page(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        var (client, clientId, _) = await IntakeApiTests.RegisterClientAsync(app);
        client.Dispose();
        var visit = await TrustData.PastVisitAsync(app, clientId, therapistId);
        using var therapist = await app.ClientForAsync(Principal.Therapist);
        var schedule = await therapist.GetStringAsync("/therapist/schedule");
        Assert.Contains($"/therapist/visits/{visit}/rate", schedule, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"rate-form\"", await therapist.GetStringAsync($"/therapist/visits/{visit}/rate"), StringComparison.Ordinal);
        var form = new Dictionary<string, string> { ["Rating"] = "2", ["Note"] = "Shouted at me.", ["Block"] = "true" };

        using var first = await therapist.SubmitAsync($"/therapist/visits/{visit}/rate", form);
        using var twice = await therapist.SubmitAsync($"/therapist/visits/{visit}/rate", form);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        var page = WebUtility.HtmlDecode(await therapist.GetStringAsync($"/therapist/visits/{visit}/rate"));
        Assert.Contains("data-testid=\"rated\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"blocked\"", page, StringComparison.Ordinal);
        Assert.Equal(1, await TrustData.DbAsync(app, db => db.Set<ClientRating>().CountAsync(r => r.BookingId == visit)));
        Assert.Contains("Your private rating: 2 of 5", WebUtility.HtmlDecode(await therapist.GetStringAsync("/therapist/schedule")), StringComparison.Ordinal);

        var blocked = WebUtility.HtmlDecode(await therapist.GetStringAsync("/therapist/blocked"));
        Assert.Contains("Alex Client", blocked, StringComparison.Ordinal);
        var blockId = await TrustData.DbAsync(app, db => db.Set<ClientBlock>().Where(b => b.ClientUserId == clientId).Select(b => b.Id).SingleAsync());
        using var lifted = await therapist.SubmitAsync("/therapist/blocked", new Dictionary<string, string> { ["blockId"] = blockId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["name"] = "Alex Client" }, "/therapist/blocked?handler=Lift");
        using var liftedAgain = await therapist.DeleteAsync($"/api/therapists/me/blocks/{blockId}");

        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, liftedAgain.StatusCode);
        Assert.Contains("can find and book you again", WebUtility.HtmlDecode(await therapist.GetStringAsync("/therapist/blocked")), StringComparison.Ordinal);
        Assert.False(await TrustData.DbAsync(app, db => db.Set<ClientBlock>().AnyAsync(b => b.ClientUserId == clientId)));
        Assert.Equal(1, await TrustData.DbAsync(app, db => db.AuditEntries.CountAsync(a => a.Action == "unblock-client" && a.SubjectUserId == clientId)));
        // The rating stays; blocking again from the rated visit's page works.
        using var again = await therapist.SubmitAsync($"/therapist/visits/{visit}/rate", new Dictionary<string, string>(), $"/therapist/visits/{visit}/rate?handler=Block");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.True(await TrustData.DbAsync(app, db => db.Set<ClientBlock>().AnyAsync(b => b.ClientUserId == clientId)));
    }
}
