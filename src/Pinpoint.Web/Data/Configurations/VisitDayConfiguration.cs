using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pinpoint.Web.Features.VisitDay;
using BookingEntity = Pinpoint.Web.Features.Booking.Booking;

namespace Pinpoint.Web.Data.Configurations;

internal sealed class VisitEventConfiguration : IEntityTypeConfiguration<VisitEvent>
{
    public void Configure(EntityTypeBuilder<VisitEvent> builder)
    {
        builder.ToTable("VisitEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Stage).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.EtaFrom).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ByUserId).HasMaxLength(450);
        // One row per stage reached: two taps at once store one, and the loser reads the winner's.
        builder.HasIndex(e => new { e.BookingId, e.Stage }).IsUnique();
        builder.HasOne<BookingEntity>().WithMany().HasForeignKey(e => e.BookingId).OnDelete(DeleteBehavior.Cascade);
    }
}
