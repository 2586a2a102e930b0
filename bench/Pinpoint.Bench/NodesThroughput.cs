using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Planning;
using Pinpoint.Web.Kernel;

namespace Pinpoint.Bench;

/// <summary>
/// Booking throughput through nginx in front of one or two app nodes on one PostgreSQL, driven by <c>bench/nodes.sh</c>,
/// which starts the deployment and calls these commands:
/// <list type="bullet">
/// <item><c>nodes-seed &lt;connection&gt;</c>: the 2,000 therapists and 200,000 visits of the availability benchmark, and
/// 50 signed-up clients with a password, into a database a node has already migrated.</item>
/// <item><c>nodes-load &lt;base url&gt; &lt;certificate&gt; &lt;connection&gt; book|search-book</c>: signs the 50 clients in
/// through the balancer and sends bookings (or a search for the day, then the booking), first 2 × 5,000 to warm up, then
/// 5,000 measured; counts overlapping bookings afterwards.</item>
/// <item><c>lease-cost &lt;connection&gt;</c>: the day planner's lease renewal and idle poll, each run 2,000 times.</item>
/// </list>
/// </summary>
public static class NodesThroughput
{
    private const string Password = "bench-password-2026";
    private const int Clients = 50;

    // Therapist i is asked on working day i % 40 by client i / 40: a client's visits never fall on one day, so the
    // database's one-visit-at-a-time rule for a client refuses nothing and only the races for a therapist's time do.
    private const int DaysPerClient = 40;
    private const int TherapistsAsked = 1_000;

    // Fifty browsers' worth of connections (not fifty times the workers), well inside nginx's worker_connections.
    private const int ConnectionsPerClient = 4;

