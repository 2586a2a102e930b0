using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>What a therapist may change on their profile; every field optional so a form or a PATCH-like PUT can send part.</summary>
public sealed class ProfileInput
{
    public string? DisplayName { get; set; }

    public string? Bio { get; set; }

    public TherapistGender? Gender { get; set; }

    public List<string>? Languages { get; set; }

    public int? YearsOfExperience { get; set; }

    public List<string>? Interests { get; set; }

    /// <summary>A street address, suburb or postcode; geocoded when no coordinates come with it.</summary>
    public string? HomeAddress { get; set; }

    public double? HomeLatitude { get; set; }

    public double? HomeLongitude { get; set; }

    public string? TimeZoneId { get; set; }

    public int? MaxTravelMinutes { get; set; }

    public double? MaxRadiusKm { get; set; }
}

/// <summary>A therapist's own profile: creation at sign-up, edits, the photo and how complete it is.</summary>
public sealed class TherapistProfiles(PinpointDb db, IGeocoder geocoder, IClock clock)
{
    public Task<Therapist?> FindByUserAsync(string userId, CancellationToken cancellationToken) =>
        db.Therapists.Include(t => t.Credentials).Include(t => t.WorkingHours).Include(t => t.ScheduleExceptions)
            .AsSplitQuery().SingleOrDefaultAsync(t => t.UserId == userId, cancellationToken);

