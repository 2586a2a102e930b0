using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using NodaTime;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>What a link's token turned out to be when it was checked.</summary>
public enum TokenState
{
    Valid,

    /// <summary>Older than the link's lifespan.</summary>
    Expired,

    /// <summary>Genuine and in time, but the account's security stamp has changed since: the link was used (a reset or
    /// an email change changes the stamp), or the password or email was changed another way.</summary>
    Used,

    /// <summary>Not a token of ours, for another account or another purpose, or cut short.</summary>
    Invalid,
}

/// <summary>
/// Identity's data-protector tokens, on the app's clock: a token holds when it was made, the account, its purpose
/// and the account's security stamp, encrypted and signed by ASP.NET Core data protection. A token is single use
/// because the reset or email change it allows changes the stamp; it lapses after <see cref="Lifespan"/>. Unlike
/// Identity's own <c>DataProtectorTokenProvider</c> (which reads the system clock) the time comes from
/// <see cref="IClock"/>, so a test can move past the expiry, and the token is base64url, ready to go in a link.
/// </summary>
public abstract class ClockedTokenProvider(IDataProtectionProvider protection, IClock clock, string name) : IUserTwoFactorTokenProvider<PinpointUser>
{
    private readonly IDataProtector _protector = protection.CreateProtector("Pinpoint.Accounts.Tokens", name);

    public abstract Duration Lifespan { get; }

    public async Task<string> GenerateAsync(string purpose, UserManager<PinpointUser> manager, PinpointUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        using var buffer = new MemoryStream();
        await using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(clock.GetCurrentInstant().ToUnixTimeTicks());
            writer.Write(await manager.GetUserIdAsync(user));
            writer.Write(purpose);
            writer.Write(await manager.GetSecurityStampAsync(user) ?? "");
        }

        return WebEncoders.Base64UrlEncode(_protector.Protect(buffer.ToArray()));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<PinpointUser> manager, PinpointUser user) =>
        await CheckAsync(purpose, token, manager, user) == TokenState.Valid;

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PinpointUser> manager, PinpointUser user) => Task.FromResult(false);

    /// <summary>Why a token does or does not hold, so a page can say "this link has expired" or "was already used".</summary>
    public async Task<TokenState> CheckAsync(string purpose, string? token, UserManager<PinpointUser> manager, PinpointUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return TokenState.Invalid;
        }

        byte[] payload;
        try
        {
            payload = _protector.Unprotect(WebEncoders.Base64UrlDecode(token));
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            return TokenState.Invalid;
        }

        Instant created;
        string userId, madeFor, stamp;
        using (var reader = new BinaryReader(new MemoryStream(payload)))
        {
            try
            {
                created = Instant.FromUnixTimeTicks(reader.ReadInt64());
                (userId, madeFor, stamp) = (reader.ReadString(), reader.ReadString(), reader.ReadString());
            }
            catch (Exception exception) when (exception is EndOfStreamException or IOException or ArgumentOutOfRangeException)
            {
                return TokenState.Invalid;
            }
        }

        if (!string.Equals(userId, await manager.GetUserIdAsync(user), StringComparison.Ordinal) || !string.Equals(madeFor, purpose, StringComparison.Ordinal))
        {
            return TokenState.Invalid;
        }

        if (created + Lifespan < clock.GetCurrentInstant())
        {
            return TokenState.Expired;
        }

        return string.Equals(stamp, await manager.GetSecurityStampAsync(user) ?? "", StringComparison.Ordinal) ? TokenState.Valid : TokenState.Used;
    }
}

/// <summary>Tokens in "set a new password" links: two hours.</summary>
public sealed class PasswordResetTokenProvider(IDataProtectionProvider protection, IClock clock) : ClockedTokenProvider(protection, clock, Name)
{
    public const string Name = "PinpointPasswordReset";

    public static readonly Duration Life = Duration.FromHours(2);

    public override Duration Lifespan => Life;
}

/// <summary>Tokens in "confirm your new email address" links: a day, as the new mailbox may be read later.</summary>
public sealed class EmailChangeTokenProvider(IDataProtectionProvider protection, IClock clock) : ClockedTokenProvider(protection, clock, Name)
{
    public const string Name = "PinpointEmailChange";

    public static readonly Duration Life = Duration.FromHours(24);

    public override Duration Lifespan => Life;
}

/// <summary>
/// Tokens in "confirm your email to finish opening your account" links: a day. Single use because confirming changes
/// the security stamp.
/// </summary>
public sealed class SignUpTokenProvider(IDataProtectionProvider protection, IClock clock) : ClockedTokenProvider(protection, clock, Name)
{
    public const string Name = "PinpointSignUp";

    public static readonly Duration Life = Duration.FromHours(24);

    /// <summary>Identity's purpose for an email-confirmation token.</summary>
    public const string Purpose = UserManager<PinpointUser>.ConfirmEmailTokenPurpose;

    public override Duration Lifespan => Life;
}
