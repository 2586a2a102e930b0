using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Scheduling;
using Pinpoint.Web.Data.Configurations;
using Pinpoint.Web.Features.Catalogue;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Features.Therapists;
using Pinpoint.Web.Kernel.Events;

namespace Pinpoint.Web.Data;

/// <summary>The one database of the app. The same model and migrations serve SQLite and PostgreSQL.</summary>
public sealed class PinpointDb(DbContextOptions<PinpointDb> options) : IdentityDbContext<PinpointUser>(options), IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring, shared by every node (cookies and antiforgery tokens from one work on all).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ModalityOffering> Modalities => Set<ModalityOffering>();

    public DbSet<ModalityPrice> ModalityPrices => Set<ModalityPrice>();

    public DbSet<Therapist> Therapists => Set<Therapist>();

    public DbSet<TherapistCredential> TherapistCredentials => Set<TherapistCredential>();

    public DbSet<CredentialDecision> CredentialDecisions => Set<CredentialDecision>();

    public DbSet<WorkingHoursEntry> WorkingHours => Set<WorkingHoursEntry>();

    public DbSet<ScheduleException> ScheduleExceptions => Set<ScheduleException>();

    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();

    public DbSet<IntakeDraft> IntakeDrafts => Set<IntakeDraft>();

    public DbSet<IntakeVersion> IntakeVersions => Set<IntakeVersion>();

    public DbSet<ConsentRecord> Consents => Set<ConsentRecord>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Features.Booking.Booking> Bookings => Set<Features.Booking.Booking>();

    public DbSet<StoredEvent> Events => Set<StoredEvent>();

    public DbSet<EventDelivery> EventDeliveries => Set<EventDelivery>();

    /// <summary>How events are stored: by property name, so a renamed C# property is a deliberate, visible change.</summary>
    public static JsonSerializerOptions EventJson { get; } = new(JsonSerializerDefaults.General);

    /// <summary>
    /// Stores a domain event with the changes being made, so it commits or rolls back with them. Its handlers
    /// run after the commit (<see cref="Events.EventDispatcher"/>).
    /// </summary>
    public void Raise(IDomainEvent domainEvent, Instant occurredAt)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        Events.Add(new StoredEvent
        {
            Type = domainEvent.GetType().Name, Payload = JsonSerializer.Serialize(domainEvent, domainEvent.GetType(), EventJson), OccurredAt = occurredAt,
        });
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PinpointDb).Assembly);
        BookingConfiguration.MapVersion(builder.Entity<Features.Booking.Booking>(), Database.IsNpgsql());
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // SQLite: every changed booking gets the next version, and the update checks the version it was read at.
    // (PostgreSQL's xmin moves by itself.)
    private void BumpVersions()
    {
        if (Database.IsNpgsql())
        {
            return;
        }

        foreach (var entry in ChangeTracker.Entries<Features.Booking.Booking>().Where(e => e.State == EntityState.Modified))
        {
            var version = entry.Property(b => b.Version);
            if (!version.IsModified)
            {
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // NodaTime values are stored through the provider's own date/time types so that one hand-written
        // migration fits both databases: timestamptz/date on PostgreSQL, ISO text on SQLite.
        configurationBuilder.Properties<Instant>().HaveConversion<InstantConverter>();
        configurationBuilder.Properties<LocalDate>().HaveConversion<LocalDateConverter>();
        configurationBuilder.Properties<LocalTime>().HaveConversion<LocalTimeConverter>();
        configurationBuilder.Properties<Modality>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<CredentialStatus>().HaveConversion<string>().HaveMaxLength(16);
    }
}
