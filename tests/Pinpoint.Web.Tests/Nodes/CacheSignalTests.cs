using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NodaTime;
using NodaTime.Text;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Therapists;
using Pinpoint.Web.Tests.Features;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Nodes;

/// <summary>
/// Search caches on several nodes over one PostgreSQL database: what one node (or plain SQL) changes reaches the others'
/// caches through the database's notifications, and a booking never rests on a cache.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CacheSignalTests(ClusterFixture fixture)
{
    private const double Latitude = -37.8001;
    private const double Longitude = 144.9671;

    private PinpointApp First => fixture.Cluster.Nodes[0];

    private PinpointApp Second => fixture.Cluster.Nodes[1];

    [Fact]
    public async Task Time_off_saved_on_one_node_refuses_a_booking_on_another_at_once_even_with_its_cache_warm()
    {
        var (client, _, _) = await IntakeApiTests.RegisterClientAsync(Second);
        var (therapistId, start) = await AnySlotAsync(client, "2026-11-26");

        await First.Scoped(async s =>
        {
            var db = s.GetRequiredService<PinpointDb>();
            db.ScheduleExceptions.Add(new ScheduleException
            {
                TherapistId = therapistId, FirstDay = new LocalDate(2026, 11, 26), LastDay = new LocalDate(2026, 11, 26), Note = "Sick",
            });
            await db.SaveChangesAsync();
        });

        // No waiting for the signal: the booking reads the therapist's time off under its lock.
        using var booked = await BookingLifecycleTests.BookAsync(client, therapistId, start, "into-time-off");
        Assert.Equal(HttpStatusCode.Conflict, booked.StatusCode);
    }

    [Fact]
    public async Task A_booking_made_on_one_node_leaves_another_nodes_search_within_moments()
    {
        var (searcher, _, _) = await IntakeApiTests.RegisterClientAsync(Second);
        var (booker, _, _) = await IntakeApiTests.RegisterClientAsync(First);
        await Listening(Second);
        var (therapistId, start) = await AnySlotAsync(searcher, "2026-11-27");

        using var booked = await BookingLifecycleTests.BookAsync(booker, therapistId, start, "seen-elsewhere");
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

        // The cluster's caches keep a day for ten minutes: only the notification can make the search change this soon.
        Assert.True(await EventuallyAsync(async () => !await OffersAsync(searcher, "2026-11-27", therapistId, start), TimeSpan.FromSeconds(4)),
            "The second node still offered the time booked on the first.");
    }

    [Fact]
    public async Task A_change_made_with_ExecuteDelete_outside_any_save_reaches_another_nodes_search()
    {
        var (searcher, _, _) = await IntakeApiTests.RegisterClientAsync(Second);
        await Listening(Second);
        var (therapistId, _) = await AnySlotAsync(searcher, "2026-11-30"); // a Monday

        // A bulk delete: no SaveChanges, so no interceptor on any node sees it; the trigger does. Mondays only, so the other
        // tests' days keep this therapist as they were.
        await First.Scoped(s => s.GetRequiredService<PinpointDb>().WorkingHours
            .Where(w => w.TherapistId == therapistId && w.DayOfWeek == IsoDayOfWeek.Monday).ExecuteDeleteAsync());

        Assert.True(await EventuallyAsync(async () => !await OffersAnyAsync(searcher, "2026-11-30", therapistId), TimeSpan.FromSeconds(4)),
            "The second node still offered a therapist with no working hours.");
    }

    [Fact]
    public async Task A_rolled_back_change_sends_no_invalidation_and_a_committed_one_does()
    {
        var listener = Second.Services.GetRequiredService<CacheSignalListener>();
        await listener.Listening;
        var heard = new ConcurrentQueue<string>();
        listener.Received += heard.Enqueue;
        try
        {
            var (rolledBack, committed) = await First.Scoped(async s =>
            {
                var ids = await s.GetRequiredService<PinpointDb>().Therapists.OrderBy(t => t.Id).Select(t => t.Id).Take(2).ToListAsync();
                return (ids[0], ids[1]);
            });

            await using var connection = new NpgsqlConnection(fixture.Cluster.ConnectionString);
            await connection.OpenAsync();
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await Touch(connection, rolledBack, transaction);
                await transaction.RollbackAsync();
            }

            await Touch(connection, committed, null);

            // Notifications arrive in commit order: once the committed one is here, a rolled-back one would have been too.
            Assert.True(await EventuallyAsync(() => Task.FromResult(heard.Contains($"profiles:{committed}")), TimeSpan.FromSeconds(10)),
                "The committed change was never announced.");
            Assert.DoesNotContain($"profiles:{rolledBack}", heard);
        }
        finally
        {
            listener.Received -= heard.Enqueue;
        }
    }

    [Fact]
    public async Task A_listener_whose_connection_is_killed_reconnects_and_hears_changes_again()
    {
        var listener = Second.Services.GetRequiredService<CacheSignalListener>();
        await listener.Listening;
        var heard = new ConcurrentQueue<string>();
        listener.Received += heard.Enqueue;
        try
        {
            var therapistId = await First.Scoped(s => s.GetRequiredService<PinpointDb>().Therapists.OrderByDescending(t => t.Id).Select(t => t.Id).FirstAsync());
            await using var connection = new NpgsqlConnection(fixture.Cluster.ConnectionString);
            await connection.OpenAsync();
            await using (var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'pinpoint-cache-listener' AND datname = current_database()",
                connection))
            {
                Assert.True((long)(await kill.ExecuteScalarAsync())! >= 1, "No listener connection was found to kill.");
            }

            // Changed again and again until heard: the first changes may come before the node has reconnected.
            Assert.True(await EventuallyAsync(async () =>
            {
                await Touch(connection, therapistId, null);
                await Task.Delay(200);
                return heard.Contains($"profiles:{therapistId}");
            }, TimeSpan.FromSeconds(20)), "The node never heard a change after its listening connection was killed.");
        }
        finally
        {
            listener.Received -= heard.Enqueue;
        }
    }

    private static async Task Touch(NpgsqlConnection connection, Guid therapistId, NpgsqlTransaction? transaction)
    {
        await using var update = new NpgsqlCommand("""UPDATE "Therapists" SET "Bio" = "Bio" WHERE "Id" = @id""", connection, transaction);
        update.Parameters.AddWithValue("id", therapistId);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    private static Task Listening(PinpointApp node) => node.Services.GetRequiredService<CacheSignalListener>().Listening;

    /// <summary>A search across every therapist (the cached path): the first slot after noon and one therapist offering it.</summary>
    private static async Task<(Guid TherapistId, string Start)> AnySlotAsync(HttpClient client, string date)
    {
        var slot = (await SearchAsync(client, date)).First(s => s.Start.Hour >= 12);
        return (slot.Therapists[0], OffsetDateTimePattern.Rfc3339.Format(slot.Start));
    }

    private static async Task<bool> OffersAsync(HttpClient client, string date, Guid therapistId, string start) =>
        (await SearchAsync(client, date)).Any(s => OffsetDateTimePattern.Rfc3339.Format(s.Start) == start && s.Therapists.Contains(therapistId));

    private static async Task<bool> OffersAnyAsync(HttpClient client, string date, Guid therapistId) =>
        (await SearchAsync(client, date)).Any(s => s.Therapists.Contains(therapistId));

    private static async Task<List<(OffsetDateTime Start, List<Guid> Therapists)>> SearchAsync(HttpClient client, string date)
    {
        var slots = await client.GetFromJsonAsync<JsonElement[]>(
            $"/api/availability?latitude={Latitude}&longitude={Longitude}&modality=myofascial&durationMinutes=60&date={date}");
        return [.. slots!.Select(s => (OffsetDateTimePattern.Rfc3339.Parse(s.GetProperty("start").GetString()!).Value,
            s.GetProperty("therapists").EnumerateArray().Select(t => t.GetProperty("therapistId").GetGuid()).ToList()))];
    }

    // Polls for something another node does in its own time; the bound is what the test claims ("within moments").
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        while (!deadline.IsCancellationRequested)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return await condition();
    }
}
