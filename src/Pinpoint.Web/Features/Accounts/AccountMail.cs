using System.Globalization;
using NodaTime;
using Pinpoint.Web.Features.Notifications;

namespace Pinpoint.Web.Features.Accounts;

/// <summary>
/// The emails about an account (not about a visit), as outbox rows for the caller to save with its change. Written
/// to be read by someone who may not have asked for them: who they are from, what to do, how long a link works, and
/// what to do if it was not them.
/// </summary>
public sealed class AccountMail(IClock clock, PublicLinks links)
{
    private const string Signature = "Pinpoint - in-home trigger point therapy";

    public Notification PasswordReset(PinpointUser user, string token)
    {
        ArgumentNullException.ThrowIfNull(user);
        var link = links.To($"/account/reset-password?user={Uri.EscapeDataString(user.Id)}&code={Uri.EscapeDataString(token)}");
        return Row(user, NotificationKind.PasswordReset, user.Email!, "Set a new password for Pinpoint",
            $"Someone asked to set a new password for the Pinpoint account of {user.Email}. We hope it was you.\n\n" +
            $"To choose a new password, open this link within {Hours(PasswordResetTokenProvider.Life)}:\n\n{link}\n\n" +
            "The link works once. If it has expired, ask for a new one on the login page (\"Forgot your password?\").\n\n" +
            "If you did not ask for this, you can ignore this email: your password stays as it is, and nobody can change it without this link.");
    }

    /// <summary>To the address just signed up with: the link that confirms it and opens the account.</summary>
    /// <param name="next">A local address to go on to afterwards (the sign-up page's return address), or null.</param>
    public Notification ConfirmSignUp(PinpointUser user, string token, string? next)
    {
        ArgumentNullException.ThrowIfNull(user);
        var link = links.To($"/account/confirm-sign-up?user={Uri.EscapeDataString(user.Id)}&code={Uri.EscapeDataString(token)}" +
            (string.IsNullOrEmpty(next) ? "" : $"&next={Uri.EscapeDataString(next)}"));
        return Row(user, NotificationKind.SignUpConfirm, user.Email!, "Confirm your email to finish opening your account",
            "Thank you for signing up to Pinpoint. One step is left: confirm that this address is yours.\n\n" +
            $"Open this link within {Hours(SignUpTokenProvider.Life)} and press \"Open my account\". You will be signed in straight away:\n\n{link}\n\n" +
            $"The link works once. If it has expired, ask for a new one here: {links.To("/account/check-email")}\n\n" +
            "If you did not sign up, ignore this email: without the link no account is opened.");
    }

    /// <summary>To an account's address that someone (perhaps its owner) just tried to sign up with: nothing changed.</summary>
    public Notification SignUpTaken(PinpointUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Row(user, NotificationKind.SignUpTaken, user.Email!, "You already have a Pinpoint account",
            $"Someone, perhaps you, just tried to open a new Pinpoint account with this address ({user.Email}). " +
            "It already has an account, so we did not open another one, and nothing about your account has changed.\n\n" +
            $"To sign in: {links.To("/account/login")}\n\n" +
            $"Forgotten your password? Ask for a link to choose a new one: {links.To("/account/forgot-password")}\n\n" +
            "If it was not you, you can ignore this email: your account and your password stay as they are.");
    }

    /// <summary>To the new address: the link that makes it the account's email.</summary>
    public Notification ConfirmNewEmail(PinpointUser user, string newEmail, string token)
    {
        ArgumentNullException.ThrowIfNull(user);
        var link = links.To($"/account/confirm-email?user={Uri.EscapeDataString(user.Id)}&email={Uri.EscapeDataString(newEmail)}&code={Uri.EscapeDataString(token)}");
        return Row(user, NotificationKind.EmailConfirm, newEmail, "Confirm your new email address for Pinpoint",
            "You asked for this address to become the email of your Pinpoint account. You will sign in with it and our emails will come here.\n\n" +
            $"To confirm, open this link within {Hours(EmailChangeTokenProvider.Life)} and press \"Confirm\":\n\n{link}\n\n" +
            "Until you do, nothing changes: you keep signing in with your current address. The link works once.\n\n" +
            "If you did not ask for this, ignore this email: without the link the address is not added to any account.");
    }

    /// <summary>To the old address, once the new one is confirmed.</summary>
    public Notification EmailChanged(PinpointUser user, string oldEmail, string newEmail) =>
        Row(user, NotificationKind.EmailChanged, oldEmail, "Your Pinpoint email address was changed",
            $"The email address of your Pinpoint account was changed on {Now(user)}: from this address to {Mask(newEmail)}. " +
            "From now on you sign in with the new address, and our emails go there.\n\n" +
            "If this was you, there is nothing to do.\n\n" +
            "If it was not you, someone may know your password: reply to this email straight away and we will help you back into your account.");

    public Notification PasswordChanged(PinpointUser user, bool byReset)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Row(user, NotificationKind.PasswordChanged, user.Email!, "Your Pinpoint password was changed",
            $"The password of your Pinpoint account ({user.Email}) was {(byReset ? "reset with a link we emailed to this address" : "changed")} on {Now(user)}.\n\n" +
            "If this was you, there is nothing to do.\n\n" +
            $"If it was not you, set a new password now (the link goes only to this address): {links.To("/account/forgot-password")}\n" +
            "and reply to this email so we can check your account with you.");
    }

    /// <summary>"m***@example.com": enough for the owner to recognise, not a gift to whoever reads the old mailbox.</summary>
    public static string Mask(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.LastIndexOf('@');
        return at <= 0 ? "another address" : $"{email[0]}***{email[at..]}";
    }

    private static string Hours(Duration life) => life.TotalHours == 1 ? "1 hour" : $"{life.TotalHours:0} hours";

    /// <summary>Now in the account's own zone (<see cref="ClientAreas"/>), named: an account email has no visit's address to go by.</summary>
    private string Now(PinpointUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var zone = ClientAreas.Of(user).Zone;
        return clock.GetCurrentInstant().InZone(zone).ToString("dddd d MMMM yyyy 'at' h:mm tt", CultureInfo.InvariantCulture) + $" ({zone.Id} time)";
    }

    private Notification Row(PinpointUser user, NotificationKind kind, string to, string subject, string text)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Notification
        {
            UserId = user.Id, Kind = kind, Sequence = 0, To = to, Subject = subject, DueAt = clock.GetCurrentInstant(),
            Body = $"Hello {user.DisplayName},\n\n{text}\n\n{Signature}\n{links.To("/")}\n",
        };
    }
}
