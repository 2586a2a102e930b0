using System.Net;
using Pinpoint.Web.Data;
using Pinpoint.Web.Data.Seeding;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>After signing in, each role starts on its own home page; a page that asked for sign-in still comes first.</summary>
public sealed class SignInLandingTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    private static Dictionary<string, string> Login(string email) => new()
    {
        ["Input.Email"] = email, ["Input.Password"] = SignIn.DemoPassword,
    };

    [Theory]
    [InlineDataOnAllDatabases(DemoDataSeeder.AdminEmail, "/admin/vetting")]
    [InlineDataOnAllDatabases(SignIn.TherapistEmail, "/therapist")]
    [InlineDataOnAllDatabases(DemoDataSeeder.ClientEmail, "/account")]
    public async Task Each_role_lands_on_its_own_home(DatabaseProvider provider, string email, string home)
    {
        var app = await apps.For(provider);
        using var client = app.NewBrowserLikeClient();

        using var signedIn = await client.SubmitAsync("/account/login", Login(email));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(home, signedIn.Headers.Location?.ToString());
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_page_that_asked_for_sign_in_comes_before_the_home(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var client = app.NewBrowserLikeClient();

        using var signedIn = await client.SubmitAsync("/account/login?ReturnUrl=%2Ftherapist%2Fschedule", Login(SignIn.TherapistEmail));

        Assert.Equal("/therapist/schedule", signedIn.Headers.Location?.ToString());
    }
}
