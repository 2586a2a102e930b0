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
/// One admin, one client and the demo therapists. Idempotent: an account that exists is left alone, so a restart
/// or a second instance never duplicates anything.
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
        var demo = options.Value;
        if (!demo.Seed)
        {
            return;
        }

        // One hash for every demo account: hashing is deliberately slow, and they share the password.
        var passwordHash = users.PasswordHasher.HashPassword(null!, demo.Password);

        var admin = await EnsureUserAsync(AdminEmail, "Alex Operator", Roles.Admin, passwordHash);
        var client = await EnsureUserAsync(ClientEmail, "Sam Client", Roles.Client, passwordHash);

        var now = clock.GetCurrentInstant();
        var today = now.InZone(DateTimeZoneProviders.Tzdb[DemoTherapists.TimeZoneId]).Date;
        for (var i = 0; i < DemoTherapists.All.Count; i++)
        {
            var entry = DemoTherapists.All[i];
            var user = await EnsureUserAsync(TherapistEmail(i + 1), entry.Name, Roles.Therapist, passwordHash);
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
                TimeZoneId = DemoTherapists.TimeZoneId,
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

            db.Therapists.Add(therapist);
        }

        await db.SaveChangesAsync(cancellationToken);
        await SeedWindowRequestsAsync(client, today.PlusDays(1), cancellationToken);

        if (environment.IsDevelopment())
        {
            LogDemoAccounts(logger, AdminEmail, ClientEmail, TherapistEmail(1), TherapistEmail(DemoTherapists.All.Count), demo.Password);
        }
    }

    // A few flexible requests for tomorrow, so an admin has a day to plan at /admin/plan. Sports therapy: several
    // demo therapists across the city are verified for it. Added once, whenever the demo client has none.
    private async Task SeedWindowRequestsAsync(PinpointUser client, LocalDate day, CancellationToken cancellationToken)
    {
        if (await db.Bookings.AnyAsync(b => b.ClientUserId == client.Id && b.WindowStart != null, cancellationToken) ||
            await db.ModalityPrices.SingleOrDefaultAsync(p => p.Modality == Modality.Sports && p.DurationMinutes == 60, cancellationToken) is not { } price)
        {
            return;
        }

        var zone = DateTimeZoneProviders.Tzdb[DemoTherapists.TimeZoneId];
        var now = clock.GetCurrentInstant();
        (string Suburb, double Latitude, double Longitude, int Hour)[] requests =
        [
            ("Abbotsford", -37.8045, 145.0020, 8), ("Parkville", -37.7870, 144.9510, 8), ("Thornbury", -37.7560, 145.0050, 9),
            ("Pascoe Vale", -37.7270, 144.9360, 12), ("Kew", -37.8060, 145.0310, 12),
        ];
        foreach (var (suburb, latitude, longitude, hour) in requests)
        {
            var from = day.At(new LocalTime(hour, 0)).InZoneLeniently(zone).ToInstant();
            var quote = Features.Booking.FlexibleBookings.WindowQuote(price.Price, from + Duration.FromHours(3), Duration.FromHours(1), bookingOptions.Value.WindowDiscountPercent);
            db.Bookings.Add(new Features.Booking.Booking
            {
                Id = Guid.CreateVersion7(now.ToDateTimeOffset()), ClientUserId = client.Id, TherapistId = null, Modality = Modality.Sports, DurationMinutes = 60,
                Start = null, End = null, OccupiedStart = null, OccupiedEnd = null, WindowStart = from, WindowEnd = from + Duration.FromHours(3),
                ClientLatitude = latitude, ClientLongitude = longitude, Address = $"Demo street, {suburb} VIC", PriceAmount = quote.Total.Amount,
                Currency = quote.Total.Currency, QuoteJson = Features.Booking.BookingService.QuoteJson(quote),
                Status = Features.Booking.BookingStatus.Requested, CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<PinpointUser> EnsureUserAsync(string email, string displayName, string role, string passwordHash)
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
            CreatedAt = clock.GetCurrentInstant(),
        };
        ReferenceDataSeeder.EnsureSucceeded(await users.CreateAsync(user), email);
        ReferenceDataSeeder.EnsureSucceeded(await users.AddToRoleAsync(user, role), email);
        return user;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Demo accounts (Development only) — admin: {Admin}, client: {Client}, therapists: {FirstTherapist} … {LastTherapist}; password for all: {Password}")]
    private static partial void LogDemoAccounts(
        ILogger logger, string admin, string client, string firstTherapist, string lastTherapist, string password);
}
