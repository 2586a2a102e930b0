using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Therapists;
using Pinpoint.Web.Kernel;

namespace Pinpoint.Bench;

/// <summary>
/// Availability for one address and one day across 2,000 therapists with 200,000 existing bookings in SQLite: the
/// real query path (cached therapist profiles pruned by reach, their visits from SQLite, engine). Not BenchmarkDotNet: the work is I/O-bound and seeded once;
/// it reports p50/p99 over many random addresses. Run: <c>dotnet run -c Release --project bench/Pinpoint.Bench -- availability-sqlite</c>.
/// </summary>
public static class AvailabilityAtScale
{
    private const int Therapists = 2_000;
    private const int Bookings = 200_000;

    // Queries run and not counted first: the JIT (tiered, with PGO) settles over the first few hundred.
    private const int WarmUpQueries = 300;
    private static readonly int Queries = int.TryParse(Environment.GetEnvironmentVariable("PINPOINT_BENCH_QUERIES"), out var q) ? q : 400;

    public static async Task RunAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pinpoint-bench-{Guid.NewGuid():N}.db");
        var connection = $"Data Source={file};Pooling=True";
        try
        {
            var seed = Stopwatch.StartNew();
            await using (var db = Open(connection))
            {
                await db.Database.MigrateAsync();
            }

            Seed(connection, new LocalDate(2026, 12, 1), Bookings);
            Console.WriteLine(FormattableString.Invariant($"seeded {Therapists} therapists and {Bookings} bookings in {seed.Elapsed.TotalSeconds:0.0} s"));

            await MeasureAsync(() => Open(connection), DatabaseProvider.Sqlite);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Environment.GetEnvironmentVariable("PINPOINT_BENCH_KEEP") is null) { File.Delete(file); } else { Console.WriteLine(file); }
        }
    }

    /// <summary>The measurement itself, on whichever database <paramref name="open"/> opens (seeded the same way).</summary>
    private static async Task MeasureAsync(Func<PinpointDb> open, DatabaseProvider provider)
    {
        var zone = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];
        var now = zone.AtStrictly(new LocalDateTime(2026, 12, 1, 7, 0)).ToInstant();
        var engine = new AvailabilityEngine(new CircuityTravelTimeModel(), new AvailabilityOptions());
        var travel = new CircuityTravelTimeModel();
        var cache = new CalendarCache(Options.Create(new BookingOptions()), SystemClock.Instance);
        var visits = new VisitCache(Options.Create(new BookingOptions()), Options.Create(new DatabaseOptions { Provider = provider }));
        // As the app's VisitCacheWarmer does at start-up: every bookable day read once, ahead of searches.
        var warm = Stopwatch.StartNew();
        await using (var db = open())
        {
            await visits.WarmAsync(db, new LocalDate(2026, 11, 29), new LocalDate(2027, 2, 2), CancellationToken.None);
        }

        Console.WriteLine(FormattableString.Invariant($"search cache warmed (66 days of visits) in {warm.Elapsed.TotalSeconds:0.0} s"));
        var random = new Random(7);
        var times = new List<double>();
        var slotsFound = 0L;
        var loads = new List<double>();
        var therapistsLoaded = 0L;
        for (var i = 0; i < Queries + WarmUpQueries; i++)
        {
            var point = new GeoPoint(-37.7 - (random.NextDouble() * 0.35), 144.8 + (random.NextDouble() * 0.45));
            var day = new LocalDate(2026, 12, 2).PlusDays(random.Next(0, 50));
            var timer = Stopwatch.StartNew();
            await using var db = open();
            var queries = new AvailabilityQueries(db, cache, visits, travel, new Pinpoint.Web.Features.Trust.ClientStandings(db), SystemClock.Instance);
            var calendars = await queries.CalendarsAsync(Modality.Neuromuscular, new DateInterval(day, day), null, null, CancellationToken.None, point);
            var loaded = timer.Elapsed.TotalMilliseconds;
            var slots = engine.Find(new AvailabilityRequest(point, Modality.Neuromuscular, Duration.FromMinutes(60), zone, new DateInterval(day, day)), calendars, now);
            timer.Stop();
            if (i >= WarmUpQueries)
            {
                times.Add(timer.Elapsed.TotalMilliseconds);
                loads.Add(loaded);
                therapistsLoaded += calendars.Count;
                slotsFound += slots.Count;
            }
        }

        times.Sort();
        loads.Sort();
        Console.WriteLine(FormattableString.Invariant(
            $"loading: p50 {loads[loads.Count / 2]:0.0} ms, p99 {loads[(int)(loads.Count * 0.99)]:0.0} ms; {therapistsLoaded / (double)loads.Count:0} therapists per query within reach"));
        Console.WriteLine(FormattableString.Invariant(
            $"availability, one address and day: p50 {times[times.Count / 2]:0.0} ms, p99 {times[(int)(times.Count * 0.99)]:0.0} ms, max {times[^1]:0.0} ms over {times.Count} queries; {slotsFound / (double)times.Count:0} slots per answer"));
    }

    /// <summary>
    /// The same measurement on PostgreSQL: a fresh database on the server <c>PINPOINT_BENCH_POSTGRES</c> names (e.g.
    /// <c>Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres</c>), migrated and seeded with the same 2,000
    /// therapists and 200,000 bookings through EF, dropped afterwards. Run:
    /// <c>PINPOINT_BENCH_POSTGRES=… dotnet run -c Release --project bench/Pinpoint.Bench -- availability-postgres</c>.
    /// </summary>
    public static async Task RunPostgresAsync()
    {
        var server = Environment.GetEnvironmentVariable("PINPOINT_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Set PINPOINT_BENCH_POSTGRES to a PostgreSQL connection string (its database is only used to create the benchmark's own).");
        var name = $"pinpoint_bench_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        PinpointDb OpenPostgres() => new(new DbContextOptionsBuilder<PinpointDb>().UseNpgsql(connection)
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)).Options);
        try
        {
            var seed = Stopwatch.StartNew();
            await using (var db = OpenPostgres())
            {
                await db.Database.MigrateAsync();
            }

            await SeedThroughEfAsync(OpenPostgres, new LocalDate(2026, 12, 1), Bookings);
            await using (var db = OpenPostgres())
            {
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
            }

            Console.WriteLine(FormattableString.Invariant($"seeded {Therapists} therapists and {Bookings} bookings in {seed.Elapsed.TotalSeconds:0.0} s (PostgreSQL)"));
            await MeasureAsync(OpenPostgres, DatabaseProvider.Postgres);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>What <see cref="Seed"/> writes, through EF entities (so each column gets the provider's own type), in batches.</summary>
    internal static async Task SeedThroughEfAsync(Func<PinpointDb> open, LocalDate firstDay, int bookings)
    {
        var random = new Random(42);
        var created = Instant.FromUtc(2026, 1, 1, 0, 0);
        var ids = new List<(Guid Id, double Lat, double Lon)>();
        await using (var db = open())
        {
            for (var i = 0; i < Therapists; i++)
            {
                // One client per therapist: PostgreSQL refuses one client two overlapping visits (an exclusion constraint).
                db.Users.Add(new PinpointUser { Id = $"c{i}", UserName = $"c{i}", DisplayName = $"Client {i}", CreatedAt = created });
                var id = Guid.NewGuid();
                var (lat, lon) = (-37.65 - (random.NextDouble() * 0.45), 144.7 + (random.NextDouble() * 0.65));
                ids.Add((id, lat, lon));
                db.Users.Add(new PinpointUser { Id = $"u{i}", UserName = $"u{i}", DisplayName = $"Therapist {i}", CreatedAt = created });
                var therapist = new Therapist
                {
                    Id = id, UserId = $"u{i}", DisplayName = $"Therapist {i}", HomeLatitude = lat, HomeLongitude = lon, HomeSuburb = "Somewhere",
                    TimeZoneId = "Australia/Melbourne", CreatedAt = created, YearsOfExperience = 5, MaxTravelMinutes = 45, MaxSessionsPerDay = 6,
                };
                therapist.Credentials.Add(new TherapistCredential
                {
                    Id = Guid.NewGuid(), TherapistId = id, Modality = i % 2 == 0 ? Modality.Neuromuscular : Modality.Myofascial, Issuer = "Bench", Number = "B-1",
                    IssuedOn = new LocalDate(2024, 1, 1), ExpiresOn = new LocalDate(2028, 1, 1), Status = CredentialStatus.Approved,
                });
                foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday })
                {
                    therapist.WorkingHours.Add(new WorkingHoursEntry { TherapistId = id, DayOfWeek = day, Start = new LocalTime(8, 0), End = new LocalTime(18, 0) });
                }

                db.Therapists.Add(therapist);
            }

            await db.SaveChangesAsync();
        }

        var zone = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];
        const int Batch = 10_000;
        for (var from = 0; from < bookings; from += Batch)
        {
            await using var db = open();
            for (var i = from; i < Math.Min(bookings, from + Batch); i++)
            {
                var (id, lat, lon) = ids[i % Therapists];
                var nth = i / Therapists;
                var day = firstDay.PlusDays(nth * 60 / 100);
                var start = zone.AtLeniently(day + new LocalTime(nth % 2 == 0 ? 9 : 14, 0)).ToInstant();
                db.Bookings.Add(new Pinpoint.Web.Features.Booking.Booking
                {
                    Id = Guid.NewGuid(), ClientUserId = $"c{i % Therapists}", TherapistId = id, Modality = Modality.Neuromuscular, DurationMinutes = 60,
                    Start = start, End = start + Duration.FromHours(1), OccupiedStart = start - Duration.FromMinutes(10), OccupiedEnd = start + Duration.FromMinutes(70),
                    ClientLatitude = lat + 0.01, ClientLongitude = lon + 0.01, PriceAmount = 130m, CreatedAt = created,
                });
            }

            await db.SaveChangesAsync();
        }
    }

    private static PinpointDb Open(string connection) =>
        new(new DbContextOptionsBuilder<PinpointDb>().UseSqlite(connection).LogTo(s => { if (Environment.GetEnvironmentVariable("PINPOINT_BENCH_SQL") is not null) { Console.WriteLine(s); } }, Microsoft.Extensions.Logging.LogLevel.Information)
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)).Options);

    /// <summary>
    /// 2,000 therapists (even ones NMT, odd ones myofascial; Mon–Sat 8:00–18:00 Melbourne; 45-minute travel limit) and
    /// <paramref name="bookings"/> visits from <paramref name="firstDay"/> on, at most two a day (9:00 and 14:00), each
    /// at the therapist's home + 0.01° north and east. Plain SQL in one transaction: EF would take minutes.
    /// </summary>
    internal static List<(Guid Id, double Latitude, double Longitude)> Seed(string connectionString, LocalDate firstDay, int bookings)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var random = new Random(42);
        var ids = new List<(Guid Id, double Lat, double Lon)>();
        Exec(connection, "INSERT INTO AspNetUsers (Id, DisplayName, CreatedAt, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount) VALUES ('client', 'Client', '2026-01-01 00:00:00', 0, 0, 0, 0, 0)");
        using (var user = Command(connection, "INSERT INTO AspNetUsers (Id, DisplayName, CreatedAt, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount) VALUES ($id, $name, '2026-01-01 00:00:00', 0, 0, 0, 0, 0)", "$id", "$name"))
        using (var therapist = Command(connection, "INSERT INTO Therapists (Id, UserId, DisplayName, Bio, HomeLatitude, HomeLongitude, HomeSuburb, TimeZoneId, CreatedAt, Gender, Languages, YearsOfExperience, Interests, HomeAddress, HomePostcode, MaxTravelMinutes, MaxSessionsPerDay, MinBreakMinutes) VALUES ($id, $user, $name, '', $lat, $lon, 'Somewhere', 'Australia/Melbourne', '2026-01-01 00:00:00', 'Unspecified', 'English', 5, '', '', '', 45, 6, 15)", "$id", "$user", "$name", "$lat", "$lon"))
        using (var credential = Command(connection, "INSERT INTO TherapistCredentials (Id, TherapistId, Modality, Issuer, Number, IssuedOn, ExpiresOn, Status) VALUES ($id, $therapist, $modality, 'Bench', 'B-1', '2024-01-01', '2028-01-01', 'Approved')", "$id", "$therapist", "$modality"))
        using (var hours = Command(connection, "INSERT INTO TherapistWorkingHours (TherapistId, DayOfWeek, Start, End) VALUES ($therapist, $day, '08:00:00', '18:00:00')", "$therapist", "$day"))
        {
            for (var i = 0; i < Therapists; i++)
            {
                var id = Guid.NewGuid();
                var (lat, lon) = (-37.65 - (random.NextDouble() * 0.45), 144.7 + (random.NextDouble() * 0.65));
                ids.Add((id, lat, lon));
                Run(user, $"u{i}", $"Therapist {i}");
                Run(therapist, id.ToString().ToUpperInvariant(), $"u{i}", $"Therapist {i}", lat, lon);
                Run(credential, Guid.NewGuid().ToString().ToUpperInvariant(), id.ToString().ToUpperInvariant(), i % 2 == 0 ? "Neuromuscular" : "Myofascial");
                foreach (var day in new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" })
                {
                    Run(hours, id.ToString().ToUpperInvariant(), day);
                }
            }
        }

        var zone = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];
        using (var booking = Command(connection, "INSERT INTO Bookings (Id, ClientUserId, TherapistId, Modality, DurationMinutes, Start, End, OccupiedStart, OccupiedEnd, ClientLatitude, ClientLongitude, Address, PriceAmount, Currency, QuoteJson, Status, CreatedAt, Sequence) VALUES ($id, 'client', $therapist, 'Neuromuscular', 60, $start, $end, $ostart, $oend, $lat, $lon, '', '130.0', 'AUD', '[]', 'Confirmed', '2026-01-01 00:00:00', 0)",
                   "$id", "$therapist", "$start", "$end", "$ostart", "$oend", "$lat", "$lon"))
        {
            // 100 bookings per therapist over 60 days: at most two a day, at 9:00 and 14:00 local.
            for (var i = 0; i < bookings; i++)
            {
                var (id, lat, lon) = ids[i % Therapists];
                var nth = i / Therapists;
                var day = firstDay.PlusDays(nth * 60 / 100);
                var start = zone.AtLeniently(day + new LocalTime(nth % 2 == 0 ? 9 : 14, 0)).ToInstant();
                string Utc(Instant instant) => instant.ToDateTimeUtc().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                Run(booking, Guid.NewGuid().ToString().ToUpperInvariant(), id.ToString().ToUpperInvariant(), Utc(start), Utc(start + Duration.FromHours(1)),
                    Utc(start - Duration.FromMinutes(10)), Utc(start + Duration.FromMinutes(70)), lat + 0.01, lon + 0.01);
            }
        }

        transaction.Commit();
        return ids;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
