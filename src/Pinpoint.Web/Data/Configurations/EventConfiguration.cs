using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pinpoint.Web.Kernel.Events;

namespace Pinpoint.Web.Data.Configurations;

internal sealed class StoredEventConfiguration : IEntityTypeConfiguration<StoredEvent>
{
    public void Configure(EntityTypeBuilder<StoredEvent> builder)
    {
        builder.ToTable("Events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.Property(e => e.LastError).HasMaxLength(2000);
        builder.HasIndex(e => new { e.DispatchedAt, e.Id });
    }
}

internal sealed class EventDeliveryConfiguration : IEntityTypeConfiguration<EventDelivery>
{
    public void Configure(EntityTypeBuilder<EventDelivery> builder)
    {
        builder.ToTable("EventDeliveries");
        builder.HasKey(d => new { d.EventId, d.Handler });
        builder.Property(d => d.Handler).HasMaxLength(200);
        builder.HasOne<StoredEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
