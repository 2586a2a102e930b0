using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pinpoint.Web.Features.Accounts;

namespace Pinpoint.Web.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<PinpointUser>
{
    public void Configure(EntityTypeBuilder<PinpointUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(PinpointUser.DisplayNameMaxLength);
    }
}
