using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pinpoint.Web.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<PinpointUser>
{
    public void Configure(EntityTypeBuilder<PinpointUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(PinpointUser.DisplayNameMaxLength);
    }
}
