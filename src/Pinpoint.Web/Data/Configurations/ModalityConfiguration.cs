using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pinpoint.Web.Features.Catalogue;

namespace Pinpoint.Web.Data.Configurations;

internal sealed class ModalityOfferingConfiguration : IEntityTypeConfiguration<ModalityOffering>
{
    public void Configure(EntityTypeBuilder<ModalityOffering> builder)
    {
        builder.ToTable("Modalities");
        builder.HasKey(m => m.Modality);
        builder.Property(m => m.Name).HasMaxLength(100);
        builder.Property(m => m.Tagline).HasMaxLength(200);
        builder.Property(m => m.Description).HasMaxLength(4000);
        builder.Property(m => m.SuitsWho).HasMaxLength(2000);
        builder.Property(m => m.WhatHappens).HasMaxLength(2000);
        builder.HasMany(m => m.Prices).WithOne().HasForeignKey(p => p.Modality).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ModalityPriceConfiguration : IEntityTypeConfiguration<ModalityPrice>
{
    public void Configure(EntityTypeBuilder<ModalityPrice> builder)
    {
        builder.ToTable("ModalityPrices");
        builder.HasKey(p => new { p.Modality, p.DurationMinutes, p.Currency });
        builder.Property(p => p.Amount).HasPrecision(10, 2);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength(false);
        builder.Ignore(p => p.Price);
    }
}
