using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pinpoint.Web.Features.Outcomes;

namespace Pinpoint.Web.Data.Configurations;

internal sealed class OutcomeResponseConfiguration : IEntityTypeConfiguration<OutcomeResponse>
{
    public void Configure(EntityTypeBuilder<OutcomeResponse> builder)
    {
        builder.ToTable("OutcomeResponses");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ClientUserId).HasMaxLength(450);
        builder.Property(r => r.InstrumentId).HasMaxLength(16);
        builder.HasIndex(r => new { r.ClientUserId, r.InstrumentId, r.TakenAt });
        builder.HasOne<PinpointUser>().WithMany().HasForeignKey(r => r.ClientUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
