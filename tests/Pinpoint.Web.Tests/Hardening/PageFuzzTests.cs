using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using CsCheck;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Hardening;

/// <summary>
/// Every Razor page, found from the app's own endpoints, asked for with odd query values and posted to with odd form
/// values (with a valid antiforgery token, so the handlers run), in every role: never a 5xx, always a page or a 4xx.
/// </summary>
public sealed partial class PageFuzzTests
{
    private const int SamplesPerPageAndRole = 8;

    private static readonly string[] Roles = ["", "client@pinpoint.test", SignIn.TherapistEmail, "admin@pinpoint.test"];

    private static readonly string[] FieldNames =
    [
        "date", "start", "therapist", "modality", "minutes", "latitude", "longitude", "address", "regions", "symptoms", "activity",
        "duration", "gender", "confirmed", "from", "days", "handler", "acceptedFee", "IdempotencyKey", "Number", "Street", "Suburb",
        "Postcode", "Mobile", "Email", "Password", "reason", "windowStart", "done",
    ];

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task No_page_answers_5xx_to_odd_queries_or_posts_in_any_role(DatabaseProvider provider)
    {
        await using var app = await PinpointApp.StartAsync(provider, seedDemo: true, builder =>
            builder.ConfigureServices(services => services.AddFakeLogging()));
        var logs = app.Services.GetFakeLogCollector();
        var ids = await ApiFuzzTests.KnownIdsAsync(app);
        var values = new FuzzValues(ids);
        var templates = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => e.RoutePattern.RawText!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(templates.Count > 30, $"only {templates.Count} pages");
        var failures = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var sent = 0;
        foreach (var role in Roles)
        {
            using var client = role.Length == 0 ? app.NewBrowserLikeClient() : await app.ClientForAsync(role);
            var token = TokenPattern().Match(await client.GetStringAsync(role.Length == 0 ? "/account/login" : "/account")).Groups[1].Value;
            Assert.NotEmpty(token);
            foreach (var template in templates)
            {
                var requests =
                    from path in Fill(template, values)
                    from post in Gen.Bool
                    from fields in Gen.Select(Gen.OneOf(FieldNames), Gen.Frequency((3, values.Text), (1, values.Instant), (1, values.Date), (1, values.Id), (1, values.NumberLiteral)))
                        .Array[0, 6]
                    select (path, post, fields);
                await requests.SampleAsync(async request =>
                {
                    var (path, post, fields) = request;
                    var pairs = fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2.Replace("\0", "", StringComparison.Ordinal))).ToList();
                    using var message = post
                        ? new HttpRequestMessage(HttpMethod.Post, path)
                        {
                            Content = new FormUrlEncodedContent([.. pairs, new("__RequestVerificationToken", WebUtility.HtmlDecode(token))]),
                        }
                        : new HttpRequestMessage(HttpMethod.Get, path + "?" + string.Join('&', pairs.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")));
                    using var response = await client.SendAsync(message);
                    Interlocked.Increment(ref sent);
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.TryAdd($"{(post ? "POST" : "GET")} {template} as {(role.Length == 0 ? "anonymous" : role)}",
                            $"{(int)response.StatusCode} for {message.RequestUri} {string.Join('&', pairs.Select(p => $"{p.Key}={(p.Value.Length > 60 ? p.Value[..60] : p.Value)}"))}: " +
                            $"{ApiFuzzTests.LastException(logs)}");
                    }
                }, iter: SamplesPerPageAndRole, threads: 1);
            }
        }

        Assert.True(failures.IsEmpty,
            $"{failures.Count} page/role pairs answered 5xx in {sent} requests:\n" +
            string.Join("\n", failures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}: {f.Value}")));
    }

    // "/therapist/visits/{bookingId:guid}/note" with a known or odd id for each parameter.
    private static Gen<string> Fill(string template, FuzzValues values)
    {
        Gen<string> path = Gen.Const("/" + template.TrimStart('/'));
        foreach (Match parameter in RouteParameter().Matches(template))
        {
            var token = parameter.Value;
            var isGuid = token.Contains(":guid", StringComparison.Ordinal);
            var isInt = token.Contains(":int", StringComparison.Ordinal);
            var optional = token.Contains('?', StringComparison.Ordinal);
            var gen = isGuid ? values.Id.Where(v => Guid.TryParse(v, out _))
                : isInt ? Gen.OneOf("1", "2", "3", "6", "7", "0", "99")
                : Gen.Frequency((3, values.UserId), (1, Gen.OneOf("psfs", "pss10", "sqs", "myofascial", "clinical", "x")));
            path = path.SelectMany(p => gen.Select(v => p.Replace(token, optional && v.Length == 0 ? "" : Uri.EscapeDataString(v.Length == 0 ? "x" : v), StringComparison.Ordinal)));
        }

        return path.Select(p => p.Replace("//", "/", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
