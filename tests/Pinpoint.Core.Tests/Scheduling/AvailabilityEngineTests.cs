using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Scheduling;

namespace Pinpoint.Core.Tests.Scheduling;

public sealed class AvailabilityEngineTests
{
    private static readonly DateTimeZone Melbourne = DateTimeZoneProviders.Tzdb["Australia/Melbourne"];
    private static readonly GeoPoint Home = new(-37.7986, 144.9784);
    private static readonly GeoPoint Client = new(-37.8001, 144.9671);
    private static readonly GeoPoint Elsewhere = new(-37.8183, 144.9980);
    private static readonly LocalDate Monday = new(2026, 12, 7);

    /// <summary>A travel model for exact arithmetic: every trip between two different places takes the same time.</summary>
    private sealed class FixedTravel(Duration trip) : ITravelTimeModel
    {
        public Duration Estimate(GeoPoint from, GeoPoint to) => from == to ? Duration.Zero : trip;
    }

    private static AvailabilityEngine Engine(int tripMinutes = 20) => new(new FixedTravel(Duration.FromMinutes(tripMinutes)), new AvailabilityOptions());

    private static TherapistCalendar Therapist(
        IReadOnlyList<Visit>? visits = null, IReadOnlyList<DayException>? exceptions = null, LocalDate? validTo = null, int maxPerDay = 5,
        Guid? id = null, Duration? maxTravel = null) => new(
        id ?? Guid.Parse("00000000-0000-0000-0000-000000000001"), Home, Melbourne,
        new WeeklyHours(new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday }.Select(d => (d, new LocalTimeRange(new LocalTime(9, 0), new LocalTime(17, 0))))),
        exceptions ?? [], [new CredentialWindow(Modality.Neuromuscular, new LocalDate(2025, 1, 1), validTo ?? new LocalDate(2028, 1, 1))],
        visits ?? [], maxPerDay, Duration.FromMinutes(15), maxTravel ?? Duration.FromMinutes(45), null);

    private static AvailabilityRequest Request(LocalDate day, DateTimeZone? zone = null, string? clientKey = null) =>
        new(Client, Modality.Neuromuscular, Duration.FromMinutes(60), zone ?? Melbourne, new DateInterval(day, day), clientKey);

    private static Instant Sunday => Melbourne.AtStrictly(new LocalDateTime(2026, 12, 6, 12, 0)).ToInstant();

    private static Instant At(LocalDate day, int hour, int minute = 0) => Melbourne.AtStrictly(day + new LocalTime(hour, minute)).ToInstant();

    private static List<string> Times(IEnumerable<Slot> slots) => [.. slots.Select(s => s.Start.TimeOfDay.ToString("HH:mm", null))];

    [Fact]
    public void A_free_day_offers_every_grid_step_that_leaves_room_to_drive_in_and_home()
    {
        var slots = Engine().Find(Request(Monday), [Therapist()], Sunday);

        // Ready at 9:20 after the drive, set-up from 9:20 → first start 9:30; pack-down and the drive home by 17:00 → last 15:30.
        var times = Times(slots);
        Assert.Equal("09:30", times[0]);
        Assert.Equal("15:30", times[^1]);
        Assert.Equal(25, times.Count);
        Assert.All(slots, s => Assert.Equal(Duration.FromMinutes(20), Assert.Single(s.Therapists).TravelFromPrevious));
    }

    [Fact]
    public void Travel_and_the_break_separate_consecutive_home_visits()
    {
        var visit = new Visit(new Interval(At(Monday, 12), At(Monday, 13, 20)), Elsewhere);

        var times = Times(Engine().Find(Request(Monday), [Therapist([visit])], Sunday));

        // Before: end of pack-down + 15 min break + 20 min drive by 12:00 → start by 10:15. After: 13:20 + 15 + 20 = 13:55, set-up 10 → 14:05 → 14:15.
        Assert.Contains("10:15", times);
        Assert.DoesNotContain("10:30", times);
        Assert.DoesNotContain("12:00", times);
        Assert.DoesNotContain("14:00", times);
        Assert.Contains("14:15", times);
    }

    [Fact]
    public void A_visit_next_door_needs_no_drive_but_still_the_break()
    {
        var visit = new Visit(new Interval(At(Monday, 12), At(Monday, 13, 20)), Client);

        var times = Times(Engine().Find(Request(Monday), [Therapist([visit])], Sunday));

        // After a visit at the same address: 13:20 + 15 min break = 13:35, set-up 10 → 13:45.
        Assert.Contains("13:45", times);
        Assert.DoesNotContain("13:30", times);
    }

    [Fact]
    public void Working_hours_stay_local_across_the_daylight_saving_change()
    {
        var before = new LocalDate(2026, 9, 28);
        var after = new LocalDate(2026, 10, 5);
        var now = At(new LocalDate(2026, 9, 20), 12);
        var engine = Engine();

        var first = engine.Find(Request(before), [Therapist()], now)[0].Start;
        var second = engine.Find(Request(after), [Therapist()], now)[0].Start;

        Assert.Equal(new LocalTime(9, 30), first.TimeOfDay);
        Assert.Equal(new LocalTime(9, 30), second.TimeOfDay);
        Assert.Equal(Offset.FromHours(10), first.Offset);
        Assert.Equal(Offset.FromHours(11), second.Offset);
    }

    [Fact]
    public void Time_off_removes_the_day()
    {
        var slots = Engine().Find(Request(Monday), [Therapist(exceptions: [new DayException(Monday, [], "Leave")])], Sunday);

        Assert.Empty(slots);
    }

    [Fact]
    public void A_full_day_offers_nothing()
    {
        var visit = new Visit(new Interval(At(Monday, 9, 30), At(Monday, 10, 50)), Elsewhere);

        Assert.Empty(Engine().Find(Request(Monday), [Therapist([visit], maxPerDay: 1)], Sunday));
        Assert.NotEmpty(Engine().Find(Request(Monday), [Therapist([visit], maxPerDay: 2)], Sunday));
    }

    [Fact]
    public void A_credential_counts_up_to_and_including_its_last_day()
    {
        Assert.Empty(Engine().Find(Request(Monday), [Therapist(validTo: Monday.PlusDays(-1))], Sunday));
        Assert.NotEmpty(Engine().Find(Request(Monday), [Therapist(validTo: Monday)], Sunday));
        Assert.Empty(Engine().Find(Request(Monday) with { Modality = Modality.Sports }, [Therapist()], Sunday));
    }

    [Fact]
    public void A_client_beyond_the_travel_limit_gets_no_slots()
    {
        Assert.Empty(Engine(tripMinutes: 50).Find(Request(Monday), [Therapist()], Sunday));
        Assert.NotEmpty(Engine(tripMinutes: 50).Find(Request(Monday), [Therapist(maxTravel: Duration.FromMinutes(60))], Sunday));
    }

    [Fact]
    public void Minimum_notice_and_the_horizon_bound_the_slots()
    {
        var times = Times(Engine().Find(Request(Monday), [Therapist()], At(Monday, 8)));

        Assert.Equal("10:00", times[0]); // 8:00 + two hours' notice
        Assert.Empty(Engine().Find(Request(Monday.PlusDays(70)), [Therapist()], Sunday));
    }

    [Fact]
    public void Slots_are_shown_in_the_client_zone()
    {
        var brisbane = DateTimeZoneProviders.Tzdb["Australia/Brisbane"]; // no daylight saving: an hour behind Melbourne in December
        var slots = Engine().Find(Request(Monday, brisbane), [Therapist()], Sunday);

        Assert.Equal(brisbane, slots[0].Start.Zone);
        Assert.Equal(new LocalTime(8, 30), slots[0].Start.TimeOfDay);
    }

    [Fact]
    public void A_therapist_the_client_saw_before_ranks_first()
    {
        var past = new Visit(new Interval(At(Monday.PlusDays(-14), 10), At(Monday.PlusDays(-14), 11, 20)), Client, "client-7");
        var familiar = Therapist([past], id: Guid.Parse("00000000-0000-0000-0000-000000000009"));
        var stranger = Therapist(id: Guid.Parse("00000000-0000-0000-0000-000000000002"));

        var slot = Engine().Find(Request(Monday, clientKey: "client-7"), [stranger, familiar], Sunday)[0];

        Assert.Equal([familiar.Id, stranger.Id], slot.Therapists.Select(t => t.TherapistId));
    }

    [Fact]
    public void A_therapist_marked_as_seen_before_ranks_first_even_without_visits_in_view()
    {
        var familiar = Therapist(id: Guid.Parse("00000000-0000-0000-0000-000000000009")) with { HasSeenClient = true };
        var stranger = Therapist(id: Guid.Parse("00000000-0000-0000-0000-000000000002"));

        var slot = Engine().Find(Request(Monday), [stranger, familiar], Sunday)[0];

        Assert.Equal([familiar.Id, stranger.Id], slot.Therapists.Select(t => t.TherapistId));
    }

    [Fact]
    public void Interests_that_fit_the_client_outrank_a_shorter_drive()
    {
        var near = Therapist(id: Guid.Parse("00000000-0000-0000-0000-000000000001"));
        var specialist = Therapist(id: Guid.Parse("00000000-0000-0000-0000-000000000009")) with
        {
            Home = Elsewhere, Interests = new HashSet<string>(["headaches", "neck-shoulder"], StringComparer.Ordinal),
        };
        var match = new ClientMatch(new HashSet<string>(["headaches", "neck-shoulder", "desk-workers"], StringComparer.Ordinal));
        var engine = new AvailabilityEngine(new CircuityTravelTimeModel(), new AvailabilityOptions());

        var withMatch = engine.Find(Request(Monday) with { Match = match }, [near, specialist], Sunday)[0];
        var without = engine.Find(Request(Monday), [near, specialist], Sunday)[0];

        Assert.Equal([specialist.Id, near.Id], withMatch.Therapists.Select(t => t.TherapistId));
        Assert.Equal([near.Id, specialist.Id], without.Therapists.Select(t => t.TherapistId));
    }

    [Fact]
    public void A_better_rating_ranks_higher_and_an_unrated_therapist_counts_as_ordinary()
    {
        var unrated = Therapist(id: Guid.Parse("00000000-0000-0000-0000-000000000001"));
        var praised = Therapist(id: Guid.Parse("00000000-0000-0000-0000-000000000002")) with { Rating = 4.8 };
        var criticised = Therapist(id: Guid.Parse("00000000-0000-0000-0000-000000000003")) with { Rating = 3.1 };

        var slot = Engine().Find(Request(Monday), [criticised, unrated, praised], Sunday)[0];

        Assert.Equal([praised.Id, unrated.Id, criticised.Id], slot.Therapists.Select(t => t.TherapistId));
    }

    [Fact]
    public void A_gender_preference_leaves_out_everyone_else()
    {
        var female = Therapist(id: Guid.Parse("00000000-0000-0000-0000-000000000001")) with { Gender = MatchGender.Female };
        var male = Therapist(id: Guid.Parse("00000000-0000-0000-0000-000000000002")) with { Gender = MatchGender.Male };
        var unstated = Therapist(id: Guid.Parse("00000000-0000-0000-0000-000000000003"));

        var slots = Engine().Find(Request(Monday) with { Match = ClientMatch.None with { Gender = MatchGender.Female } }, [female, male, unstated], Sunday);
        var anyone = Engine().Find(Request(Monday) with { Match = ClientMatch.None }, [female, male, unstated], Sunday);

        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.Equal([female.Id], s.Therapists.Select(t => t.TherapistId)));
        Assert.Equal(3, anyone[0].Therapists.Count);
    }

    [Fact]
    public void A_client_who_needs_prenatal_care_is_offered_only_therapists_trained_for_it()
    {
        var trained = Therapist(id: Guid.Parse("00000000-0000-0000-0000-000000000001")) with
        {
            Interests = new HashSet<string>([Interests.Prenatal], StringComparer.Ordinal),
        };
        var other = Therapist(id: Guid.Parse("00000000-0000-0000-0000-000000000002"));
        var match = ClientMatch.From([], [], null, null, requiresPrenatalCare: true);

        var slots = Engine().Find(Request(Monday) with { Match = match }, [other, trained], Sunday);

        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.Equal([trained.Id], s.Therapists.Select(t => t.TherapistId)));
    }

    [Fact]
    public void A_therapist_who_declined_the_client_is_never_offered_and_the_others_still_are()
    {
        var declined = Therapist(id: Guid.Parse("00000000-0000-0000-0000-000000000001"));
        var other = Therapist(id: Guid.Parse("00000000-0000-0000-0000-000000000002"));
        var limits = new ClientLimits(new HashSet<Guid> { declined.Id }, []);

        var slots = Engine().Find(Request(Monday) with { Limits = limits }, [declined, other], Sunday);
        var alone = Engine().Find(Request(Monday) with { Limits = limits }, [declined], Sunday);

        Assert.Equal(25, slots.Count);
        Assert.All(slots, s => Assert.Equal([other.Id], s.Therapists.Select(t => t.TherapistId)));
        Assert.Empty(alone);
    }

    [Fact]
    public void A_suspended_client_is_offered_nobody()
    {
        var slots = Engine().Find(Request(Monday) with { Limits = ClientLimits.None with { Suspended = true } }, [Therapist()], Sunday);

        Assert.Empty(slots);
    }

    [Fact]
    public void Times_that_overlap_the_clients_own_visit_with_anyone_are_not_offered()
    {
        // The client's visit with someone else occupies 11:50–13:10; a 60-minute session occupies its start -10 to +70 minutes.
        var limits = new ClientLimits(new HashSet<Guid>(), [new Interval(At(Monday, 11, 50), At(Monday, 13, 10))]);

        var times = Times(Engine().Find(Request(Monday) with { Limits = limits }, [Therapist()], Sunday));

        Assert.Contains("10:30", times);          // occupied 10:20–11:40: clear of it
        Assert.DoesNotContain("10:45", times);    // occupied 10:35–11:55: overlaps its first five minutes
        Assert.DoesNotContain("12:00", times);
        Assert.DoesNotContain("13:15", times);    // occupied from 13:05: overlaps its last five minutes
        Assert.Contains("13:30", times);          // occupied from 13:20: after it
        Assert.Equal(25 - 11, times.Count);       // 10:45 to 13:15 on the quarter hour
    }
}
