using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Pinpoint.Web.Kernel;

/// <summary>
/// The <c>Idempotency-Key</c> request header, after the IETF draft "The Idempotency-Key HTTP Header Field": a write
/// stored under a key keeps a fingerprint of the request that made it. A retry with the same key and the same request
/// gets the stored result; the same key with a different request is refused with 422 naming the header, never
/// answered with a result that belongs to another request; a retry while the first is still at work is 409 (where the
/// work takes that long). Every write that honours the header (bookings, exact and window; treatment plans; their
/// pages) fingerprints and compares through here.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    public const string ReusedMessage = "This Idempotency-Key was already used with a different request: send a new key for a new request.";

    /// <summary>Instants and dates in ISO form, so what a request means, not how it was spelled, is hashed.</summary>
    private static readonly JsonSerializerOptions Canonical = new JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    /// <summary>
    /// SHA-256 (hex, 64 characters) of the operation (e.g. <c>POST /api/plans</c>), the account sending it and the
    /// request's canonical body. <paramref name="canonicalBody"/> is the request with every time as an
    /// <see cref="Instant"/>, so "09:30+11:00" and "22:30Z" the day before are the same request.
    /// </summary>
    public static string Fingerprint(string operation, string userId, object canonicalBody)
    {
        ArgumentNullException.ThrowIfNull(canonicalBody);
        var text = $"{operation}\n{userId}\n{JsonSerializer.Serialize(canonicalBody, canonicalBody.GetType(), Canonical)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Whether a stored write answers this request. A write stored before fingerprints were kept (null) is taken to
    /// match, as every retry was before.
    /// </summary>
    public static bool Matches(string? stored, string fingerprint) => stored is null || string.Equals(stored, fingerprint, StringComparison.Ordinal);

    /// <summary>The field errors of a 422 for a key used before with a different request.</summary>
    public static Dictionary<string, string[]> Reused() => new(StringComparer.Ordinal) { [Header] = [ReusedMessage] };

    /// <summary>Whether <paramref name="errors"/> is the refusal of a reused key (for metrics).</summary>
    public static bool IsReused(IReadOnlyDictionary<string, string[]> errors) =>
        errors is not null && errors.TryGetValue(Header, out var messages) && messages is [ReusedMessage];

    /// <summary>A field error when <paramref name="key"/> is missing (if required) or longer than its column.</summary>
    public static string[]? Problem(string? key, int maxLength, bool required, string why)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return required ? [$"Send an {Header} header (for example a new UUID per attempt, 1 to {maxLength} characters), so {why}."]
                : key is null ? null : [$"An {Header} is 1 to {maxLength} characters."];
        }

        return key.Length > maxLength ? [$"An {Header} is 1 to {maxLength} characters."] : null;
    }
}
