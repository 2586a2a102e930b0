using CsCheck;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;

namespace Pinpoint.Core.Tests.Scheduling;

/// <summary>
/// The engine works out each gap between visits once instead of trying every grid step; it must offer exactly what the
/// straightforward <see cref="ReferenceAvailabilityEngine"/> offers — the same starts, the same therapists in the same order,
/// the same drives and scores — over random diaries, zones (DST days, half-hour and 45-minute offsets, a client in another
/// zone), options, notice, limits and matches.
/// </summary>
public sealed class AvailabilityEngineAgreementTests
{
    private static readonly DateTimeZone[] Zones = [.. new[]
    {
        "Australia/Melbourne", "Australia/Brisbane", "Australia/Perth", "Australia/Lord_Howe", "Australia/Adelaide", "Pacific/Chatham",
        "Asia/Kathmandu", "America/New_York", "America/Santiago", "America/Havana", "Europe/London", "UTC",
    }.Select(id => DateTimeZoneProviders.Tzdb[id])];

    // Ordinary days and the days around DST changes in the zones above (2026).
    private static readonly LocalDate[] Days =
    [
        new(2026, 12, 9), new(2026, 12, 12), new(2026, 12, 13), new(2026, 4, 5), new(2026, 10, 4), new(2026, 3, 8), new(2026, 11, 1),
        new(2026, 9, 6), new(2026, 3, 29), new(2026, 10, 25), new(2026, 4, 4), new(2026, 10, 3),
    ];

    private static readonly GeoPoint Centre = new(-37.82, 144.98);

    private sealed class FixedTravel(Duration trip) : ITravelTimeModel
    {
        public Duration Estimate(GeoPoint from, GeoPoint to) => from == to ? Duration.Zero : trip;
    }

    private sealed record Scenario(
        ITravelTimeModel Travel, AvailabilityOptions Options, AvailabilityRequest Request, Instant Now, TherapistCalendar[] Therapists)
    {
        public override string ToString() =>
            $"{Request.Dates} {Request.ClientZone.Id} grid {Options.Grid} now {Now}; {Therapists.Length} therapists, " +
            string.Join("; ", Therapists.Select(t => $"{t.Zone.Id} {t.Visits.Count} visits"));
    }

    private static readonly Gen<GeoPoint> Point =
        Gen.Select(Gen.Double[-0.25, 0.25], Gen.Double[-0.25, 0.25], (dlat, dlon) => new GeoPoint(Centre.Latitude + dlat, Centre.Longitude + dlon));

    private static readonly Gen<Duration> Minutes = Gen.Int[0, 20].Select(m => Duration.FromMinutes(m));

    private static Gen<LocalTimeRange[]> Ranges =>
        // Up to three ranges in a day, from cut points on a 5-minute (sometimes 1-minute) clock.
        Gen.Select(Gen.Int[0, 3], Gen.Bool, (count, fine) => (count, fine)).SelectMany(p =>
            Gen.Int[0, (24 * 60) - 1].Array[p.count * 2].Select(cuts =>
            {
                var sorted = cuts.Select(c => p.fine ? c : c / 5 * 5).Distinct().Order().ToArray();
                return Enumerable.Range(0, sorted.Length / 2)
                    .Select(i => new LocalTimeRange(LocalTime.FromMinutesSinceMidnight(sorted[2 * i]), LocalTime.FromMinutesSinceMidnight(sorted[(2 * i) + 1])))
                    .ToArray();
            }));

    private static Gen<WeeklyHours> Week =>
        Gen.OneOf(
            Gen.Const(new WeeklyHours(Enumerable.Range(1, 6).Select(d => ((IsoDayOfWeek)d, new LocalTimeRange(new LocalTime(8, 0), new LocalTime(18, 0)))))),
            Ranges.Array[7].Select(days => new WeeklyHours(days.SelectMany((ranges, d) => ranges.Select(r => ((IsoDayOfWeek)(d + 1), r))))));