    private static readonly int Workers = int.TryParse(Environment.GetEnvironmentVariable("PINPOINT_BENCH_WORKERS"), out var w) ? w : 32;
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];

    public static async Task SeedAsync(string connection)
    {
        var timer = Stopwatch.StartNew();
        await AvailabilityAtScale.SeedThroughEfAsync(() => Open(connection), new LocalDate(2026, 12, 1), 200_000);
        await using (var db = Open(connection))
        {
            var role = await db.Roles.SingleAsync(r => r.NormalizedName == Roles.Client.ToUpperInvariant());
            var hasher = new PasswordHasher<PinpointUser>();
            for (var k = 0; k < Clients; k++)
            {
                var email = Email(k);
                var user = new PinpointUser
                {
                    Id = $"bench{k}", UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true, DisplayName = $"Bench Client {k}", SecurityStamp = Guid.NewGuid().ToString("N"),
                    ConcurrencyStamp = Guid.NewGuid().ToString(), CreatedAt = Instant.FromUtc(2026, 1, 1, 0, 0),
                };
                user.PasswordHash = hasher.HashPassword(user, Password);
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
            }

            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        Console.WriteLine(FormattableString.Invariant($"seeded 2,000 therapists, 200,000 visits and {Clients} clients in {timer.Elapsed.TotalSeconds:0} s"));
    }

    public static async Task<int> LoadAsync(Uri baseAddress, string certificateFile, string connection, string workload)
    {
        var searchFirst = workload switch
        {
            "book" => false,
            "search-book" => true,
            _ => throw new ArgumentException($"Unknown workload {workload}: book or search-book."),
        };
        var trusted = X509Certificate2.CreateFromPem(File.ReadAllText(certificateFile));
        var clients = new HttpClient[Clients];
        for (var k = 0; k < Clients; k++)
        {
            // The balancer's self-signed certificate, and only it (by thumbprint); its name (pinpoint.localhost, which
            // browsers resolve themselves) on loopback; cookies per client, as in a browser.
            var handler = new SocketsHttpHandler
            {
                CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = ConnectionsPerClient,
                SslOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == trusted.Thumbprint,
                },
                ConnectCallback = async (context, cancellationToken) =>
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            clients[k] = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress };
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(k => BenchHttp.SignInAsync(clients[k], Email(k), Password)));
            var therapists = await TherapistsAsync(connection);
            var days = WorkingDays(SystemClock.Instance.GetCurrentInstant().InZone(Melbourne).Date.PlusDays(1));

            // Each node compiles (tiered, with PGO) for itself: two passes, so that each of two nodes has seen as many
            // requests before the measurement as one node sees in one pass.
            foreach (var pass in new[] { days, WorkingDays(days[^1].PlusDays(1)) })
            {
                var warmUp = await SendAsync(clients, Requests(therapists, TherapistsAsked, therapists.Count - TherapistsAsked, pass), searchFirst);
                Console.WriteLine($"warm-up: {warmUp.Requests} requests ({warmUp.Created} booked, {warmUp.Other} other{(warmUp.FirstOther is null ? "" : ": " + warmUp.FirstOther)})");
            }

            var requests = Requests(therapists, 0, TherapistsAsked, days);
            var cpu = MachineCpu.Read();
            var processes = ProcessCpu.Read();
            var timer = Stopwatch.StartNew();
            var result = await SendAsync(clients, requests, searchFirst);
            timer.Stop();
            var (busy, total) = MachineCpu.Read() - cpu;
            var byRole = ProcessCpu.Since(processes);

            var overlaps = await OverlapsAsync(connection);
            var seconds = timer.Elapsed.TotalSeconds;
            Console.WriteLine(FormattableString.Invariant(
                $"{workload}: {result.Requests} HTTP requests ({requests.Count} booking attempts) from {Workers} workers in {seconds:0.00} s: {result.Requests / seconds:0} requests/s, {requests.Count / seconds:0} booking attempts/s; {result.Created} booked, {result.Conflicts} refused as taken (409), {result.Other} other; overlapping bookings afterwards: {overlaps}; machine CPU {busy * 1000 / result.Requests:0.00} ms per request, {busy / total * 100:0}% of {Environment.ProcessorCount} cores"));
            Console.WriteLine("CPU per request by process: " + string.Join(", ", byRole.OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => FormattableString.Invariant($"{r.Key} {r.Value * 1000 / result.Requests:0.00} ms"))));
            Console.WriteLine(FormattableString.Invariant($"RESULT {workload} {result.Requests / seconds:0.0} {busy * 1000 / result.Requests:0.000} {result.Other} {overlaps}"));
            if (result.FirstOther is not null)
            {
                Console.WriteLine($"first unexpected answer: {result.FirstOther}");
            }

            return result.Other == 0 && overlaps == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>What a running plan's lease renewal (once a second) and an idle worker's poll (every few seconds) cost, one after another on one connection.</summary>
    public static async Task LeaseCostAsync(string connection)
    {
        const int Calls = 2_000;
        var options = Options.Create(new PlanningOptions { LeaseSeconds = 30 });
        await using var db = Open(connection);
        var leases = new PlanLeases(db, options, SystemClock.Instance);
        var plan = new DayPlan
        {
            Id = Guid.NewGuid(), Date = new LocalDate(2026, 12, 8), AreaId = "melbourne", Status = DayPlanStatus.Queued, RequestedBy = "bench0",
            RequestedAt = SystemClock.Instance.GetCurrentInstant(),
        };
        db.Add(plan);
        await db.SaveChangesAsync();
        var claimed = await leases.ClaimAsync("bench-node", CancellationToken.None) ?? throw new InvalidOperationException("The plan could not be claimed.");

        for (var i = 0; i < 200; i++)
        {
            await leases.RenewAsync(claimed, "bench-node", i / 200.0, CancellationToken.None);
        }

        var renew = await TimeAsync(Calls, i => leases.RenewAsync(claimed, "bench-node", i / (double)Calls, CancellationToken.None));
        await db.Set<DayPlan>().Where(p => p.Id == claimed).ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, DayPlanStatus.Proposed));
        var poll = await TimeAsync(Calls, _ => leases.ClaimAsync("bench-node", CancellationToken.None));
        Console.WriteLine(FormattableString.Invariant(
            $"lease renewal: {renew.Wall:0} µs per call ({renew.Cpu:0} µs of this process's CPU); idle poll: {poll.Wall:0} µs per call ({poll.Cpu:0} µs CPU); {Calls} calls each"));
        Console.WriteLine(FormattableString.Invariant($"RESULT lease {renew.Wall:0.0} {poll.Wall:0.0}"));
    }

    private static async Task<(double Wall, double Cpu)> TimeAsync<T>(int calls, Func<int, Task<T>> call)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var timer = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            await call(i);
        }

        return (timer.Elapsed.TotalMicroseconds / calls, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / calls);
    }

    private static string Email(int k) => $"bench{k}@pinpoint.test";

    private static PinpointDb Open(string connection) => new(new DbContextOptionsBuilder<PinpointDb>().UseNpgsql(connection)
        .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)).Options);

    private static async Task<List<(Guid Id, double Latitude, double Longitude)>> TherapistsAsync(string connection)
    {
        await using var db = Open(connection);
        var rows = await db.Therapists.Where(t => t.UserId.StartsWith("u")).Select(t => new { t.UserId, t.Id, t.HomeLatitude, t.HomeLongitude }).ToListAsync();
        return [.. rows.OrderBy(r => int.Parse(r.UserId[1..], CultureInfo.InvariantCulture)).Select(r => (r.Id, r.HomeLatitude, r.HomeLongitude))];
    }

    // The bench therapists work Monday to Saturday.
    private static List<LocalDate> WorkingDays(LocalDate from)
    {
        var days = new List<LocalDate>();
        for (var day = from; days.Count < DaysPerClient; day = day.PlusDays(1))
        {
            if (day.DayOfWeek != IsoDayOfWeek.Sunday)
            {
                days.Add(day);
            }
        }

        return days;
    }

    private sealed record Attempt(int Client, LocalDate Day, object Body, string Search);

    // As the in-process benchmark: 11:00 twice, 11:15 (overlapping it) and 16:30 twice per therapist, shuffled.
    private static List<Attempt> Requests(List<(Guid Id, double Latitude, double Longitude)> therapists, int first, int count, List<LocalDate> days)
    {
        var requests = new List<Attempt>();
        for (var i = first; i < first + count; i++)
        {
            var (id, latitude, longitude) = therapists[i];
            var day = days[i % DaysPerClient];
            string At(int hour, int minute) => OffsetDateTimePattern.Rfc3339.Format(Melbourne.AtLeniently(day + new LocalTime(hour, minute)).ToOffsetDateTime());
            var modality = i % 2 == 0 ? "neuromuscular" : "myofascial";
            var (lat, lon) = (latitude + 0.01, longitude + 0.01);
            var search = FormattableString.Invariant($"/api/availability?latitude={lat}&longitude={lon}&modality={modality}&durationMinutes=60&date={day:yyyy-MM-dd}");
            foreach (var (hour, minute) in new[] { (11, 0), (11, 0), (11, 15), (16, 30), (16, 30) })
            {
                requests.Add(new Attempt(i / DaysPerClient, day, new { therapistId = id, modality, durationMinutes = 60, start = At(hour, minute), latitude = lat, longitude = lon, address = "Bench St" }, search));
            }
        }

        return [.. requests.OrderBy(_ => Random.Shared.Next())];
    }

    private sealed record Outcome(int Requests, int Created, int Conflicts, int Other, string? FirstOther);

    private static async Task<Outcome> SendAsync(HttpClient[] clients, List<Attempt> attempts, bool searchFirst)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<Attempt>(attempts);
        var sent = 0;
        var tally = new BookingTally();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            while (queue.TryDequeue(out var attempt))
            {
                var client = clients[attempt.Client];
                if (searchFirst)
                {
                    Interlocked.Increment(ref sent);
                    using var search = await client.GetAsync(attempt.Search);
                    if (search.StatusCode != HttpStatusCode.OK)
                    {
                        await tally.UnexpectedAsync(search, "search ");
                        continue;
                    }

                    await search.Content.LoadIntoBufferAsync();
                }

                Interlocked.Increment(ref sent);
                await tally.BookAsync(client, attempt.Body);
            }
        }));
        return new Outcome(sent, tally.Created, tally.Conflicts, tally.Other, tally.FirstOther);
    }

    private static async Task<long> OverlapsAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var check = new NpgsqlCommand("""
            SELECT count(*) FROM "Bookings" a JOIN "Bookings" b
              ON a."TherapistId" = b."TherapistId" AND a."Id" < b."Id" AND a."OccupiedStart" < b."OccupiedEnd" AND b."OccupiedStart" < a."OccupiedEnd"
             WHERE a."Status" <> 'Cancelled' AND b."Status" <> 'Cancelled'
            """, db);
        return (long)(await check.ExecuteScalarAsync())!;
    }


    /// <summary>
    /// CPU time per kind of process, from /proc/&lt;pid&gt;/stat: the app nodes, PostgreSQL, nginx and this load generator
    /// apart from whatever else the machine runs, so a busy neighbour shows in the machine's figure and not in these.
    /// </summary>
    private static class ProcessCpu
    {
        public static Dictionary<int, (string Role, double Seconds)> Read()
        {
            var found = new Dictionary<int, (string, double)>();
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory), out var pid))
                {
                    continue;
                }

                try
                {
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    var command = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                    var role = pid == Environment.ProcessId ? "load generator"
                        : command.Contains("Pinpoint.Web.dll", StringComparison.Ordinal) ? "app nodes"
                        : stat.Contains("(postgres)", StringComparison.Ordinal) ? "PostgreSQL"
                        : stat.Contains("(nginx)", StringComparison.Ordinal) ? "nginx" : null;
                    if (role is null)
                    {
                        continue;
                    }

                    // After "(comm)": state is field 3, utime and stime fields 14 and 15, in clock ticks.
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    found[pid] = (role, (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // The process ended while it was read, or is not ours to read.
                }
            }

            return found;
        }

        public static Dictionary<string, double> Since(Dictionary<int, (string Role, double Seconds)> before)
        {
            var spent = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (pid, (role, seconds)) in Read())
            {
                spent[role] = spent.GetValueOrDefault(role) + seconds - (before.TryGetValue(pid, out var then) ? then.Seconds : 0);
            }

            return spent;
        }
    }

    /// <summary>CPU time of the whole machine (every process: nodes, PostgreSQL, nginx, this load generator), from /proc/stat.</summary>
    private readonly record struct MachineCpu(double Busy, double Total)
    {
        public static MachineCpu Read()
        {
            // "cpu  user nice system idle iowait irq softirq steal …" in clock ticks (USER_HZ, 100 on Linux).
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(f => double.Parse(f, CultureInfo.InvariantCulture) / 100).ToArray();
            var total = fields.Sum();
            return new MachineCpu(total - fields[3] - fields[4], total);
        }

        public static (double Busy, double Total) operator -(MachineCpu after, MachineCpu before) => (after.Busy - before.Busy, after.Total - before.Total);
    }
}
