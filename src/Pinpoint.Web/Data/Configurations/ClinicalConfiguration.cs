using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pinpoint.Web.Features.Clinical;

namespace Pinpoint.Web.Data.Configurations;

internal sealed class SessionNoteConfiguration : IEntityTypeConfiguration<SessionNoteRecord>
{
    public void Configure(EntityTypeBuilder<SessionNoteRecord> builder)
    {
        builder.ToTable("SessionNotes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.ClientUserId).HasMaxLength(450);
        builder.Property(n => n.UpdatedBy).HasMaxLength(450);
        builder.Property(n => n.SignedBy).HasMaxLength(450);
        // A note is changed only while it is as unsigned (or signed) as when it was read: a draft save racing the
        // signature cannot rewrite a signed note, and two signatures cannot both go through.
        builder.Property(n => n.SignedAt).IsConcurrencyToken();
        builder.HasIndex(n => n.BookingId).IsUnique();
        builder.HasIndex(n => new { n.ClientUserId, n.CreatedAt });
        builder.HasOne<Features.Booking.Booking>().WithMany().HasForeignKey(n => n.BookingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(n => n.Addenda).WithOne().HasForeignKey(a => a.NoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NoteAddendumConfiguration : IEntityTypeConfiguration<NoteAddendum>
{
    public void Configure(EntityTypeBuilder<NoteAddendum> builder)
    {
        builder.ToTable("NoteAddenda");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.AuthorUserId).HasMaxLength(450);
        builder.Property(a => a.Text).HasMaxLength(SessionNotes.MaxAddendumLength);
    }
}

internal sealed class HomeCarePrescriptionConfiguration : IEntityTypeConfiguration<HomeCarePrescription>
{
    public void Configure(EntityTypeBuilder<HomeCarePrescription> builder)
    {
        builder.ToTable("HomeCarePrescriptions");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.ClientUserId).HasMaxLength(450);
        builder.Property(p => p.ExerciseId).HasMaxLength(100);
        builder.Property(p => p.Note).HasMaxLength(300);
        builder.Ignore(p => p.Dose);
        builder.Ignore(p => p.Course);
        builder.HasIndex(p => new { p.ClientUserId, p.StartsOn });
        builder.HasIndex(p => p.BookingId);
        builder.HasOne<Features.Booking.Booking>().WithMany().HasForeignKey(p => p.BookingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Ticks).WithOne().HasForeignKey(t => t.PrescriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HomeCareTickConfiguration : IEntityTypeConfiguration<HomeCareTick>
{
    public void Configure(EntityTypeBuilder<HomeCareTick> builder)
    {
        builder.ToTable("HomeCareTicks");
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => new { t.PrescriptionId, t.Day }).IsUnique();
    }
}
