using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Pinpoint.Bench;

/// <summary>What the HTTP benchmarks do alike: sign in with the login form, send a booking and count how it was answered.</summary>
internal static partial class BenchHttp
{
    /// <summary>Signs in as a browser does (the form's antiforgery token, then the post); the answer must be the redirect.</summary>
    public static async Task SignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

/// <summary>Booking answers counted across parallel workers: booked (201), refused as taken (409), anything else (the first kept).</summary>
internal sealed class BookingTally
{
    private int _created;
    private int _conflicts;
    private int _other;
    private string? _firstOther;

    public int Created => _created;

    public int Conflicts => _conflicts;

    public int Other => _other;

    public string? FirstOther => _firstOther;

    /// <summary>Posts one booking with its own Idempotency-Key and counts the answer.</summary>
    public async Task BookAsync(HttpClient client, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request);
        switch (response.StatusCode)
        {
            case HttpStatusCode.Created:
                Interlocked.Increment(ref _created);
                break;
            case HttpStatusCode.Conflict:
                Interlocked.Increment(ref _conflicts);
                break;
            default:
                await UnexpectedAsync(response, "");
                break;
        }
    }

    /// <summary>Counts an answer that should not have come (a failed search before a booking, say).</summary>
    public async Task UnexpectedAsync(HttpResponseMessage response, string what)
    {
        ArgumentNullException.ThrowIfNull(response);
        Interlocked.Increment(ref _other);
        var text = $"{what}{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
        Interlocked.CompareExchange(ref _firstOther, text, null);
    }
}
