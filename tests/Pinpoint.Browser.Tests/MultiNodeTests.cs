using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using Pinpoint.Browser.Tests.Infrastructure;

namespace Pinpoint.Browser.Tests;

/// <summary>
/// Two app nodes on one PostgreSQL behind nginx (started by ./test.sh): what must hold whichever node answers. Each
/// test pins requests to a node (through <see cref="NodeSession"/>) where the difference matters, and uses its own
/// therapist and day so the tests cannot meet each other's bookings.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MultiNodeTests
{
    private const string DemoPassword = "pinpoint-demo-2026";
    private const string Client = "client@pinpoint.test";
    private const double Latitude = -37.8001;
    private const double Longitude = 144.9671; // Carlton: inside every inner-city demo therapist's reach

    // Issue 20's bound for a booking to reach every node's search cache (PostgreSQL's notification takes milliseconds),
    // far shorter than the caches' own expiry, so a node that never heard of the change fails here instead of passing late.
    private static readonly TimeSpan InvalidationDeadline = TimeSpan.FromSeconds(1);
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];

    private readonly Deployment _deployment = Deployment.FromEnvironment();

    [Fact]
    public async Task The_deployment_has_two_nodes_and_the_balancer_uses_both()
    {
        Assert.Equal(2, _deployment.Nodes.Count);
        using var session = new NodeSession(_deployment);
        foreach (var node in _deployment.Nodes)
        {
            using var health = await session.GetAsync(node, "/healthz");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }

    [Fact]
    public async Task Signed_in_with_a_form_from_one_node_posted_to_the_other_the_session_holds_on_both_and_through_the_balancer()
    {
        using var session = new NodeSession(_deployment);
        // The login form (its antiforgery token and cookie) comes from node 1 and is answered by node 2: both must
        // read the other's tokens, which needs one key ring.
        await session.SignInAsync(Client, DemoPassword, session.Node(0), session.Node(1));

        foreach (var entry in new[] { session.Node(0), session.Node(1), session.Proxy, session.Proxy })
        {
            using var page = await session.GetAsync(entry, "/bookings");
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{entry.Authority} answered {(int)page.StatusCode} to a session from another node");
            Assert.Contains("Sam Client", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A form rendered by node 2 for the signed-in person is accepted by node 1.
        using var signOut = await session.SubmitAsync(session.Node(1), session.Node(0), "/account/logout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var after = await session.GetAsync(session.Node(1), "/bookings");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task A_booking_made_on_one_node_is_offered_by_neither()
    {
        using var client = new NodeSession(_deployment);
        await client.SignInAsync(Client, DemoPassword, client.Proxy, client.Proxy);
        var date = WeekdayFromToday(11);
        var (therapist, therapistId, _) = await TherapistWithFreeTimeAsync(client, date, "therapist04", "therapist07", "therapist08", "therapist15");
        using var therapistSession = therapist;

        // Both nodes have answered for the day (and cached what they read) before the booking.
        var start = await FirstFreeStartAsync(client, client.Node(1), therapistId, date);
        Assert.Contains(start, await FreeStartsAsync(client, client.Node(0), therapistId, date));

        using (var booked = await client.PostJsonAsync(client.Node(0), "/api/bookings", Booking(therapistId, start), Guid.NewGuid().ToString("N")))
        {
            Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        }

        // A search counts from when it was sent: one sent a second after the booking's answer must not offer the time.
        var watch = Stopwatch.StartNew();
        foreach (var node in new[] { client.Node(1), client.Node(0) })
        {
            while (true)
            {
                var sent = watch.Elapsed;
                if (!(await FreeStartsAsync(client, node, therapistId, date)).Contains(start))
                {
                    break;
                }

                Assert.True(sent < InvalidationDeadline, $"{node.Authority} still offered {start} to a search sent {sent.TotalSeconds:0.00} s after it was booked on another node");
                await Task.Delay(50);
            }
        }
    }

    [Fact]
    public async Task Time_off_saved_on_one_node_is_refused_by_the_other_at_once()
    {
        using var client = new NodeSession(_deployment);
        await client.SignInAsync(Client, DemoPassword, client.Proxy, client.Proxy);
        var date = WeekdayFromToday(12);
        var (therapist, therapistId, _) = await TherapistWithFreeTimeAsync(client, date, "therapist05", "therapist09", "therapist10", "therapist13", "therapist14");
        using var therapistSession = therapist;
        var start = await FirstFreeStartAsync(client, client.Node(1), therapistId, date); // node 2 has read the day

        using (var off = await therapist.PostJsonAsync(therapist.Node(0), "/api/therapists/me/exceptions", new { firstDay = date, note = "Away" }))
        {
            Assert.True(off.StatusCode == HttpStatusCode.Created, await off.Content.ReadAsStringAsync());
        }

        // At once: no waiting for a cache to hear of it. The booking path reads the hours inside the therapist's lock.
        using var refused = await client.PostJsonAsync(client.Node(1), "/api/bookings", Booking(therapistId, start), Guid.NewGuid().ToString("N"));
        Assert.True(refused.StatusCode == HttpStatusCode.Conflict, $"{(int)refused.StatusCode}: {await refused.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Fifty_requests_racing_for_one_time_across_both_nodes_and_the_balancer_make_one_booking_and_each_of_its_emails_is_sent_once()
    {
        using var client = new NodeSession(_deployment);
        await client.SignInAsync(Client, DemoPassword, client.Proxy, client.Proxy);
        var date = WeekdayFromToday(13);
        var (therapist, therapistId, _) = await TherapistWithFreeTimeAsync(client, date, "therapist06", "therapist11", "therapist12", "therapist16");
        using var therapistSession = therapist;
        var start = await FirstFreeStartAsync(client, client.Proxy, therapistId, date);

        var entries = new[] { client.Node(0), client.Node(1), client.Proxy };
        using var go = new SemaphoreSlim(0);
        var racers = Enumerable.Range(0, 50).Select(async i =>
        {
            await go.WaitAsync();
            using var response = await client.PostJsonAsync(entries[i % entries.Length], "/api/bookings", Booking(therapistId, start), $"race-{start}-{i}");
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        go.Release(racers.Count);
        var answers = await Task.WhenAll(racers);

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)a.StatusCode}: {a.Body}"));
        var winner = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        var bookingId = JsonDocument.Parse(winner.Body).RootElement.GetProperty("id").GetGuid();

        // The client's list agrees: one visit with that therapist at that time, from whichever node asks.
        foreach (var node in new[] { client.Node(0), client.Node(1) })
        {
            using var mine = await client.GetAsync(node, "/api/bookings");
            var bookings = (await mine.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
                .Where(b => b.GetProperty("therapistId") is { ValueKind: JsonValueKind.String } t && t.GetGuid() == therapistId &&
                    b.GetProperty("start") is { ValueKind: JsonValueKind.String } s && s.GetString() == start).ToList();
            Assert.Equal(bookingId, Assert.Single(bookings).GetProperty("id").GetGuid());
        }

        // Both nodes dispatch the outbox: every message queued about this booking is handed to the mail server by
        // exactly one of them, once (each node logs every message it sends; the pickup files cannot show a repeat,
        // since a second copy would overwrite the first).
        var queued = await NotificationIdsAsync(bookingId);
        Assert.True(queued.Count >= 2, $"{queued.Count} messages queued for booking {bookingId}: the client's and the therapist's were expected");
        var deadline = Stopwatch.StartNew();
        while (await UnsentAsync(bookingId) > 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the outbox did not send this booking's messages within a minute");
            await Task.Delay(250);
        }

        // Sent once if due (the confirmations), not at all if not (the reminder the day before).
        var logs = _deployment.NodeLogs().ToList();
        var sent = await NotificationIdsAsync(bookingId, sentOnly: true);
        Assert.True(sent.Count >= 2, $"{sent.Count} messages sent for booking {bookingId}");
        foreach (var id in queued)
        {
            var times = logs.Sum(log => CountLines(log, $"Notification {id} sent ("));
            Assert.True(times == (sent.Contains(id) ? 1 : 0), $"notification {id} was sent {times} times");
        }
    }

    [Fact]
    public async Task A_plan_whose_node_is_killed_mid_run_is_finished_once_by_the_other_node()
    {
        using var admin = new NodeSession(_deployment);
        await admin.SignInAsync("admin@pinpoint.test", DemoPassword, admin.Proxy, admin.Proxy);
        using var asked = await admin.PostJsonAsync(admin.Proxy, "/api/admin/plans", new { date = DayFromToday(1), area = "melbourne" });
        Assert.True(asked.StatusCode == HttpStatusCode.Accepted, $"{(int)asked.StatusCode}: {await asked.Content.ReadAsStringAsync()}");
        var planId = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // Whichever node's worker claimed it is killed outright (SIGKILL: no clean release of the lease) while it runs.
        var running = await WaitForPlanAsync(planId, p => p.Status == "Running" && p.LeaseOwner is not null, "to start running");
        var victim = NodeOfWorker(running.LeaseOwner!);
        var victimPid = int.Parse(File.ReadAllText(Path.Combine(_deployment.ControlDirectory, $"node{victim}.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using (var process = Process.GetProcessById(victimPid))
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        try
        {
            // The other node takes it over once the lease has run out, and finishes it.
            var done = await WaitForPlanAsync(planId, p => p.Status is "Proposed" or "Failed", "to be finished by the other node", TimeSpan.FromMinutes(2));
            Assert.Equal("Proposed", done.Status);
            Assert.Equal(2, done.Runs);
            Assert.NotEqual(victim, NodeOfWorker(done.LastOwner!));

            // One set of routes: each booking planned once, each therapist one route, whichever node reads it.
            await using var connection = await _deployment.OpenDatabaseAsync();
            await using var counts = new NpgsqlCommand("""
                SELECT (SELECT count(*) FROM "DayPlanVisits" WHERE "PlanId" = @id), (SELECT count(DISTINCT "BookingId") FROM "DayPlanVisits" WHERE "PlanId" = @id),
                       (SELECT count(*) FROM "DayPlanRoutes" WHERE "PlanId" = @id), (SELECT count(DISTINCT "TherapistId") FROM "DayPlanRoutes" WHERE "PlanId" = @id)
                """, connection);
            counts.Parameters.AddWithValue("id", planId);
            await using (var reader = await counts.ExecuteReaderAsync())
            {
                Assert.True(await reader.ReadAsync());
                Assert.True(reader.GetInt64(0) > 0, "the plan planned nothing");
                Assert.Equal(reader.GetInt64(1), reader.GetInt64(0));
                Assert.Equal(reader.GetInt64(3), reader.GetInt64(2));
            }

            var survivor = admin.Node(victim == 1 ? 1 : 0);
            using var shown = await admin.GetAsync(survivor, $"/api/admin/plans/{planId}");
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            Assert.Equal("proposed", (await shown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), StringComparer.OrdinalIgnoreCase);
        }
        finally
        {
            await RestartNodeAsync(victim);
        }
    }

    private sealed record PlanRow(string Status, string? LeaseOwner, string? LastOwner, int Runs);

    private async Task<PlanRow> WaitForPlanAsync(Guid planId, Func<PlanRow, bool> condition, string what, TimeSpan? within = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await using var connection = await _deployment.OpenDatabaseAsync();
            await using var command = new NpgsqlCommand("""SELECT "Status", "LeaseOwner", "Runs" FROM "DayPlans" WHERE "Id" = @id""", connection);
            command.Parameters.AddWithValue("id", planId);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            var row = new PlanRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), null, reader.GetInt32(2));
            if (row.LeaseOwner is not null)
            {
                _lastOwner = row.LeaseOwner;
            }

            if (condition(row))
            {
                return row with { LastOwner = _lastOwner };
            }

            Assert.True(watch.Elapsed < (within ?? TimeSpan.FromSeconds(60)), $"plan {planId} did not come {what}: {row}");
            await Task.Delay(100);
        }
    }

    private string? _lastOwner;

    /// <summary>The node (1-based) whose process runs the worker named <paramref name="owner"/> (machine/process id/instance).</summary>
    private int NodeOfWorker(string owner)
    {
        var pid = owner.Split('/')[^2];
        for (var n = 1; n <= _deployment.Nodes.Count; n++)
        {
            if (File.ReadAllText(Path.Combine(_deployment.ControlDirectory, $"node{n}.pid")).Trim() == pid)
            {
                return n;
            }
        }

        throw new InvalidOperationException($"no node runs the worker {owner}");
    }

    /// <summary>Starts node <paramref name="n"/> again with the command ./test.sh started it with, and waits until it is healthy.</summary>
    private async Task RestartNodeAsync(int n)
    {
        using (Process.Start(new ProcessStartInfo("bash", Path.Combine(_deployment.ControlDirectory, $"node{n}.sh")) { UseShellExecute = false }))
        {
        }

        using var session = new NodeSession(_deployment);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var health = await session.GetAsync(session.Node(n - 1), "/healthz");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), $"node {n} did not come back after the restart");
            await Task.Delay(250);
        }
    }

    private static int CountLines(string log, string text) =>
        log.Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));

    private async Task<List<long>> NotificationIdsAsync(Guid bookingId, bool sentOnly = false)
    {
        await using var connection = await _deployment.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(
            """SELECT "Id" FROM "Notifications" WHERE "BookingId" = @id""" + (sentOnly ? """ AND "SentAt" IS NOT NULL""" : ""), connection);
        command.Parameters.AddWithValue("id", bookingId);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private async Task<long> UnsentAsync(Guid bookingId)
    {
        await using var connection = await _deployment.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "Notifications" WHERE "BookingId" = @id AND "SentAt" IS NULL AND "DueAt" <= now()""", connection);
        command.Parameters.AddWithValue("id", bookingId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The first Monday to Friday at least <paramref name="days"/> days from today (the demo therapists' working week).</summary>
    private static string WeekdayFromToday(int days)
    {
        var day = SystemClock.Instance.GetCurrentInstant().InZone(Melbourne).Date.PlusDays(days);
        while (day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
        {
            day = day.PlusDays(1);
        }

        return LocalDatePattern.Iso.Format(day);
    }

    /// <summary>The first of the demo therapists named who has free time from Carlton on the day, signed in.</summary>
    private async Task<(NodeSession Session, Guid Id, string Email)> TherapistWithFreeTimeAsync(NodeSession client, string date, params string[] names)
    {
        foreach (var name in names)
        {
            var session = new NodeSession(_deployment);
            var email = $"{name}@pinpoint.test";
            var id = await SignInTherapistAsync(session, email);
            if ((await FreeStartsAsync(client, client.Proxy, id, date)).Count > 0)
            {
                return (session, id, email);
            }

            session.Dispose();
        }

        throw new InvalidOperationException($"none of {string.Join(", ", names)} has free time on {date} from Carlton");
    }

    private static string DayFromToday(int days) =>
        LocalDatePattern.Iso.Format(SystemClock.Instance.GetCurrentInstant().InZone(Melbourne).Date.PlusDays(days));

    private static object Booking(Guid therapistId, string start) => new
    {
        therapistId, modality = "myofascial", durationMinutes = 60, start, latitude = Latitude, longitude = Longitude, address = "1 Lygon St, Carlton",
    };

    private static async Task<Guid> SignInTherapistAsync(NodeSession session, string email)
    {
        await session.SignInAsync(email, DemoPassword, session.Proxy, session.Proxy);
        using var me = await session.GetAsync(session.Proxy, "/api/therapists/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        return (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("public").GetProperty("id").GetGuid();
    }

    private static async Task<List<string>> FreeStartsAsync(NodeSession session, Uri entry, Guid therapistId, string date)
    {
        using var response = await session.GetAsync(entry,
            $"/api/availability?latitude={Latitude}&longitude={Longitude}&modality=myofascial&durationMinutes=60&date={date}&therapistId={therapistId}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement[]>())!.Select(s => s.GetProperty("start").GetString()!)];
    }

    private static async Task<string> FirstFreeStartAsync(NodeSession session, Uri entry, Guid therapistId, string date)
    {
        var starts = await FreeStartsAsync(session, entry, therapistId, date);
        Assert.True(starts.Count > 0, $"therapist {therapistId} has no free time on {date} from Carlton");
        return starts[starts.Count / 2];
    }
}