    /// <summary>Applies the fields that are present; returns field errors keyed like the JSON, and changes nothing if any.</summary>
    public async Task<Dictionary<string, string[]>> UpdateAsync(Therapist therapist, ProfileInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var displayName = input.DisplayName?.Trim();
        if (input.DisplayName is not null && (displayName!.Length is 0 or > PinpointUser.DisplayNameMaxLength))
        {
            errors["displayName"] = [$"A display name of 1 to {PinpointUser.DisplayNameMaxLength} characters is required."];
        }

        if (input.Bio is { Length: > 4000 })
        {
            errors["bio"] = ["The bio can be at most 4,000 characters."];
        }

        if (input.Gender is { } gender && !Enum.IsDefined(gender))
        {
            errors["gender"] = ["Gender must be unspecified, female, male or nonBinary."];
        }

        var languages = input.Languages?.OfType<string>().Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (languages is not null && (languages.Count is 0 or > 10 || languages.Any(l => l.Length > 40 || l.Contains('|', StringComparison.Ordinal))))
        {
            errors["languages"] = ["List 1 to 10 languages, each up to 40 characters."];
        }

        if (input.YearsOfExperience is < 0 or > 60)
        {
            errors["yearsOfExperience"] = ["Years of experience must be between 0 and 60."];
        }

        var unknownInterests = input.Interests?.Where(i => Interests.Find(i) is null).ToList() ?? [];
        if (unknownInterests.Count > 0)
        {
            errors["interests"] = [$"Unknown interest(s): {string.Join(", ", unknownInterests)}. Known: {string.Join(", ", Interests.All.Select(i => i.Id))}."];
        }

        if (input.TimeZoneId is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(input.TimeZoneId) is null)
        {
            errors["timeZoneId"] = [$"'{input.TimeZoneId}' is not an IANA time zone (e.g. Australia/Melbourne)."];
        }

        if (input.MaxTravelMinutes is < 5 or > 180)
        {
            errors["maxTravelMinutes"] = ["The longest drive must be between 5 and 180 minutes."];
        }

        if (input.MaxRadiusKm is { } radius && (!double.IsFinite(radius) || radius is < 1 or > 200))
        {
            errors["maxRadiusKm"] = ["The radius must be between 1 and 200 km."];
        }

        var home = await ResolveHomeAsync(input, errors, cancellationToken);
        if (home is not null && Zones.Areas.Containing(home.Point) is null)
        {
            errors["homeLatitude"] = [Zones.NotServed];
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        therapist.DisplayName = displayName ?? therapist.DisplayName;
        therapist.Bio = input.Bio?.Trim() ?? therapist.Bio;
        therapist.Gender = input.Gender ?? therapist.Gender;
        therapist.Languages = languages ?? therapist.Languages;
        therapist.YearsOfExperience = input.YearsOfExperience ?? therapist.YearsOfExperience;
        therapist.Interests = input.Interests?.Distinct(StringComparer.Ordinal).ToList() ?? therapist.Interests;
        therapist.TimeZoneId = input.TimeZoneId ?? therapist.TimeZoneId;
        if (input.MaxTravelMinutes is not null || input.MaxRadiusKm is not null)
        {
            // One service-area rule at a time: the one given last wins.
            therapist.MaxTravelMinutes = input.MaxTravelMinutes;
            therapist.MaxRadiusKm = input.MaxTravelMinutes is null ? input.MaxRadiusKm : null;
        }

        if (home is not null)
        {
            therapist.HomeAddress = input.HomeAddress?.Trim() ?? therapist.HomeAddress;
            therapist.HomeLatitude = home.Point.Latitude;
            therapist.HomeLongitude = home.Point.Longitude;
            therapist.HomeSuburb = home.Suburb ?? therapist.HomeSuburb;
            therapist.HomePostcode = home.Postcode ?? therapist.HomePostcode;
            // A therapist's calendar is that of the area of their base, unless this same change names a zone.
            therapist.TimeZoneId = input.TimeZoneId ?? Zones.At(home.Point.Latitude, home.Point.Longitude).Id;
        }

        therapist.UpdatedAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    /// <summary>Replaces the photo; the old file is deleted in the same save.</summary>
    public async Task ReplacePhotoAsync(Therapist therapist, StoredFile photo, CancellationToken cancellationToken)
    {
        if (therapist.PhotoId is { } old)
        {
            await db.StoredFiles.Where(f => f.Id == old).ExecuteDeleteAsync(cancellationToken);
        }

        db.StoredFiles.Add(photo);
        therapist.PhotoId = photo.Id;
        therapist.UpdatedAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>What is still missing before clients see a complete profile, and the share done (0–100).</summary>
    public static (int Percent, IReadOnlyList<string> Missing) Completeness(Therapist therapist)
    {
        var checks = new (bool Done, string Missing)[]
        {
            (therapist.PhotoId is not null, "a photo"),
            (therapist.Bio.Length >= 40, "a bio of a few sentences"),
            (therapist.YearsOfExperience > 0, "your years of experience"),
            (therapist.Interests.Count > 0, "your special interests"),
            (therapist.HomeSuburb.Length > 0, "where your working day starts"),
            (therapist.WorkingHours.Count > 0, "your working hours"),
            (therapist.Credentials.Count > 0, "a credential for at least one therapy"),
        };
        return ((int)Math.Round(100.0 * checks.Count(c => c.Done) / checks.Length), [.. checks.Where(c => !c.Done).Select(c => c.Missing)]);
    }

    private async Task<GeocodeMatch?> ResolveHomeAsync(ProfileInput input, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (input.HomeLatitude is { } lat && input.HomeLongitude is { } lon)
        {
            if (lat is < -90 or > 90 || lon is < -180 or > 180 || !double.IsFinite(lat) || !double.IsFinite(lon))
            {
                errors["homeLatitude"] = ["Coordinates must be a latitude from -90 to 90 and a longitude from -180 to 180."];
                return null;
            }

            var point = new GeoPoint(lat, lon);
            var near = (await geocoder.SearchAsync(FormattableString.Invariant($"{lat}, {lon}"), 1, cancellationToken)).FirstOrDefault();
            return new GeocodeMatch(near?.Label ?? "", near?.Suburb, near?.Postcode, point, near?.Source ?? "typed");
        }

        if (input.HomeLatitude is not null || input.HomeLongitude is not null)
        {
            errors["homeLatitude"] = ["Give both latitude and longitude, or neither."];
            return null;
        }

        if (string.IsNullOrWhiteSpace(input.HomeAddress))
        {
            return null;
        }

        GeocodeMatch? match;
        try
        {
            match = (await geocoder.SearchAsync(input.HomeAddress, 1, cancellationToken)).FirstOrDefault();
        }
        catch (Geocoding.GeocodingUnavailableException unavailable)
        {
            errors["homeAddress"] = [unavailable.Message];
            return null;
        }

        if (match is null)
        {
            errors["homeAddress"] = [$"We could not find '{input.HomeAddress.Trim()}'. Try a suburb or postcode, or type coordinates such as -37.81, 144.96."];
        }

        return match;
    }
}
