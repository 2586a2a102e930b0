using System.Text.RegularExpressions;

namespace Pinpoint.Web.Features.Booking;

/// <summary>
/// Where the therapist goes: the parts of an Australian street address as a client fills them in at checkout,
/// written to the booking as one line ("Unit 2, 45 Brunswick Street, Fitzroy VIC 3065") and read back from one.
/// </summary>
public sealed partial record VisitAddress(string? Unit, string? Number, string? Street, string? Suburb, string? Postcode)
{
    public const int AccessNotesMaxLength = 500;

    public const string State = "VIC";

    public static VisitAddress Empty { get; } = new(null, null, null, null, null);

    /// <summary>The line stored with the booking and shown to the therapist.</summary>
    public string Line
    {
        get
        {
            var street = $"{Number?.Trim()} {Street?.Trim()}".Trim();
            var unit = string.IsNullOrWhiteSpace(Unit) ? "" : $"Unit {Unit.Trim()}, ";
            return $"{unit}{street}, {Suburb?.Trim()} {State} {Postcode?.Trim()}";
        }
    }

    /// <summary>Field errors, keyed by the names the review form uses.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Unit is { Length: > 20 })
        {
            errors["unit"] = ["A unit or flat is at most 20 characters, e.g. 2 or 4B."];
        }

        if (string.IsNullOrWhiteSpace(Number) || Number.Trim().Length > 12 || !StreetNumberForm().IsMatch(Number.Trim()))
        {
            errors["number"] = ["Enter the street number, e.g. 45 or 12A."];
        }

        if (string.IsNullOrWhiteSpace(Street) || Street.Trim().Length is < 3 or > 100)
        {
            errors["street"] = ["Enter the street, e.g. Brunswick Street."];
        }

        if (string.IsNullOrWhiteSpace(Suburb) || Suburb.Trim().Length > 60)
        {
            errors["suburb"] = ["Enter the suburb."];
        }

        if (string.IsNullOrWhiteSpace(Postcode) || !PostcodeForm().IsMatch(Postcode.Trim()))
        {
            errors["postcode"] = ["Enter the four-digit postcode, e.g. 3065."];
        }

        return errors;
    }

    /// <summary>
    /// The street part of what someone typed ("2/45 Brunswick St, Fitzroy"), to start the checkout fields from; the
    /// suburb and postcode come from the geocoder, which knows them better.
    /// </summary>
    public static VisitAddress FromTyped(string? text, string? suburb, string? postcode)
    {
        var match = text is null ? Match.Empty : TypedStreet().Match(text);
        if (!match.Success)
        {
            return new VisitAddress(null, null, null, suburb, postcode);
        }

        // Without a comma the suburb, state and postcode run on after the street: "45 Brunswick St Fitzroy 3065".
        var street = TrailingState().Replace(match.Groups["street"].Value.Trim(), "");
        if (suburb is { Length: > 0 } && street.EndsWith(" " + suburb, StringComparison.OrdinalIgnoreCase))
        {
            street = street[..^(suburb.Length + 1)].TrimEnd();
        }

        return new VisitAddress(match.Groups["unit"].Success ? match.Groups["unit"].Value : null, match.Groups["number"].Value, street, suburb, postcode);
    }

    /// <summary>Access notes as stored: trimmed, and nothing rather than blank.</summary>
    public static string? CleanNotes(string? notes) => string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();

    [GeneratedRegex(@"^\d{1,5}[A-Za-z]?(-\d{1,5}[A-Za-z]?)?$")]
    private static partial Regex StreetNumberForm();

    [GeneratedRegex(@"(\s+(VIC|Victoria))?(\s+\d{4})?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingState();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex PostcodeForm();

    [GeneratedRegex(@"^\s*(?:(?:unit|flat|apt)\s*(?<unit>\w{1,6})\s*,?\s*|(?<unit>\w{1,6})\s*/\s*)?(?<number>\d{1,5}[A-Za-z]?)\s+(?<street>[^,\d][^,]{1,98}?)\s*(?:,|$)", RegexOptions.IgnoreCase)]
    private static partial Regex TypedStreet();
}

/// <summary>One labelled input of the checkout form, with its hint and error tied to it for screen readers.</summary>
public sealed record CheckoutField(
    string Name, string Key, string Label, string? Value, string? Error,
    string Type = "text", string? Autocomplete = null, string? InputMode = null, string? Hint = null, string? Size = null, bool Required = false);
