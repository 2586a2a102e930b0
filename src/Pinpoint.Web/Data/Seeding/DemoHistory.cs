using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Booking;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Core.Outcomes;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Clinical;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Features.Outcomes;
using Pinpoint.Web.Features.Plans;
using Pinpoint.Web.Features.Reviews;
using Pinpoint.Web.Features.Therapists;
using static Pinpoint.Web.Data.Seeding.DemoClients;

namespace Pinpoint.Web.Data.Seeding;

/// <summary>
/// Eight weeks of care before the first start, so the client's progress, the therapists' ratings and the operator's
/// outcome dashboard have something to show: completed visits with signed notes, reviews, questionnaire answers,
/// treatment plans and home care with the days ticked. All of it lies before today (the availability of today and later
/// is untouched), written as the features store it but without raising their domain events: nobody is emailed about
/// the past. Written in one transaction; every visit carries an idempotency key, so a second node racing to write the
/// same history loses on the unique index and leaves the first one's in place.
/// </summary>
internal sealed class DemoHistory(PinpointDb db, IClock clock, BookingOptions booking)
{
    public const string KeyPrefix = "demo-history-";
    public const int Weeks = 8;

    private static readonly DateTimeZone Zone = DemoTherapists.Area.Zone;
    private readonly DemoRecords _records = new(new Random(16));
    private readonly List<(Booking Visit, Entry Client, Therapist Therapist)> _visits = [];
    private int _keys;

    /// <summary>The marker: the history is there once the first visit is.</summary>
    public Task<bool> ExistsAsync(CancellationToken cancellationToken) =>
        db.Bookings.AnyAsync(b => b.IdempotencyKey == KeyPrefix + "1", cancellationToken);

