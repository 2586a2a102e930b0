using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pinpoint.Web.Features.Therapists;
using Pinpoint.Web.Features.Trust;

namespace Pinpoint.Web.Data.Configurations;

internal sealed class ClientRatingConfiguration : IEntityTypeConfiguration<ClientRating>
{
    public void Configure(EntityTypeBuilder<ClientRating> builder)
    {
        builder.ToTable("ClientRatings");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ClientUserId).HasMaxLength(450);
        builder.Property(r => r.CreatedBy).HasMaxLength(450);
        builder.Property(r => r.Note).HasMaxLength(ClientRatings.MaxNoteLength);
        // One rating per visit: a double click or a retry finds the first.
        builder.HasIndex(r => r.BookingId).IsUnique();
        builder.HasIndex(r => new { r.ClientUserId, r.CreatedAt });
        builder.HasIndex(r => r.CreatedAt);
        builder.HasOne<Features.Booking.Booking>().WithMany().HasForeignKey(r => r.BookingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Therapist>().WithMany().HasForeignKey(r => r.TherapistId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PinpointUser>().WithMany().HasForeignKey(r => r.ClientUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClientBlockConfiguration : IEntityTypeConfiguration<ClientBlock>
{
    public void Configure(EntityTypeBuilder<ClientBlock> builder)
    {
        builder.ToTable("ClientBlocks");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.ClientUserId).HasMaxLength(450);
        builder.Property(b => b.CreatedBy).HasMaxLength(450);
        // One block per therapist and client: blocking twice is blocking once.
        builder.HasIndex(b => new { b.TherapistId, b.ClientUserId }).IsUnique();
        // Every search and booking of a signed-in client asks who blocked them.
        builder.HasIndex(b => new { b.ClientUserId, b.TherapistId });
        builder.HasIndex(b => b.CreatedAt);
        builder.HasOne<Therapist>().WithMany().HasForeignKey(b => b.TherapistId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PinpointUser>().WithMany().HasForeignKey(b => b.ClientUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClientSuspensionConfiguration : IEntityTypeConfiguration<ClientSuspension>
{
    /// <summary>The open suspensions: at most one per client.</summary>
    internal const string OpenFilter = "\"ReinstatedAt\" IS NULL";

    public void Configure(EntityTypeBuilder<ClientSuspension> builder)
    {
        builder.ToTable("ClientSuspensions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.ClientUserId).HasMaxLength(450);
        builder.Property(s => s.Reason).HasMaxLength(ClientSuspensions.MaxReasonLength);
        builder.Property(s => s.SuspendedBy).HasMaxLength(450);
        builder.Property(s => s.ReinstatedBy).HasMaxLength(450);
        builder.Property(s => s.ReinstatementNote).HasMaxLength(ClientSuspensions.MaxReasonLength);
        // Two operators suspending at once: one row goes in, the other request finds it.
        builder.HasIndex(s => s.ClientUserId).IsUnique().HasFilter(OpenFilter).HasDatabaseName("IX_ClientSuspensions_ClientUserId_Open");
        builder.HasIndex(s => new { s.ClientUserId, s.SuspendedAt });
        builder.HasOne<PinpointUser>().WithMany().HasForeignKey(s => s.ClientUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