    private static Gen<Visit[]> Visits(LocalDate day, DateTimeZone zone) =>
        // Starts anywhere, or near a midnight (where a visit stops counting for the day); now and then a visit of no length.
        Gen.Select(
                Gen.OneOf(Gen.Int[-3 * 24 * 60, 4 * 24 * 60], Gen.Select(Gen.Int[-2, 3], Gen.OneOf(-15, -1, 0, 1, 15), (d, m) => (d * 24 * 60) + m)),
                Gen.OneOf(Gen.Int[0, 180], Gen.Const(0)), Point, Gen.Int[0, 4], (offset, length, where, who) => (offset, length, where, who))
            .Array[0, 10]
            .SelectMany(raw => Gen.Bool.Select(overlapping =>
            {
                var midnight = zone.AtStartOfDay(day).ToInstant();
                var visits = raw.Select(v => new Visit(
                    new Interval(midnight + Duration.FromMinutes(v.offset), midnight + Duration.FromMinutes(v.offset + v.length)),
                    v.who == 3 ? Centre : v.where, v.who == 0 ? null : $"client-{v.who}")).OrderBy(v => v.Occupied.Start).ToList();
                if (!overlapping)
                {
                    // The engine's contract: sorted and not overlapping. Overlaps are kept now and then to show both agree anyway.
                    visits = visits.Aggregate(new List<Visit>(), (kept, v) =>
                    {
                        if (kept.Count == 0 || kept[^1].Occupied.End <= v.Occupied.Start)
                        {
                            kept.Add(v);
                        }

                        return kept;
                    });
                }

                return visits.ToArray();
            }));

    private static Gen<TherapistCalendar> Therapist(LocalDate day) =>
        from id in Gen.Guid
        from zone in Gen.OneOf(Gen.Const(Zones[0]), Gen.OneOf(Zones))
        from home in Point
        from week in Week
        from exceptions in Gen.Select(Gen.Int[-2, 2], Ranges, (d, r) => new DayException(day.PlusDays(d), r)).Array[0, 3]
        from credentials in Gen.Select(Gen.OneOf(Modality.Neuromuscular, Modality.Sports), Gen.Int[-3, 3], Gen.Int[-3, 30],
            (m, since, length) => new CredentialWindow(m, day.PlusDays(since), day.PlusDays(since + length))).Array[0, 2]
        from visits in Visits(day, zone)
        from limits in Gen.Select(Gen.Int[1, 6], Gen.OneOf(Gen.Int[0, 30], Gen.Const(0)), Gen.Int[0, 3], Gen.Int[10, 80], (max, rest, kind, reach) => (max, rest, kind, reach))
        from person in Gen.Select(Gen.Int[0, 3], Gen.OneOf("headaches", "low-back", "runners").Array[0, 2], Gen.Int[0, 5], Gen.Bool,
            (gender, interests, rating, seen) => (gender, interests, rating, seen))
        select new TherapistCalendar(
            id, home, zone, week, [.. exceptions.DistinctBy(e => e.Date)], credentials, visits, limits.max, Duration.FromMinutes(limits.rest),
            limits.kind == 0 ? null : Duration.FromMinutes(limits.reach), limits.kind == 0 ? limits.reach / 4.0 : null)
        {
            Gender = (MatchGender)person.gender,
            Interests = new HashSet<string>(person.interests, StringComparer.Ordinal),
            Rating = person.rating == 0 ? null : 2.5 + (person.rating * 0.5),
            HasSeenClient = person.seen,
        };

