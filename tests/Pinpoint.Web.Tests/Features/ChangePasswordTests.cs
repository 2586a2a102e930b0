using System.Net;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>Changing your password: the current one is asked for, the new one must pass the rules, the old one stops working.</summary>
public sealed class ChangePasswordTests(AppsFixture apps) : IClassFixture<AppsFixture>
{
    private const string Registered = "tight-traps-2026"; // what IntakeApiTests.RegisterClientAsync signs up with

    private static async Task<bool> SignsInAsync(PinpointApp app, string email, string password)
    {
        using var client = app.NewBrowserLikeClient();
        using var response = await client.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    private static Dictionary<string, string> Change(string current, string next, string? repeat = null) => new()
    {
        ["Input.Current"] = current, ["Input.New"] = next, ["Input.Repeat"] = repeat ?? next,
    };

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task A_client_changes_their_password_and_only_the_new_one_signs_in(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, email) = await IntakeApiTests.RegisterClientAsync(app);

        using var wrongCurrent = await client.SubmitAsync("/account/password", Change("not-my-password-1", "trigger-points-2027"));
        using var mismatch = await client.SubmitAsync("/account/password", Change(Registered, "trigger-points-2027", "trigger-points-2028"));
        using var weak = await client.SubmitAsync("/account/password", Change(Registered, "short1"));
        using var changed = await client.SubmitAsync("/account/password", Change(Registered, "trigger-points-2027"));

        Assert.Contains("That is not your current password.", await wrongCurrent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("The two new passwords differ.", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("at least 10 characters", await weak.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        // This device stays signed in and is told; elsewhere only the new password works.
        Assert.Contains("Your password is changed.", await client.GetStringAsync("/account/password"), StringComparison.Ordinal);
        Assert.False(await SignsInAsync(app, email, Registered));
        Assert.True(await SignsInAsync(app, email, "trigger-points-2027"));
    }

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task The_account_s_address_is_told_of_a_change_and_not_of_a_refused_one(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (client, _, email) = await IntakeApiTests.RegisterClientAsync(app);

        using var refused = await client.SubmitAsync("/account/password", Change("not-my-password-1", "trigger-points-2027"));
        Assert.Empty(await app.MessagesAsync(email, Pinpoint.Web.Features.Notifications.NotificationKind.PasswordChanged));
        using var changed = await client.SubmitAsync("/account/password", Change(Registered, "trigger-points-2027"));

        var notice = Assert.Single(await app.MessagesAsync(email, Pinpoint.Web.Features.Notifications.NotificationKind.PasswordChanged));
        Assert.Equal("Your Pinpoint password was changed", notice.Subject);
        Assert.Contains("If it was not you, set a new password now", notice.Body, StringComparison.Ordinal);
        Assert.Contains("/account/forgot-password", notice.Body, StringComparison.Ordinal);
    }
}
