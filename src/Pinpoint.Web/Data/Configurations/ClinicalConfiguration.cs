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
