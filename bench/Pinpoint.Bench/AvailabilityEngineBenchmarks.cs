using BenchmarkDotNet.Attributes;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;

namespace Pinpoint.Bench;

/// <summary>
/// The availability engine alone, on the shape of <see cref="AvailabilityAtScale"/>'s queries: 266 therapists within reach
/// of one address (Mon–Sat 8:00–18:00 Melbourne), each with visits at 9:00 and 14:00 on the days around the one asked for.
/// Run: <c>dotnet run -c Release --project bench/Pinpoint.Bench -- --filter *AvailabilityEngine*</c>.
/// </summary>
[MemoryDiagnoser]
public class AvailabilityEngineBenchmarks
{
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];
    private readonly AvailabilityEngine _engine = new(new CircuityTravelTimeModel(), new AvailabilityOptions());
    private readonly GeoPoint _client = new(-37.85, 145.0);
    private readonly LocalDate _day = new(2026, 12, 9);
    private TherapistCalendar[] _therapists = [];
    private AvailabilityRequest _anonymous = null!;
    private AvailabilityRequest _signedIn = null!;
    private Instant _now;

    [GlobalSetup]
    public void SetUp()
    {
        var random = new Random(42);
        var week = new WeeklyHours(new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday }
            .Select(d => (d, new LocalTimeRange(new LocalTime(8, 0), new LocalTime(18, 0)))));
        _therapists = [.. Enumerable.Range(0, 266).Select(i =>
        {
            var home = new GeoPoint(_client.Latitude + ((random.NextDouble() - 0.5) * 0.3), _client.Longitude + ((random.NextDouble() - 0.5) * 0.3));
            var visits = new List<Visit>();
            for (var d = -2; d <= 2; d++)
            {
                foreach (var hour in new[] { 9, 14 })
                {
                    var start = Melbourne.AtStrictly(_day.PlusDays(d) + new LocalTime(hour, 0)).ToInstant();
                    visits.Add(new Visit(new Interval(start - Duration.FromMinutes(10), start + Duration.FromMinutes(70)), new GeoPoint(home.Latitude + 0.01, home.Longitude + 0.01), $"c{i}"));
                }
            }

            return new TherapistCalendar(
                Guid.NewGuid(), home, Melbourne, week, [], [new CredentialWindow(Modality.Neuromuscular, new LocalDate(2024, 1, 1), new LocalDate(2028, 1, 1))],
                visits, 6, Duration.FromMinutes(15), Duration.FromMinutes(45), null);
        })];
        _now = Melbourne.AtStrictly(new LocalDateTime(2026, 12, 1, 7, 0)).ToInstant();
        var dates = new DateInterval(_day, _day);
        _anonymous = new AvailabilityRequest(_client, Modality.Neuromuscular, Duration.FromMinutes(60), Melbourne, dates);
        _signedIn = _anonymous with
        {
            ClientKey = "c7",
            Match = new ClientMatch(new HashSet<string>(StringComparer.Ordinal) { "headaches" }),
            Limits = new ClientLimits(new HashSet<Guid> { _therapists[3].Id }, [new Interval(_anonymous.ClientZone.AtStrictly(_day + new LocalTime(15, 0)).ToInstant(), _anonymous.ClientZone.AtStrictly(_day + new LocalTime(16, 20)).ToInstant())]),
        };
    }

    [Benchmark(Baseline = true)]
    public int Anonymous() => _engine.Find(_anonymous, _therapists, _now).Count;

    [Benchmark]
    public int SignedIn() => _engine.Find(_signedIn, _therapists, _now).Count;
}
