using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pinpoint.Web.Features.Therapists;

namespace Pinpoint.Web.Data.Configurations;

internal sealed class TherapistConfiguration : IEntityTypeConfiguration<Therapist>
{
    // Short lists of words (languages, interests) stored in one column, '|'-separated: they are read with the
    // profile and never queried on their own. Values never contain '|' (validation rejects it).
    private static readonly ValueComparer<List<string>> ListComparer = new(
        (a, b) => a != null && b != null && a.SequenceEqual(b),
        list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
        list => list.ToList());

    public void Configure(EntityTypeBuilder<Therapist> builder)
    {
        builder.ToTable("Therapists");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.UserId).HasMaxLength(450);
        builder.HasIndex(t => t.UserId).IsUnique();
        builder.HasOne<PinpointUser>().WithOne().HasForeignKey<Therapist>(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.DisplayName).HasMaxLength(PinpointUser.DisplayNameMaxLength);
        builder.Property(t => t.Bio).HasMaxLength(4000);
        builder.Property(t => t.Gender).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Languages).HasConversion(ListConverter()).HasMaxLength(500).Metadata.SetValueComparer(ListComparer);
        builder.Property(t => t.Interests).HasConversion(ListConverter()).HasMaxLength(500).Metadata.SetValueComparer(ListComparer);
        builder.Property(t => t.HomeAddress).HasMaxLength(300);
        builder.Property(t => t.HomePostcode).HasMaxLength(10);
        builder.Property(t => t.HomeSuburb).HasMaxLength(100);
        builder.Property(t => t.TimeZoneId).HasMaxLength(64);
        builder.Property(t => t.CalendarToken).HasMaxLength(64);
        builder.HasIndex(t => t.CalendarToken).IsUnique();
        // PhotoId and the credential's DocumentId have no foreign key: SQLite cannot add one to an existing table
        // without a rebuild, and the services that replace a file delete the old one in the same transaction.
        builder.Property(t => t.Gender).HasDefaultValue(TherapistGender.Unspecified);
        builder.Property(t => t.Languages).HasDefaultValue(new List<string> { "English" });
        builder.Property(t => t.Interests).HasDefaultValue(new List<string>());
        builder.Property(t => t.HomeAddress).HasDefaultValue("");
        builder.Property(t => t.HomePostcode).HasDefaultValue("");
        // Defaults fill rows that existed before these columns; the sentinel makes EF always send the app's value.
        builder.Property(t => t.YearsOfExperience).HasDefaultValue(0).HasSentinel(int.MinValue);
        builder.Property(t => t.MaxSessionsPerDay).HasDefaultValue(5).HasSentinel(int.MinValue);
        builder.Property(t => t.MinBreakMinutes).HasDefaultValue(15).HasSentinel(int.MinValue);
        builder.HasMany(t => t.Credentials).WithOne().HasForeignKey(c => c.TherapistId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.WorkingHours).WithOne().HasForeignKey(w => w.TherapistId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.ScheduleExceptions).WithOne().HasForeignKey(e => e.TherapistId).OnDelete(DeleteBehavior.Cascade);
    }

    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<string>, string> ListConverter() => new(
        list => string.Join('|', list),
        value => value.Length == 0 ? new List<string>() : value.Split('|', StringSplitOptions.None).ToList());
}

internal sealed class TherapistCredentialConfiguration : IEntityTypeConfiguration<TherapistCredential>
{
    public void Configure(EntityTypeBuilder<TherapistCredential> builder)
    {
        builder.ToTable("TherapistCredentials");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Issuer).HasMaxLength(200);
        builder.Property(c => c.Number).HasMaxLength(100);
        builder.Property(c => c.DecidedByUserId).HasMaxLength(450);
        builder.Property(c => c.DecisionReason).HasMaxLength(1000);
        // Several rows per modality over time (a renewal is a new application); at most one pending, checked in code.
        builder.HasIndex(c => new { c.TherapistId, c.Modality });
        // No index on Status alone: SQLite's planner would pick it for "this therapist has an approved credential"
        // and scan every approved credential per therapist (measured: 0.3 s per availability query at 2,000 therapists).
    }
}

internal sealed class CredentialDecisionConfiguration : IEntityTypeConfiguration<CredentialDecision>
{
    public void Configure(EntityTypeBuilder<CredentialDecision> builder)
    {
        builder.ToTable("CredentialDecisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Reason).HasMaxLength(1000);
        builder.Property(d => d.DecidedByUserId).HasMaxLength(450);
        builder.HasIndex(d => d.CredentialId);
        // The audit outlives the credential: no foreign key, so deleting a therapist keeps who decided what.
    }
}

internal sealed class WorkingHoursEntryConfiguration : IEntityTypeConfiguration<WorkingHoursEntry>
{
    public void Configure(EntityTypeBuilder<WorkingHoursEntry> builder)
    {
        builder.ToTable("TherapistWorkingHours");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.DayOfWeek).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(w => w.TherapistId);
    }
}

internal sealed class ScheduleExceptionConfiguration : IEntityTypeConfiguration<ScheduleException>
{
    public void Configure(EntityTypeBuilder<ScheduleException> builder)
    {
        builder.ToTable("TherapistScheduleExceptions");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Note).HasMaxLength(200);
        builder.HasIndex(e => new { e.TherapistId, e.FirstDay });
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.ToTable("StoredFiles");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.OwnerUserId).HasMaxLength(450);
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.Property(f => f.FileName).HasMaxLength(255);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.HasIndex(f => f.OwnerUserId);
        builder.HasOne<PinpointUser>().WithMany().HasForeignKey(f => f.OwnerUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
