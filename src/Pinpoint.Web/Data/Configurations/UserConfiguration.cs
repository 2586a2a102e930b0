using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pinpoint.Web.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<PinpointUser>
{
    public void Configure(EntityTypeBuilder<PinpointUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(PinpointUser.DisplayNameMaxLength);
        builder.Property(u => u.AwaitingConfirmation).HasDefaultValue(false);
        builder.Property(u => u.HomeArea).HasMaxLength(PinpointUser.HomeAreaMaxLength);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<Features.Accounts.UserSession>
{
    public void Configure(EntityTypeBuilder<Features.Accounts.UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.HasOne<PinpointUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.UserId, s.SeenAt });
    }
}
