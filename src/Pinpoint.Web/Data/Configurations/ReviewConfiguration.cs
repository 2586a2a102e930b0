using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pinpoint.Web.Features.Reviews;

namespace Pinpoint.Web.Data.Configurations;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.ToTable("Reviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ClientUserId).HasMaxLength(450);
        builder.Property(r => r.Comment).HasMaxLength(ReviewService.MaxCommentLength);
        builder.HasIndex(r => r.BookingId).IsUnique();
        builder.HasIndex(r => new { r.TherapistId, r.CreatedAt });
        builder.HasOne<Features.Booking.Booking>().WithMany().HasForeignKey(r => r.BookingId).OnDelete(DeleteBehavior.Restrict);
    }
}
