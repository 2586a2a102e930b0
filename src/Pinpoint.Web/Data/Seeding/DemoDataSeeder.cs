using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Features.Therapists;

namespace Pinpoint.Web.Data.Seeding;

/// <summary>
/// One admin, the demo clients and the demo therapists, with eight weeks of care in the past (<see cref="DemoHistory"/>).
/// Idempotent: an account that exists is left alone and the history is written once, so a restart never duplicates
/// anything; a second node seeding at the same moment loses on the unique keys and leaves the first one's data.
/// </summary>
public sealed partial class DemoDataSeeder(
    PinpointDb db,
    UserManager<PinpointUser> users,
    IOptions<DemoOptions> options,
    IOptions<Features.Booking.BookingOptions> bookingOptions,
    IHostEnvironment environment,
    IClock clock,
    ILogger<DemoDataSeeder> logger)
{
    public const string AdminEmail = "admin@pinpoint.test";
    public const string ClientEmail = "client@pinpoint.test";

    public static string TherapistEmail(int number) =>
        string.Create(CultureInfo.InvariantCulture, $"therapist{number:00}@pinpoint.test");

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Seed)
        {
            return;
        }

        // Nodes starting together take turns: the second finds the first's work done instead of racing it into a deadlock.
        await StartupLock.RunExclusiveAsync(db, () => SeedExclusiveAsync(cancellationToken), cancellationToken);
    }

    private async Task SeedExclusiveAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;

        // One hash for every demo account: hashing is deliberately slow, and they share the password.
        var passwordHash = users.PasswordHasher.HashPassword(null!, demo.Password);

        var now = clock.GetCurrentInstant();
        var admin = await EnsureUserAsync(AdminEmail, "Alex Operator", Roles.Admin, passwordHash, "0491 570 159", now);
        var clients = new Dictionary<string, PinpointUser>(StringComparer.Ordinal);
        foreach (var entry in DemoClients.All)
        {
            // Clients joined before their history began.
            clients[entry.Email] = await EnsureUserAsync(entry.Email, entry.Name, Roles.Client, passwordHash, entry.Mobile, now - Duration.FromDays(70));
        }

        var client = clients[ClientEmail];
        var today = now.InZone(DemoTherapists.Area.Zone).Date;
        // Added together after every account exists: nothing may be pending while an account is created (that saves).
        var therapists = new List<Therapist>();
        for (var i = 0; i < DemoTherapists.All.Count; i++)
        {
            var entry = DemoTherapists.All[i];
            // ACMA's range for fiction: 121 on for the home area, 010 on for the other cities (clients have 110–120, 156–159).
            var home = DemoTherapists.InHomeArea.Count;
            var mobile = i < home ? $"0491 570 {121 + i}" : $"0491 570 {10 + i - home:000}";
            var user = await EnsureUserAsync(TherapistEmail(i + 1), entry.Name, Roles.Therapist, passwordHash, mobile, now);
            if (await db.Therapists.AnyAsync(t => t.UserId == user.Id, cancellationToken))
            {
                continue;
            }

            var therapist = new Therapist
            {
                Id = Guid.CreateVersion7(now.ToDateTimeOffset()),
                UserId = user.Id,
                DisplayName = entry.Name,
                Bio = entry.Bio,
                HomeSuburb = entry.Suburb,
                HomeLatitude = entry.Latitude,
                HomeLongitude = entry.Longitude,
                HomePostcode = entry.Postcode,
                TimeZoneId = Zones.At(entry.Latitude, entry.Longitude).Id,
                Gender = entry.Gender,
                Languages = entry.Languages,
                YearsOfExperience = 3 + (i * 7 % 17),
                Interests = entry.Interests,
                MaxTravelMinutes = 30 + (i % 4 * 10),
                CreatedAt = now,
                UpdatedAt = now,
            };
            foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })
            {
                // Staggered days so the demo has early birds and evening therapists.
                var start = new LocalTime(7 + (i % 4), 0);
                therapist.WorkingHours.Add(new WorkingHoursEntry { DayOfWeek = day, Start = start, End = start.PlusHours(8) });
            }

            if (i % 3 == 0)
            {
                therapist.WorkingHours.Add(new WorkingHoursEntry { DayOfWeek = IsoDayOfWeek.Saturday, Start = new LocalTime(9, 0), End = new LocalTime(13, 0) });
            }

            foreach (var modality in entry.Modalities)
            {
                therapist.Credentials.Add(new TherapistCredential
                {
                    Id = Guid.CreateVersion7(now.ToDateTimeOffset()),
                    Modality = modality,
                    Issuer = "Demo Trigger Point Academy",
                    Number = string.Create(CultureInfo.InvariantCulture, $"DTPA-{i + 1:000}-{(int)modality}"),
                    IssuedOn = today.PlusYears(-2),
                    ExpiresOn = today.PlusYears(2),
                    Status = CredentialStatus.Approved,
                    SubmittedAt = now,
                    DecidedAt = now,
                    DecidedByUserId = admin.Id,
                    DecisionReason = "Demo data: certificate checked.",
                });
            }

            therapists.Add(therapist);
        }

        db.Therapists.AddRange(therapists);
        await SaveOnceAsync("therapists", cancellationToken);
        await SeedHistoryAsync(clients, cancellationToken);
        await SeedWindowRequestsAsync(client, [.. DemoClients.All.Select(c => clients[c.Email])], today.PlusDays(1), cancellationToken);

        if (environment.IsDevelopment())
        {
            LogDemoAccounts(logger, AdminEmail, ClientEmail, TherapistEmail(1), TherapistEmail(DemoTherapists.All.Count), demo.Password);
        }
    }

    private async Task SeedHistoryAsync(IReadOnlyDictionary<string, PinpointUser> clients, CancellationToken cancellationToken)
    {
        var history = new DemoHistory(db, clock, bookingOptions.Value);
        if (await history.ExistsAsync(cancellationToken))
        {
            return;
        }

        var emails = Enumerable.Range(1, DemoTherapists.All.Count).Select(TherapistEmail).ToList();
        var users = await db.Users.AsNoTracking().Where(u => emails.Contains(u.Email!)).ToDictionaryAsync(u => u.Id, u => u.Email!, cancellationToken);
        var byEmail = (await db.Therapists.AsNoTracking().Where(t => users.Keys.Contains(t.UserId)).ToListAsync(cancellationToken))
            .ToDictionary(t => users[t.UserId], StringComparer.Ordinal);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await history.AddAsync(clients, [.. emails.Select(e => byEmail[e])], cancellationToken);
        if (await SaveOnceAsync("history", cancellationToken))
        {
            // The demo clients live where their history is: their own dates and prices are that city's (ClientAreas).
            var ids = clients.Values.Select(c => c.Id).ToList();
            await db.Users.Where(u => ids.Contains(u.Id) && u.HomeArea == null)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.HomeArea, DemoTherapists.Area.Key), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    // Saves what is pending; a unique key (or, on PostgreSQL, a therapist's overlapping visit) another node wrote
    // first means that node has seeded this part: not an error.
    private async Task<bool> SaveOnceAsync(string part, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception) || exception.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.ExclusionViolation })
        {
            db.ChangeTracker.Clear();
            LogSeededElsewhere(logger, part);
            return false;
        }
    }

    // A few flexible requests for tomorrow, so an admin has a day to plan at /admin/plan. Sports therapy: several
    // demo therapists across the city are verified for it. Each from another demo client (the demo client first): one
    // person is in one appointment at a time, so one client's overlapping windows could not all be confirmed. Added
    // once, whenever the demo client has none.
    private async Task SeedWindowRequestsAsync(PinpointUser client, IReadOnlyList<PinpointUser> requesters, LocalDate day, CancellationToken cancellationToken)
    {
        if (await db.Bookings.AnyAsync(b => b.ClientUserId == client.Id && b.WindowStart != null, cancellationToken) ||
            await db.ModalityPrices.SingleOrDefaultAsync(p => p.Modality == Modality.Sports && p.DurationMinutes == 60 && p.Currency == DemoTherapists.Area.Currency, cancellationToken) is not { } price)
        {
            return;
        }

        var zone = DemoTherapists.Area.Zone;
        var now = clock.GetCurrentInstant();
        (string Suburb, double Latitude, double Longitude, int Hour)[] requests =
        [
            ("Abbotsford", -37.8045, 145.0020, 8), ("Parkville", -37.7870, 144.9510, 8), ("Thornbury", -37.7560, 145.0050, 9),
            ("Pascoe Vale", -37.7270, 144.9360, 12), ("Kew", -37.8060, 145.0310, 12),
        ];
        var number = 0;
        foreach (var (suburb, latitude, longitude, hour) in requests)
        {
            number++;
            var from = day.At(new LocalTime(hour, 0)).InZoneLeniently(zone).ToInstant();
            var quote = Features.Booking.FlexibleBookings.WindowQuote(price.Price, (from + Duration.FromHours(3)).InZone(zone), Duration.FromHours(1), bookingOptions.Value.WindowDiscountPercent);
            db.Bookings.Add(new Features.Booking.Booking
            {
                Id = Guid.CreateVersion7(now.ToDateTimeOffset()), ClientUserId = requesters[(number - 1) % requesters.Count].Id, TherapistId = null,
                Modality = Modality.Sports, DurationMinutes = 60,
                Start = null, End = null, OccupiedStart = null, OccupiedEnd = null, WindowStart = from, WindowEnd = from + Duration.FromHours(3),
                ClientLatitude = latitude, ClientLongitude = longitude, Address = $"Demo street, {suburb} VIC", PriceAmount = quote.Total.Amount,
                Currency = quote.Total.Currency, QuoteJson = Features.Booking.BookingService.QuoteJson(quote),
                Status = Features.Booking.BookingStatus.Requested, CreatedAt = now,
                IdempotencyKey = string.Create(CultureInfo.InvariantCulture, $"demo-window-{day:yyyy-MM-dd}-{number}"),
            });
        }

        await SaveOnceAsync("window requests", cancellationToken);
    }

    private async Task<PinpointUser> EnsureUserAsync(string email, string displayName, string role, string passwordHash, string mobile, Instant createdAt)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is not null)
        {
            return user;
        }

        user = new PinpointUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            PasswordHash = passwordHash,
            PhoneNumber = MobileNumbers.TryNormalize(mobile, out var e164) ? e164 : throw new InvalidOperationException($"Demo mobile {mobile} is not a valid mobile number."),
            CreatedAt = createdAt,
        };
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user);
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            created = IdentityResult.Failed(new IdentityError { Code = nameof(IdentityErrorDescriber.DuplicateUserName) });
        }

        // Another node created the account a moment ago: use theirs (it gets its role there).
        if (!created.Succeeded && created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail)))
        {
            db.ChangeTracker.Clear();
            return await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"Seeding {email} failed: {created.Errors.First().Description}");
        }

        ReferenceDataSeeder.EnsureSucceeded(created, email);
        ReferenceDataSeeder.EnsureSucceeded(await users.AddToRoleAsync(user, role), email);
        return user;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo {Part} were being written by another node at the same time: left as that node wrote them")]
    private static partial void LogSeededElsewhere(ILogger logger, string part);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Demo accounts (Development only) — admin: {Admin}, client: {Client}, therapists: {FirstTherapist} … {LastTherapist}; password for all: {Password}")]
    private static partial void LogDemoAccounts(
        ILogger logger, string admin, string client, string firstTherapist, string lastTherapist, string password);
}
