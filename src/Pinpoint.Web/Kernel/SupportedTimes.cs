using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Pinpoint.Web.Kernel;

/// <summary>
/// The calendar the service works in: dates from 2000 to 2100. Anything outside is a typing slip or a probe, and
/// refusing it where it is read keeps "9999-12-31T23:59:59-18:00" from overflowing an instant deep inside a query.
/// </summary>
public static class SupportedTimes
{
    public static readonly LocalDate Earliest = new(2000, 1, 1);

    public static readonly LocalDate Latest = new(2100, 12, 31);

    public const string OutOfRange = "Dates and times from 2000 to 2100 only.";

    public static bool Contains(LocalDate date) => date >= Earliest && date <= Latest;

    /// <summary>An ISO date (2026-12-07) within the supported years.</summary>
    public static ParseResult<LocalDate> ParseDate(string text) => Ranged(LocalDatePattern.Iso.Parse(text), d => d);

    /// <summary>An RFC 3339 date and time with its offset (2026-12-07T09:30:00+11:00) within the supported years.</summary>
    public static ParseResult<OffsetDateTime> ParseMoment(string text) => Ranged(OffsetDateTimePattern.Rfc3339.Parse(text), m => m.Date);

    /// <summary>As <see cref="ParseMoment"/>, also accepting fractions of a second beyond RFC 3339's.</summary>
    public static ParseResult<OffsetDateTime> ParseExtendedMoment(string text) => Ranged(OffsetDateTimePattern.ExtendedIso.Parse(text), m => m.Date);

    private static ParseResult<T> Ranged<T>(ParseResult<T> parsed, Func<T, LocalDate> dateOf) =>
        parsed.Success && !Contains(dateOf(parsed.Value))
            ? ParseResult<T>.ForException(() => new FormatException(OutOfRange))
            : parsed;

    /// <summary>JSON dates read as NodaTime reads them, then held to the supported years (a 400 naming the field otherwise).</summary>
    public sealed class DateConverter : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && ParseDate(reader.GetString()!) is { Success: true } parsed
                ? parsed.Value
                : throw new JsonException($"Expected a date such as 2026-12-07. {OutOfRange}");

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
    }

    /// <summary>JSON date-times with an offset, held to the supported years.</summary>
    public sealed class MomentConverter : JsonConverter<OffsetDateTime>
    {
        public override OffsetDateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && ParseExtendedMoment(reader.GetString()!) is { Success: true } parsed
                ? parsed.Value
                : throw new JsonException($"Expected a date and time with its offset, such as 2026-12-07T09:30:00+11:00. {OutOfRange}");

        public override void Write(Utf8JsonWriter writer, OffsetDateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(OffsetDateTimePattern.Rfc3339.Format(value));
    }
}
