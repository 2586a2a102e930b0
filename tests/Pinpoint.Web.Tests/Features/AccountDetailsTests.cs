using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>The mobile number (kept in E.164 however it is typed), and every role reaching its sign-in and contact details.</summary>
public sealed class AccountDetailsTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, string mobile) =>
        client.SubmitAsync("/account/mobile", new Dictionary<string, string> { ["Input.Mobile"] = mobile });

    private static Task<string?> StoredAsync(PinpointApp app, string userId) =>
        app.Scoped(s => s.GetRequiredService<PinpointDb>().Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.PhoneNumber).SingleAsync());

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_mobile_number_is_stored_in_E164_and_shown_the_way_it_is_written_at_home(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, userId, _) = await IntakeApiTests.RegisterClientAsync(app);

        using var saved = await SaveAsync(client, "0412 345 678");
        using var again = await SaveAsync(client, "+61 412-345-678"); // the same number typed another way: a retry changes nothing

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("+61412345678", await StoredAsync(app, userId));
        Assert.Contains("value=\"0412 345 678\"", await client.GetStringAsync("/account/mobile"), StringComparison.Ordinal);
        Assert.Contains("0412 345 678", await client.GetStringAsync("/account"), StringComparison.Ordinal);

        using var overseas = await SaveAsync(client, "+64 21 123 4567");
        Assert.Equal("+64211234567", await StoredAsync(app, userId));
    }

    [Theory]
    [InlineDataOnAllDatabases("12345")]
    [InlineDataOnAllDatabases("03 9123 4567")] // a Melbourne landline: nobody answers it at a visit
    [InlineDataOnAllDatabases("call me")]
    [InlineDataOnAllDatabases("")]
    [InlineDataOnAllDatabases("+61 412 345 678 ext 99999999999999999999999999")]
    public async Task Anything_but_a_mobile_number_is_refused_and_the_stored_one_kept(DatabaseProvider provider, string mobile)
    {
        var app = await apps.For(provider);
        var (client, userId, _) = await IntakeApiTests.RegisterClientAsync(app);
        using (await SaveAsync(client, "0412 345 678"))
        {
        }

        using var response = await SaveAsync(client, mobile);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(MobileNumbers.Invalid, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("+61412345678", await StoredAsync(app, userId));
    }

    [Theory]
    [InlineDataOnAllDatabases(Principal.Client)]
    [InlineDataOnAllDatabases(Principal.Therapist)]
    [InlineDataOnAllDatabases(Principal.Admin)]
    public async Task Every_role_reaches_its_email_mobile_and_password_from_the_account_page(DatabaseProvider provider, Principal who)
    {
        var app = await apps.For(provider);
        using var client = await app.ClientForAsync(who);

        var account = await client.GetStringAsync("/account");

        foreach (var path in new[] { "/account/email", "/account/mobile", "/account/password" })
        {
            Assert.Contains($"href=\"{path}\"", account, StringComparison.Ordinal);
            using var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }

    [Theory]
    [InlineData("/account/email")]
    [InlineData("/account/mobile")]
    public async Task Signed_out_visitors_are_sent_to_log_in(string path)
    {
        var app = await apps.For(DatabaseProvider.Sqlite);
        using var visitor = app.NewBrowserLikeClient();

        using var response = await visitor.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
