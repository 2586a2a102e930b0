using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Features.Accounts;
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
        await EnsureUserAsync(ClientEmail, "Sam Client", Roles.Client, passwordHash);

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

        if (environment.IsDevelopment())
        {
            LogDemoAccounts(logger, AdminEmail, ClientEmail, TherapistEmail(1), TherapistEmail(DemoTherapists.All.Count), demo.Password);
        }
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