    /// <summary>Adds the history (not saved): <paramref name="therapists"/> in the order of <see cref="DemoTherapists.All"/>.</summary>
    public async Task AddAsync(IReadOnlyDictionary<string, PinpointUser> clients, IReadOnlyList<Therapist> therapists, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var today = now.InZone(Zone).Date;
        // Monday of the first week, eight whole weeks before this one: the last visit is at least three days ago.
        var firstMonday = today.PlusDays(-Weeks * 7).With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
        var prices = await db.ModalityPrices.AsNoTracking().Where(p => p.DurationMinutes == 60 && p.Currency == DemoTherapists.Area.Currency).ToDictionaryAsync(p => p.Modality, p => p.Price, cancellationToken);
        var ids = All.Select(c => clients[c.Email].Id).ToList();
        var withIntake = await db.IntakeVersions.Where(v => ids.Contains(v.ClientUserId)).Select(v => v.ClientUserId).Distinct().ToListAsync(cancellationToken);
        var intakes = All.ToDictionary(c => c, c => DemoRecords.Intake(c));

        Booking Visit(Entry client, Therapist therapist, LocalDate date, double hour, Modality modality)
        {
            var place = DemoTherapists.Area.Gazetteer.Search(client.Suburb, 1)[0];
            var start = date.At(LocalTime.FromMinutesSinceMidnight((int)(hour * 60))).InZoneLeniently(Zone).ToInstant();
            var quote = Pricing.Quote(prices[modality], start.InZone(Zone), Duration.FromHours(1),
                new GeoPoint(therapist.HomeLatitude, therapist.HomeLongitude).DistanceKmTo(place.Point), new SurchargePolicy());
            var visit = new Booking
            {
                Id = Guid.CreateVersion7(start.ToDateTimeOffset()), ClientUserId = clients[client.Email].Id, TherapistId = therapist.Id, Modality = modality,
                DurationMinutes = 60, Start = start, End = start + Duration.FromHours(1),
                OccupiedStart = start - Duration.FromMinutes(booking.SetUpMinutes), OccupiedEnd = start + Duration.FromMinutes(60 + booking.PackDownMinutes),
                ClientLatitude = place.Point.Latitude, ClientLongitude = place.Point.Longitude, Address = $"{client.Street}, {place.Label}",
                PriceAmount = quote.Total.Amount, Currency = quote.Total.Currency, QuoteJson = BookingService.QuoteJson(quote), IntakeVersion = 1,
                ScreeningJson = IntakeJson.Write(DemoRecords.Screen(intakes[client], today)), PreferencesJson = IntakeJson.Write(intakes[client].Preferences),
                Status = BookingStatus.Completed, StatusReason = "Completed.", StatusChangedBy = therapist.UserId, StatusChangedAt = start + Duration.FromHours(1),
                Sequence = 1, IdempotencyKey = KeyPrefix + (++_keys), CreatedAt = start - Duration.FromDays(4),
            };
            db.Bookings.Add(visit);
            _visits.Add((visit, client, therapist));
            return visit;
        }

        // Each client's course with their therapist, ending in the last week.
        var courses = new List<(Entry Client, Therapist Therapist, List<Booking> Visits)>();
        foreach (var client in All)
        {
            var therapist = therapists[TherapistOf(client.Course)];
            var modality = client.Course == Course.Neck ? Modality.Myofascial : Modality.Neuromuscular;
            var dates = Enumerable.Range(Weeks - client.Visits, client.Visits).Select(w => firstMonday.PlusDays((w * 7) + client.Weekday - 1));
            courses.Add((client, therapist, [.. dates.Select(d => Visit(client, therapist, d, client.Hour, modality))]));
        }

        // Before their course, most clients tried one of the other therapists once: every therapist outside the courses
        // who is not busy in the app's own tests gets a few rated visits, on the weekdays of the first two weeks.
        var others = Enumerable.Range(17, DemoTherapists.InHomeArea.Count - 17).Where(i => i != TherapistOf(Course.Neck) && i != TherapistOf(Course.LowBack)).ToList();
        var tryers = All.Where(c => c.Visits < Weeks).ToList();
        var days = Enumerable.Range(0, 14).Select(firstMonday.PlusDays).Where(d => d.DayOfWeek < IsoDayOfWeek.Saturday).ToList();
        for (var n = 0; n < others.Count * 3; n++)
        {
            var index = others[n / 3];
            var therapist = therapists[index];
            Visit(tryers[n % tryers.Count], therapist, days[n % days.Count], 8 + (index % 4) + (n % 3 * 2), DemoTherapists.All[index].Modalities[0]);
        }

        foreach (var client in All.Where(c => !withIntake.Contains(clients[c.Email].Id)))
        {
            AddIntake(intakes[client], clients[client.Email].Id, _visits.Where(v => v.Client == client).Min(v => v.Visit.Start!.Value) - Duration.FromDays(5), today);
        }

        foreach (var (visit, client, therapist) in _visits.OrderBy(v => v.Visit.Start))
        {
            var course = courses.Single(c => c.Client == client);
            var number = course.Visits.IndexOf(visit);
            AddNote(visit, therapist, client.Course, number < 0 ? 0 : number, number < 0 ? 1 : course.Visits.Count);
            if (number < 0 || number % 2 == 0 || number == course.Visits.Count - 1)
            {
                db.Add(new Review
                {
                    BookingId = visit.Id, TherapistId = therapist.Id, ClientUserId = visit.ClientUserId, Rating = _records.Rating(), Comment = _records.Comment(),
                    CreatedAt = visit.End!.Value + Duration.FromHours(5),
                });
            }
        }

        foreach (var (client, therapist, visits) in courses)
        {
            AddCare(client, therapist, visits, today);
        }
    }

    private void AddIntake(Core.Intake.IntakeContent content, string userId, Instant at, LocalDate today)
    {
        var screening = DemoRecords.Screen(content, today);
        db.IntakeVersions.Add(new IntakeVersion
        {
            ClientUserId = userId, Version = 1, ContentJson = IntakeJson.Write(content), ScreeningJson = IntakeJson.Write(screening),
            Outcome = screening.Outcome.ToString().ToLowerInvariant(), SubmittedAt = at,
        });
        db.Consents.AddRange(ConsentTexts.Current.Select(t => new ConsentRecord { UserId = userId, Kind = t.Kind, TextVersion = t.Version, AcceptedAt = at }));
    }

