using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pinpoint.Web.Features.Welfare;

namespace Pinpoint.Web.Data.Configurations;

internal sealed class WelfareAlertConfiguration : IEntityTypeConfiguration<WelfareAlert>
{
    public void Configure(EntityTypeBuilder<WelfareAlert> builder)
    {
        builder.ToTable("WelfareAlerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Concern).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.RaisedBy).HasMaxLength(450);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(450);
        builder.Property(a => a.ClosedBy).HasMaxLength(450);
        builder.Property(a => a.CloseNote).HasMaxLength(WelfareAlerts.MaxNoteLength);
        // Exactly once per visit and concern: the node that loses the race to insert loses here, with its email.
        builder.HasIndex(a => new { a.BookingId, a.Concern }).IsUnique();
        // The board's question: what is not closed yet.
        builder.HasIndex(a => new { a.State, a.RaisedAt });
        builder.HasOne<Features.Booking.Booking>().WithMany().HasForeignKey(a => a.BookingId).OnDelete(DeleteBehavior.Cascade);
    }
}
