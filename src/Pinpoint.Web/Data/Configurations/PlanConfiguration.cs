using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pinpoint.Web.Features.Plans;

namespace Pinpoint.Web.Data.Configurations;

internal sealed class TreatmentPlanConfiguration : IEntityTypeConfiguration<TreatmentPlan>
{
    public void Configure(EntityTypeBuilder<TreatmentPlan> builder)
    {
        builder.ToTable("TreatmentPlans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.ClientUserId).HasMaxLength(450);
        builder.Property(p => p.Modality).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.GoalNote).HasMaxLength(500);
        builder.Property(p => p.IdempotencyKey).HasMaxLength(TreatmentPlans.MaxKeyLength);
        builder.Property(p => p.RequestHash).HasMaxLength(64);
        builder.Property(p => p.Reassessment).HasMaxLength(2000);
        builder.Property(p => p.ReassessedBy).HasMaxLength(450);
        builder.HasIndex(p => new { p.ClientUserId, p.IdempotencyKey }).IsUnique();
        builder.HasIndex(p => p.TherapistId);
        builder.HasOne<Features.Therapists.Therapist>().WithMany().HasForeignKey(p => p.TherapistId).OnDelete(DeleteBehavior.Restrict);
    }
}