    private void AddNote(Booking visit, Therapist therapist, Course course, int number, int of)
    {
        var signed = visit.End!.Value + Duration.FromMinutes(25);
        db.Add(new SessionNoteRecord
        {
            Id = Guid.CreateVersion7(signed.ToDateTimeOffset()), BookingId = visit.Id, TherapistId = therapist.Id, ClientUserId = visit.ClientUserId,
            ContentJson = IntakeJson.Write(_records.Note(course, number, of)), CreatedAt = visit.End.Value, UpdatedAt = signed, UpdatedBy = therapist.UserId,
            SignedAt = signed, SignedBy = therapist.UserId,
        });
    }

    // Questionnaires at the start and every third session, home care after every other visit, and a plan for the course.
    private void AddCare(Entry client, Therapist therapist, List<Booking> visits, LocalDate today)
    {
        var userId = visits[0].ClientUserId;
        var instruments = OutcomeMeasures.For(Regions(client.Course).Select(r => r.Region), Atlas.Default);
        for (var sessions = 0; sessions <= visits.Count; sessions += OutcomeSchedule.DefaultEvery)
        {
            var taken = sessions == 0 ? visits[0].Start!.Value - Duration.FromDays(2) : visits[sessions - 1].End!.Value + Duration.FromHours(20);
            var burden = Math.Clamp(0.72 - (0.075 * sessions), 0.15, 1);
            foreach (var instrument in instruments)
            {
                var (answers, labels, score) = _records.Answers(instrument, client.Course, burden);
                db.Add(new OutcomeResponse
                {
                    ClientUserId = userId, InstrumentId = instrument.Id, AnswersJson = JsonSerializer.Serialize(answers),
                    LabelsJson = labels is null ? null : JsonSerializer.Serialize(labels), Score = score, TakenAt = taken, AfterSessions = sessions,
                });
            }
        }

        var exercises = Exercises(client.Course);
        for (var v = 0; v < visits.Count; v += 2)
        {
            var startsOn = visits[v].Start!.Value.InZone(Zone).Date;
            var prescription = new HomeCarePrescription
            {
                BookingId = visits[v].Id, TherapistId = therapist.Id, ClientUserId = userId, ExerciseId = exercises[v / 2 % exercises.Count],
                HoldSeconds = 30, Repetitions = 3, TimesPerDay = 2, Days = 14, StartsOn = startsOn, CreatedAt = visits[v].End!.Value + Duration.FromMinutes(20),
            };
            for (var day = startsOn; day < startsOn.PlusDays(14) && day < today; day = day.PlusDays(1))
            {
                if (_records.Ticked(Math.Min(1, client.Adherence + (0.04 * v))))
                {
                    prescription.Ticks.Add(new HomeCareTick { Day = day, At = day.At(new LocalTime(20, 30)).InZoneLeniently(Zone).ToInstant() });
                }
            }

            db.Add(prescription);
        }

        if (visits.Count >= 5)
        {
            var last = visits[^1].End!.Value;
            var plan = new TreatmentPlan
            {
                Id = Guid.CreateVersion7(visits[0].End!.Value.ToDateTimeOffset()), ClientUserId = userId, TherapistId = therapist.Id, Modality = visits[0].Modality,
                DurationMinutes = 60, Sessions = visits.Count - 1, CadenceDays = 7, GoalsJson = JsonSerializer.Serialize(Goals(client.Course)),
                GoalNote = client.Course == Course.Neck ? "Work a full day at the laptop without a headache." : "Garden on a Saturday morning without paying for it on Sunday.",
                Status = PlanStatus.Completed, IdempotencyKey = KeyPrefix + "plan", CreatedAt = visits[0].End!.Value,
                Reassessment = "Goals met: pain down by more than the MCID and the questionnaires improved. Maintenance every three to four weeks.",
                ReassessedAt = last + Duration.FromMinutes(30), ReassessedBy = therapist.UserId,
            };
            db.Add(plan);
            for (var v = 1; v < visits.Count; v++)
            {
                visits[v].PlanId = plan.Id;
                visits[v].PlanSession = v;
            }
        }
    }
}