    private static readonly Gen<Scenario> Scenarios =
        from day in Gen.OneOf(Days)
        from span in Gen.Int[0, 2]
        from clientZone in Gen.OneOf(Gen.Const(Zones[0]), Gen.OneOf(Zones))
        from client in Gen.OneOf(Gen.Const(Centre), Point)
        from session in Gen.OneOf(30, 45, 50, 60, 90)
        from options in Gen.Select(Gen.OneOf(5, 10, 15, 20, 30, 7), Minutes, Minutes, Gen.Int[0, 300], Gen.Int[1, 60],
            (grid, setUp, packDown, notice, horizon) => new AvailabilityOptions
            {
                Grid = Duration.FromMinutes(grid), SetUp = setUp, PackDown = packDown, MinimumNotice = Duration.FromMinutes(notice), Horizon = Duration.FromDays(horizon),
            })
        from nowOffset in Gen.Int[-5 * 24 * 60, 24 * 60]
        from travel in Gen.OneOf(Gen.Const<ITravelTimeModel>(new CircuityTravelTimeModel()), Gen.OneOf(Gen.Int[0, 40], Gen.Const(0)).Select(m => (ITravelTimeModel)new FixedTravel(Duration.FromMinutes(m))))
        from therapists in Therapist(day).Array[1, 6]
        from key in Gen.OneOf(null, "client-1", "client-2")
        from match in Gen.OneOf(Gen.Const((ClientMatch?)null), Gen.OneOf("headaches", "low-back").Array[0, 2].Select(i => (ClientMatch?)new ClientMatch(i.ToHashSet(StringComparer.Ordinal))),
            Gen.Const<ClientMatch?>(new ClientMatch(new HashSet<string>(StringComparer.Ordinal), MatchGender.Female)))
        from booked in Gen.Select(Gen.Int[-24 * 60, 2 * 24 * 60], Gen.Int[1, 150], (at, length) => (at, length)).Array[0, 3]
        from declines in Gen.Bool
        let midnight = clientZone.AtStartOfDay(day).ToInstant()
        let limits = booked.Length == 0 && !declines ? null : new ClientLimits(
            declines ? new HashSet<Guid> { therapists[0].Id } : [],
            [.. booked.Select(b => new Interval(midnight + Duration.FromMinutes(b.at), midnight + Duration.FromMinutes(b.at + b.length))).OrderBy(i => i.Start)])
        select new Scenario(
            travel, options,
            new AvailabilityRequest(client, Modality.Neuromuscular, Duration.FromMinutes(session), clientZone, new DateInterval(day, day.PlusDays(span)), key, match, limits),
            midnight + Duration.FromMinutes(nowOffset), therapists);

    [Fact]
    public void The_engine_offers_exactly_what_the_reference_offers()
    {
        Scenarios.Sample(s =>
        {
            var expected = new ReferenceAvailabilityEngine(s.Travel, s.Options).Find(s.Request, s.Therapists, s.Now);
            var actual = new AvailabilityEngine(s.Travel, s.Options).Find(s.Request, s.Therapists, s.Now);

            Assert.Equal(Describe(expected), Describe(actual));
        }, iter: 3000);
    }

    [Fact]
    public void A_visit_of_no_length_next_door_still_stands_in_the_way_of_a_start_at_its_instant()
    {
        // Too rare for the random diaries: no break, no drive, and a grid step that sets up exactly when the visit "ends".
        var melbourne = Zones[0];
        var day = new LocalDate(2026, 12, 9);
        var at = melbourne.AtStrictly(day + new LocalTime(11, 50)).ToInstant();
        var therapist = new TherapistCalendar(
            Guid.NewGuid(), Centre, melbourne, new WeeklyHours([(IsoDayOfWeek.Wednesday, new LocalTimeRange(new LocalTime(8, 0), new LocalTime(18, 0)))]), [],
            [new CredentialWindow(Modality.Neuromuscular, day, day)], [new Visit(new Interval(at, at), Centre)], 6, Duration.Zero, null, null);
        var request = new AvailabilityRequest(Centre, Modality.Neuromuscular, Duration.FromMinutes(60), melbourne, new DateInterval(day, day));
        var options = new AvailabilityOptions();
        var travel = new FixedTravel(Duration.FromMinutes(20));
        var now = at - Duration.FromDays(3);

        var expected = Describe(new ReferenceAvailabilityEngine(travel, options).Find(request, [therapist], now));
        var actual = Describe(new AvailabilityEngine(travel, options).Find(request, [therapist], now));

        Assert.Equal(expected, actual);
        Assert.DoesNotContain(actual, s => s.StartsWith("2026-12-09T12:00:00 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Generated_diaries_usually_leave_something_to_offer()
    {
        // Guards the property above against agreeing only on empty answers.
        var answered = 0;
        Scenarios.Sample(s =>
        {
            if (new ReferenceAvailabilityEngine(s.Travel, s.Options).Find(s.Request, s.Therapists, s.Now).Count > 0)
            {
                Interlocked.Increment(ref answered);
            }
        }, iter: 500, threads: 1);

        Assert.InRange(answered, 100, 500);
    }

    private static List<string> Describe(IReadOnlyList<Slot> slots) =>
        [.. slots.Select(s => $"{s.Start} {s.Start.ToInstant()} " +
                              string.Join(", ", s.Therapists.Select(t => $"{t.TherapistId} {t.TravelFromPrevious} {t.Score:R}")))];
}
