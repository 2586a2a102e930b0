using PhoneNumbers;

namespace Pinpoint.Web.Kernel;

/// <summary>
/// Mobile numbers as people type them ("0412 345 678", "+64 21 123 4567") read into E.164 ("+61412345678"), the one
/// form stored, so a therapist can call from the day view and a number compares equal however it was typed.
/// </summary>
public static class MobileNumbers
{
    /// <summary>Numbers without a country code are read as Australian: the service runs there first.</summary>
    public const string DefaultRegion = "AU";

    public const string Invalid = "Enter a mobile number we can call on the day, e.g. 0412 345 678 or +64 21 123 4567.";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164 when it is a valid mobile (or a number that may be one); false for anything else, a landline included.</summary>
    public static bool TryNormalize(string? text, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(text) || text.Length > 32)
        {
            return false;
        }

        PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(text, DefaultRegion);
        }
        catch (NumberParseException)
        {
            return false;
        }

        if (!Util.IsValidNumber(parsed) ||
            Util.GetNumberType(parsed) is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            return false;
        }

        e164 = Util.Format(parsed, PhoneNumberFormat.E164);
        return true;
    }

    /// <summary>How a stored E.164 number reads to a person in its own country: "0412 345 678".</summary>
    public static string Display(string? e164)
    {
        if (string.IsNullOrEmpty(e164))
        {
            return "";
        }

        try
        {
            var parsed = Util.Parse(e164, DefaultRegion);
            return Util.GetRegionCodeForNumber(parsed) == DefaultRegion
                ? Util.Format(parsed, PhoneNumberFormat.NATIONAL)
                : Util.Format(parsed, PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
