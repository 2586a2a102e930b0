using NodaTime;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Referral;
using Pinpoint.Core.Screening;

namespace Pinpoint.Core.Intake;

/// <summary>Field errors for an intake, keyed like the JSON (<c>preferences.pressure</c>, <c>regions[1].id</c>).</summary>
public static class IntakeValidation
{
    public const int MaxTextLength = 1000;

    /// <summary>What a draft may hold: anything missing, nothing wrong.</summary>
    public static IReadOnlyDictionary<string, string[]> ForDraft(IntakeContent content, Atlas atlas, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(atlas);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (content.Regions.Count > 0)
        {
            foreach (var (field, messages) in new ReferralQuery(content.Regions).Validate(atlas).Where(e => e.Key != "regions"))
            {
                errors[field] = messages;
            }
        }

        Text(errors, "better", content.Better);
        Text(errors, "worse", content.Worse);
        Choices(errors, "complaints", content.Complaints, IntakeChoices.Complaints);
        Choices(errors, "goals", content.Goals, IntakeChoices.Goals);
        if (content.Activity is not null && Vocabulary.FindActivity(content.Activity) is null)
        {
            errors["activity"] = [$"Unknown activity '{content.Activity}'."];
        }

        if (content.Duration is { } duration && !Enum.IsDefined(duration))
        {
            errors["duration"] = ["How long it has hurt must be days, weeks, months or years."];
        }

        var p = content.Preferences;
        One(errors, "preferences.pressure", p.Pressure, IntakeChoices.Pressures);
        One(errors, "preferences.therapistGender", p.TherapistGender, IntakeChoices.TherapistGenders);
        One(errors, "preferences.scent", p.Scent, IntakeChoices.Scents);
        One(errors, "preferences.music", p.Music, IntakeChoices.Music);
        One(errors, "preferences.lighting", p.Lighting, IntakeChoices.Lighting);
        One(errors, "preferences.roomTemperature", p.RoomTemperature, IntakeChoices.RoomTemperatures);
        if (p.AvoidRegions.FirstOrDefault(r => atlas.FindRegion(r) is null) is { } unknown)
        {
            errors["preferences.avoidRegions"] = [$"Unknown region '{unknown}'."];
        }

        Text(errors, "preferences.scentSensitivities", p.ScentSensitivities);
        Text(errors, "preferences.parking", p.Parking);
        Text(errors, "preferences.pets", p.Pets);
        Text(errors, "preferences.accessNotes", p.AccessNotes);
        Text(errors, "preferences.adultPresentForMinor", p.AdultPresentForMinor);

        if (content.Screening.Count > 0)
        {
            foreach (var (field, messages) in ScreeningRules.Validate(content.Screening, atlas, today)
                         .Where(e => content.Screening.ContainsKey(e.Key["answers.".Length..]) || e.Value[0].StartsWith("There is no", StringComparison.Ordinal)))
            {
                errors["screening." + field["answers.".Length..]] = messages;
            }
        }

        return errors;
    }

    /// <summary>What a submitted intake needs on top of a valid draft: where it hurts, for how long, and every screening answer.</summary>
    public static IReadOnlyDictionary<string, string[]> ForSubmission(IntakeContent content, Atlas atlas, LocalDate today)
    {
        var errors = new Dictionary<string, string[]>(ForDraft(content, atlas, today), StringComparer.Ordinal);
        if (content.Regions.Count(r => r.Intensity > 0) == 0)
        {
            errors.TryAdd("regions", ["Mark at least one place where it hurts."]);
        }

        if (content.Duration is null)
        {
            errors.TryAdd("duration", ["Tell us how long it has hurt."]);
        }

        foreach (var (field, messages) in ScreeningRules.Validate(content.Screening, atlas, today))
        {
            errors.TryAdd("screening." + field["answers.".Length..], messages);
        }

        return errors;
    }

    private static void Text(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (value is { Length: > MaxTextLength })
        {
            errors[field] = [$"Keep this under {MaxTextLength} characters."];
        }
    }

    private static void One(Dictionary<string, string[]> errors, string field, string? value, IReadOnlyList<Choice> choices)
    {
        if (!IntakeChoices.IsIn(choices, value))
        {
            errors[field] = [$"Choose one of: {string.Join(", ", choices.Select(c => c.Id))}."];
        }
    }

    private static void Choices(Dictionary<string, string[]> errors, string field, IReadOnlyList<string> values, IReadOnlyList<Choice> choices)
    {
        var unknown = values.Where(v => !IntakeChoices.IsIn(choices, v)).ToList();
        if (unknown.Count > 0)
        {
            errors[field] = [$"Unknown: {string.Join(", ", unknown)}. Choose from: {string.Join(", ", choices.Select(c => c.Id))}."];
        }
    }
}
