using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Pinpoint.Bench;

/// <summary>
/// Booking throughput over HTTP on loopback: the app on Kestrel with SQLite and the demo therapists, parallel clients
/// racing for overlapping slots, then a count of double bookings straight from the database (must be 0).
/// Run: <c>dotnet run -c Release --project bench/Pinpoint.Bench -- booking-throughput</c>.
/// </summary>
public static partial class BookingThroughput
{
    private const int Workers = 32;

    public static async Task RunAsync()
    {
        var directory = Directory.CreateTempSubdirectory("pinpoint-throughput-").FullName;
        var file = Path.Combine(directory, "pinpoint.db");
        try
        {
            await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseSolutionRelativeContentRoot("src/Pinpoint.Web", AppContext.BaseDirectory, "Pinpoint.slnx");
                builder.UseEnvironment("Testing");
                builder.UseSetting("Database:Provider", "Sqlite");
                builder.UseSetting("Database:DataDirectory", directory);
                builder.UseSetting("ConnectionStrings:Pinpoint", $"Data Source={file}");
                builder.UseSetting("Demo:Seed", "true");
                builder.UseSetting("RateLimits:PublicApi:PermitsPerMinute", "1000000");
                builder.UseSetting("Logging:LogLevel:Default", "Warning");
            });
            app.UseKestrel(0);
            app.StartServer();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
            using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(address) };
            await SignInAsync(client);

            // Every free slot of every NMT and myofascial therapist near the CBD over three days: many overlap each other.
            var candidates = new List<(Guid Therapist, string Modality, string Start)>();
            var from = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var modality in new[] { "myofascial", "neuromuscular" })
            {
                var slots = await client.GetFromJsonAsync<JsonElement[]>($"/api/availability?latitude=-37.81&longitude=144.96&modality={modality}&date={from}&days=3");
                candidates.AddRange(slots!.SelectMany(s => s.GetProperty("therapists").EnumerateArray()
                    .Select(t => (t.GetProperty("therapistId").GetGuid(), modality, s.GetProperty("start").GetString()!))));
            }

            var queue = new System.Collections.Concurrent.ConcurrentQueue<(Guid, string, string)>(candidates.OrderBy(_ => Random.Shared.Next()));
            var created = 0;
            var conflicts = 0;
            var other = 0;
            var timer = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
            {
                while (queue.TryDequeue(out var item))
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
                    {
                        Content = JsonContent.Create(new { therapistId = item.Item1, modality = item.Item2, durationMinutes = 60, start = item.Item3, latitude = -37.81, longitude = 144.96, address = "Melbourne" }),
                    };
                    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                    using var response = await client.SendAsync(request);
                    _ = response.StatusCode switch
                    {
                        HttpStatusCode.Created => Interlocked.Increment(ref created),
                        HttpStatusCode.Conflict => Interlocked.Increment(ref conflicts),
                        _ => Interlocked.Increment(ref other),
                    };
                }
            }));
            timer.Stop();

            await using var connection = new SqliteConnection($"Data Source={file}");
            await connection.OpenAsync();
            await using var check = connection.CreateCommand();
            check.CommandText = """
                SELECT count(*) FROM Bookings a JOIN Bookings b
                  ON a.TherapistId = b.TherapistId AND a.Id < b.Id AND a.OccupiedStart < b.OccupiedEnd AND b.OccupiedStart < a.OccupiedEnd
                 WHERE a.Status <> 'Cancelled' AND b.Status <> 'Cancelled'
                """;
            var overlaps = (long)(await check.ExecuteScalarAsync())!;
            var requests = created + conflicts + other;
            Console.WriteLine(FormattableString.Invariant(
                $"{requests} booking requests from {Workers} parallel workers in {timer.Elapsed.TotalSeconds:0.00} s: {requests / timer.Elapsed.TotalSeconds:0} requests/s, {created} booked, {conflicts} refused as taken (409), {other} other; overlapping bookings found afterwards: {overlaps}"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task SignInAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = Token().Match(page).Groups[1].Value;
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "client@pinpoint.test", ["Input.Password"] = "pinpoint-demo-2026", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed: {response.StatusCode}");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
