using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Kernel;

namespace Pinpoint.Bench;

/// <summary>
/// Booking throughput over HTTP on loopback: the app on Kestrel over a SQLite file seeded like the availability
/// benchmark (2,000 therapists, 200,000 visits), one signed-in client, parallel workers sending bookings. Each of 1,000
/// therapists is asked for 11:00 twice, 11:15 once (overlapping 11:00) and 16:30 twice on one day, in random order, so
/// requests race for the same and overlapping times; afterwards the database is searched for overlapping bookings
/// (must be 0). Run: <c>dotnet run -c Release --project bench/Pinpoint.Bench -- booking-throughput</c>.
/// </summary>
public static class BookingThroughput
{
    private static readonly int Workers = int.TryParse(Environment.GetEnvironmentVariable("PINPOINT_BENCH_WORKERS"), out var w) ? w : 32;
    private const int TherapistsAsked = 1_000;

    public static async Task RunAsync()
    {
        var directory = Directory.CreateTempSubdirectory("pinpoint-throughput-").FullName;
        var file = Path.Combine(directory, "pinpoint.db");
        try
        {
            var zone = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];
            var tomorrow = SystemClock.Instance.GetCurrentInstant().InZone(zone).Date.PlusDays(1);
            await using (var db = new PinpointDb(new DbContextOptionsBuilder<PinpointDb>().UseSqlite($"Data Source={file}")
                             .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)).Options))
            {
                await db.Database.MigrateAsync();
            }

            var therapists = AvailabilityAtScale.Seed($"Data Source={file}", tomorrow, 200_000);
            SqliteConnection.ClearAllPools();

            await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseSolutionRelativeContentRoot("src/Pinpoint.Web", AppContext.BaseDirectory, "Pinpoint.slnx");
                builder.UseEnvironment("Testing");
                builder.UseSetting("Database:Provider", "Sqlite");
                builder.UseSetting("Database:DataDirectory", directory);
                builder.UseSetting("ConnectionStrings:Pinpoint", $"Data Source={file}");
                builder.UseSetting("Demo:Seed", "false");
                builder.UseSetting("RateLimits:PublicApi:PermitsPerMinute", "1000000");
                builder.UseSetting("Logging:LogLevel:Default", "Warning");
                builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Query", Environment.GetEnvironmentVariable("PINPOINT_BENCH_EF_QUERY_LOG") ?? "Warning");
            });
            app.UseKestrel(0);
            app.StartServer();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
            using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = Workers };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(address) };
            await SignUpAndSignInAsync(app.Services, client);

            if (Environment.GetEnvironmentVariable("PINPOINT_BENCH_PROBE") is { } probe)
            {
                var c0 = Process.GetCurrentProcess().TotalProcessorTime;
                var t0 = Stopwatch.StartNew();
                var n = 0;
                await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
                {
                    while (Interlocked.Increment(ref n) <= 5000)
                    {
                        using var r = await client.GetAsync(probe);
                    }
                }));
                Console.WriteLine(FormattableString.Invariant($"probe {probe}: {5000 / t0.Elapsed.TotalSeconds:0}/s, CPU {(Process.GetCurrentProcess().TotalProcessorTime - c0).TotalMilliseconds / 5000:0.00} ms per request"));
            }

            // A server runs for days: the first requests (JIT tiering, caches, pools) are not what it sustains.
            var warmUp = await SendAsync(client, Requests(therapists, TherapistsAsked, therapists.Count - TherapistsAsked, tomorrow, zone));
            Console.WriteLine($"warm-up: {warmUp.Created + warmUp.Conflicts + warmUp.Other} requests ({warmUp.Created} booked)");

            var requests = Requests(therapists, 0, TherapistsAsked, tomorrow, zone);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var timer = Stopwatch.StartNew();
            var (created, conflicts, other, firstOther) = await SendAsync(client, requests);
            timer.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

            await using var connection = new SqliteConnection($"Data Source={file}");
            await connection.OpenAsync();
            await using var check = connection.CreateCommand();
            check.CommandText = """
                SELECT count(*) FROM Bookings a JOIN Bookings b
                  ON a.TherapistId = b.TherapistId AND a.Id < b.Id AND a.OccupiedStart < b.OccupiedEnd AND b.OccupiedStart < a.OccupiedEnd
                 WHERE a.Status <> 'Cancelled' AND b.Status <> 'Cancelled'
                """;
            var overlaps = (long)(await check.ExecuteScalarAsync())!;
            var seconds = timer.Elapsed.TotalSeconds;
            Console.WriteLine(FormattableString.Invariant(
                $"{requests.Count} booking requests from {Workers} parallel workers in {seconds:0.00} s: {requests.Count / seconds:0} requests/s; {created} booked ({created / seconds:0} bookings/s), {conflicts} refused as taken (409), {other} other; overlapping bookings found afterwards: {overlaps}; CPU (server and clients together) {cpu.TotalMilliseconds / requests.Count:0.0} ms per request, {cpu.TotalSeconds / seconds / Environment.ProcessorCount * 100:0}% of {Environment.ProcessorCount} cores"));
            if (firstOther is not null)
            {
                Console.WriteLine($"first unexpected answer: {firstOther}");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    // Five requests per therapist on one day: 11:00 twice, 11:15 (overlapping it) and 16:30 twice, at their seeded clients' spot.
    private static List<object> Requests(List<(Guid Id, double Latitude, double Longitude)> therapists, int first, int count, LocalDate from, DateTimeZone zone)
    {
        var requests = new List<object>();
        for (var i = first; i < first + count; i++)
        {
            var (id, latitude, longitude) = therapists[i];
            var day = from.PlusDays(i % 40);
            day = day.DayOfWeek == IsoDayOfWeek.Sunday ? day.PlusDays(1) : day;
            string At(int hour, int minute) => OffsetDateTimePattern.Rfc3339.Format(zone.AtLeniently(day + new LocalTime(hour, minute)).ToOffsetDateTime());
            var modality = i % 2 == 0 ? "neuromuscular" : "myofascial";
            foreach (var (hour, minute) in new[] { (11, 0), (11, 0), (11, 15), (16, 30), (16, 30) })
            {
                requests.Add(new { therapistId = id, modality, durationMinutes = 60, start = At(hour, minute), latitude = latitude + 0.01, longitude = longitude + 0.01, address = "Bench St" });
            }
        }

        return [.. requests.OrderBy(_ => Random.Shared.Next())];
    }

    private static async Task<(int Created, int Conflicts, int Other, string? FirstOther)> SendAsync(HttpClient client, List<object> requests)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<object>(requests);
        var tally = new BookingTally();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            while (queue.TryDequeue(out var body))
            {
                await tally.BookAsync(client, body);
            }
        }));
        return (tally.Created, tally.Conflicts, tally.Other, tally.FirstOther);
    }

    // Sign-up waits for the emailed link, so the client is made as a confirmed account directly, then signs in with the form.
    private static async Task SignUpAndSignInAsync(IServiceProvider services, HttpClient client)
    {
        const string Email = "bench@pinpoint.test";
        const string Password = "quiet-harbour-lantern-2026";
        using (var scope = services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PinpointUser>>();
            var user = new PinpointUser { UserName = Email, Email = Email, EmailConfirmed = true, DisplayName = "Bench Client", CreatedAt = SystemClock.Instance.GetCurrentInstant() };
            foreach (var step in new Func<Task<IdentityResult>>[] { () => users.CreateAsync(user, Password), () => users.AddToRoleAsync(user, Roles.Client) })
            {
                var result = await step();
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"The benchmark's client could not be made: {string.Join(" ", result.Errors.Select(e => e.Description))}");
                }
            }
        }

        await BenchHttp.SignInAsync(client, Email, Password);
    }
}
