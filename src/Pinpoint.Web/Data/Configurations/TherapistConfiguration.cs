using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pinpoint.Web.Features.Accounts;
using Pinpoint.Web.Features.Therapists;

namespace Pinpoint.Web.Data.Configurations;

internal sealed class TherapistConfiguration : IEntityTypeConfiguration<Therapist>
{
    public void Configure(EntityTypeBuilder<Therapist> builder)
    {
        builder.ToTable("Therapists");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.UserId).HasMaxLength(450);
        builder.HasIndex(t => t.UserId).IsUnique();
        builder.HasOne<PinpointUser>().WithOne().HasForeignKey<Therapist>(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.DisplayName).HasMaxLength(PinpointUser.DisplayNameMaxLength);
        builder.Property(t => t.Bio).HasMaxLength(4000);
        builder.Property(t => t.HomeSuburb).HasMaxLength(100);
        builder.Property(t => t.TimeZoneId).HasMaxLength(64);
        builder.HasMany(t => t.Credentials).WithOne().HasForeignKey(c => c.TherapistId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TherapistCredentialConfiguration : IEntityTypeConfiguration<TherapistCredential>
{
    public void Configure(EntityTypeBuilder<TherapistCredential> builder)
    {
        builder.ToTable("TherapistCredentials");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Issuer).HasMaxLength(200);
        builder.Property(c => c.Number).HasMaxLength(100);
        builder.HasIndex(c => new { c.TherapistId, c.Modality });
    }
}
