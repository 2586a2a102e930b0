using NodaTime;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>Dates typed into forms (yyyy-MM-dd, as date inputs send them): empty is null, nonsense is a field error.</summary>
public static class FormDates
{
    public static LocalDate? Parse(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = SupportedTimes.ParseDate(text.Trim());
        if (parsed.Success)
        {
            return parsed.Value;
        }

        errors[field] = ["A date such as 2026-03-31 is required."];
        return null;
    }
}
