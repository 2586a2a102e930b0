using System.Text.Json;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Referral;
using Pinpoint.Web.Features.Referral;

namespace Pinpoint.Web.Features.Booking;

/// <summary>
/// The pain map a client marked before booking ("Where does it hurt?"), kept with the booking so the therapist sees
/// it even when the client has not filled in an intake. Same shape as a referral request.
/// </summary>
public static class BookingPain
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The map as stored (regions with pain only), or null when none came; problems are keyed <c>pain.regions[0].id</c>.</summary>
    public static string? Validate(ReferralRequest? pain, Atlas atlas, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (pain is null || (pain.Regions is null or { Length: 0 } && pain.Symptoms is null or { Length: 0 }))
        {
            return null;
        }

        var (_, problems) = ReferralApi.Read(pain, atlas);
        foreach (var (field, messages) in problems)
        {
            errors[$"pain.{field}"] = messages;
        }

        return problems.Count > 0 ? null : JsonSerializer.Serialize(pain with { Regions = [.. pain.Regions!.Where(r => r.Intensity > 0)] }, Json);
    }

    /// <summary>The stored map as a query for the referral engine, or null when the booking has none.</summary>
    public static ReferralQuery? Read(string? json, Atlas atlas)
    {
        if (json is null || JsonSerializer.Deserialize<ReferralRequest>(json, Json) is not { } pain)
        {
            return null;
        }

        var (query, problems) = ReferralApi.Read(pain, atlas);
        return problems.Count == 0 && query.Regions.Count > 0 ? query : null;
    }
}
