using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Features.Therapists;
using BookingEntity = Pinpoint.Web.Features.Booking.Booking;

namespace Pinpoint.Web.Data.Configurations;

internal sealed class IntakeDraftConfiguration : IEntityTypeConfiguration<IntakeDraft>
{
    public void Configure(EntityTypeBuilder<IntakeDraft> builder)
    {
        builder.ToTable("IntakeDrafts");
        builder.HasKey(d => d.ClientUserId);
        builder.Property(d => d.ClientUserId).HasMaxLength(450);
        builder.HasOne<PinpointUser>().WithOne().HasForeignKey<IntakeDraft>(d => d.ClientUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IntakeVersionConfiguration : IEntityTypeConfiguration<IntakeVersion>
{
    public void Configure(EntityTypeBuilder<IntakeVersion> builder)
    {
        builder.ToTable("IntakeVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.ClientUserId).HasMaxLength(450);
        builder.Property(v => v.Outcome).HasMaxLength(16);
        builder.HasIndex(v => new { v.ClientUserId, v.Version }).IsUnique();
        // Health records outlive accounts: an account is anonymised, never deleted while versions exist.
        builder.HasOne<PinpointUser>().WithMany().HasForeignKey(v => v.ClientUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> builder)
    {
        builder.ToTable("Consents");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.Kind).HasMaxLength(32);
        builder.Property(c => c.TextVersion).HasMaxLength(64);
        builder.HasIndex(c => c.UserId);
        builder.HasOne<PinpointUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ActorUserId).HasMaxLength(450);
        builder.Property(a => a.SubjectUserId).HasMaxLength(450);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Resource).HasMaxLength(200);
        builder.HasIndex(a => new { a.SubjectUserId, a.At });
        // No foreign keys: the audit trail must survive whatever happens to the accounts it names.
    }
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<BookingEntity>
{
    public void Configure(EntityTypeBuilder<BookingEntity> builder)
    {
        // A window request has neither therapist nor time; a scheduled booking has all of them (see WindowBookings).
        builder.ToTable("Bookings", t => t.HasCheckConstraint("CK_Bookings_Scheduled", Migrations.WindowBookings.ScheduledCheck));
        builder.HasKey(b => b.Id);
        builder.Property(b => b.ClientUserId).HasMaxLength(450);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.Address).HasMaxLength(300);
        builder.Property(b => b.AccessNotes).HasMaxLength(Features.Booking.VisitAddress.AccessNotesMaxLength);
        builder.Property(b => b.PriceAmount).HasPrecision(10, 2);
        builder.Property(b => b.FeeAmount).HasPrecision(10, 2);
        builder.Property(b => b.Currency).HasMaxLength(3);
        builder.Property(b => b.StatusReason).HasMaxLength(500);
        builder.Property(b => b.StatusChangedBy).HasMaxLength(450);
        builder.Property(b => b.IdempotencyKey).HasMaxLength(100);
        builder.Property(b => b.RequestHash).HasMaxLength(64);
        builder.Property(b => b.Stage).HasConversion<string>().HasMaxLength(16).HasDefaultValue(Pinpoint.Core.Visits.VisitStage.Booked);
        builder.HasIndex(b => new { b.TherapistId, b.ClientUserId });
        // Covers the availability search (visits of many therapists around a day) without touching the table.
        builder.HasIndex(b => new { b.TherapistId, b.OccupiedStart, b.OccupiedEnd, b.Status, b.ClientLatitude, b.ClientLongitude, b.ClientUserId })
            .HasDatabaseName("IX_Bookings_Availability");
        // A day of everyone's visits, as the search cache reads it.
        builder.HasIndex(b => b.OccupiedStart);
        builder.HasIndex(b => new { b.ClientUserId, b.IdempotencyKey }).IsUnique();
        builder.HasOne<PinpointUser>().WithMany().HasForeignKey(b => b.ClientUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Therapist>().WithMany().HasForeignKey(b => b.TherapistId).OnDelete(DeleteBehavior.Restrict);
        // No foreign key to TreatmentPlans: the column came later, and SQLite cannot add a constraint to a table in place.
        builder.HasIndex(b => b.PlanId);
    }

    /// <summary>
    /// The concurrency token differs by database: PostgreSQL's <c>xmin</c> system column changes with every write by
    /// itself (a <c>uint</c> row version maps to it, and needs no column); SQLite has no such column, so the app keeps a
    /// <c>Version</c> column and bumps it on each update (see <see cref="PinpointDb"/>'s SaveChanges).
    /// </summary>
    public static void MapVersion(EntityTypeBuilder<BookingEntity> builder, bool npgsql)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var version = builder.Property(b => b.Version);
        _ = npgsql
            ? version.IsRowVersion()
            : version.IsConcurrencyToken().HasDefaultValue(0u).HasSentinel(uint.MaxValue);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Pinpoint.Web.Features.Notifications.Notification>
{
    public void Configure(EntityTypeBuilder<Pinpoint.Web.Features.Notifications.Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.To).HasMaxLength(256);
        builder.Property(n => n.Subject).HasMaxLength(200);
        builder.Property(n => n.LastError).HasMaxLength(500);
        // The dispatcher's question: unsent, due, and free (never claimed, or the lease or retry pause has run out).
        builder.HasIndex(n => new { n.SentAt, n.DueAt, n.ClaimedUntil });
        builder.Property(n => n.ClaimedBy).HasMaxLength(100);
        builder.HasIndex(n => new { n.BookingId, n.Kind, n.Sequence }).IsUnique();
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.HasIndex(n => new { n.UserId, n.Kind, n.DueAt });
    }
}
