using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Data;
using Pinpoint.Web.Data.Seeding;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Nodes;

/// <summary>Three nodes started at once on one fresh PostgreSQL database (<see cref="ClusterFixture"/>).</summary>
[Collection(ClusterCollection.Name)]
public sealed partial class StartupAndKeysTests(ClusterFixture fixture)
{
    private IReadOnlyList<PinpointApp> Nodes => fixture.Cluster.Nodes;

    [Fact]
    public async Task Three_nodes_starting_together_on_a_fresh_database_all_come_up_with_one_set_of_seed_data()
    {
        foreach (var node in Nodes)
        {
            using var client = node.CreateClient();
            using var health = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        var counts = await Nodes[0].Scoped(async services =>
        {
            var db = services.GetRequiredService<PinpointDb>();
            return new
            {
                Users = await db.Users.CountAsync(), Roles = await db.Roles.CountAsync(), Therapists = await db.Therapists.CountAsync(),
                Modalities = await db.Modalities.CountAsync(), Keys = await db.DataProtectionKeys.CountAsync(),
            };
        });
        Assert.Equal(1 + DemoClients.All.Count + DemoTherapists.All.Count, counts.Users);
        Assert.Equal(Roles.All.Count, counts.Roles);
        Assert.Equal(DemoTherapists.All.Count, counts.Therapists);
        Assert.Equal(CatalogueContent.Build().Count, counts.Modalities);
        // One first key, made under the start-up lock, that every node signs with.
        Assert.Equal(1, counts.Keys);
    }

    [Fact]
    public async Task A_cookie_and_an_antiforgery_token_from_one_node_are_accepted_by_another()
    {
        var cookies = new CookieContainer();
        using var first = Cluster.ClientOf(Nodes[0], cookies);
        using var second = Cluster.ClientOf(Nodes[1], cookies);

        using (var signedIn = await first.SubmitAsync("/account/login", new Dictionary<string, string>
               {
                   ["Input.Email"] = DemoDataSeeder.ClientEmail, ["Input.Password"] = SignIn.DemoPassword,
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        // The sign-in cookie, issued by the first node, opens a signed-in page on the second.
        using (var page = await second.GetAsync("/account/mobile"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        // A form rendered by the first node (token and antiforgery cookie from it) is posted to the second.
        var html = await first.GetStringAsync("/account/mobile");
        var token = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Mobile"] = "0412 345 678", ["__RequestVerificationToken"] = token,
        });
        using var saved = await second.PostAsync("/account/mobile", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("0412 345 678", await first.GetStringAsync("/account/mobile"), StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
