using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pinpoint.Web.Features.Planning;

namespace Pinpoint.Web.Data.Configurations;

internal sealed class DayPlanConfiguration : IEntityTypeConfiguration<DayPlan>
{
    public void Configure(EntityTypeBuilder<DayPlan> builder)
    {
        builder.ToTable("DayPlans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.AreaId).HasMaxLength(64);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.RequestedBy).HasMaxLength(450);
        builder.Property(p => p.ApprovedBy).HasMaxLength(450);
        builder.Property(p => p.Error).HasMaxLength(500);
        builder.Property(p => p.LeaseOwner).HasMaxLength(100);
        // Defaults as the migration added them to existing rows: the same value a new plan starts with.
        builder.Property(p => p.Progress).HasDefaultValue(0d);
        builder.Property(p => p.Runs).HasDefaultValue(0);
        builder.HasIndex(p => new { p.Date, p.AreaId, p.Status });
        builder.HasMany(p => p.Routes).WithOne().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Visits).WithOne().HasForeignKey(v => v.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DayPlanRouteConfiguration : IEntityTypeConfiguration<DayPlanRoute>
{
    public void Configure(EntityTypeBuilder<DayPlanRoute> builder)
    {
        builder.ToTable("DayPlanRoutes");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.PlanId);
        builder.HasOne<Features.Therapists.Therapist>().WithMany().HasForeignKey(r => r.TherapistId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DayPlanVisitConfiguration : IEntityTypeConfiguration<DayPlanVisit>
{
    public void Configure(EntityTypeBuilder<DayPlanVisit> builder)
    {
        builder.ToTable("DayPlanVisits");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Reason).HasMaxLength(500);
        builder.HasIndex(v => v.PlanId);
        builder.HasIndex(v => v.BookingId);
        builder.HasOne<Features.Booking.Booking>().WithMany().HasForeignKey(v => v.BookingId).OnDelete(DeleteBehavior.Restrict);
    }
}
