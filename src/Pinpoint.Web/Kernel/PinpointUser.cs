using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace Pinpoint.Web.Kernel;

/// <summary>A person who signs in: a client, a therapist or an operator (the role says which).</summary>
public sealed class PinpointUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public const int HomeAreaMaxLength = 32;

    /// <summary>The name shown to others, e.g. "Maya R.". Never used to sign in.</summary>
    public required string DisplayName { get; set; }

    public Instant CreatedAt { get; set; }

    /// <summary>
    /// Opened on a sign-up page and waiting for the link emailed to it: until the link is used (or a password reset
    /// proves the mailbox) the account cannot sign in, and whoever signs up with the address again replaces its
    /// answers. False for every other account: the booking checkout's, the demo's, those made by the platform.
    /// </summary>
    public bool AwaitingConfirmation { get; set; }

    /// <summary>
    /// The key of the service area a client's own times and prices belong to (see <see cref="ClientAreas"/>): set from
    /// the address of their latest booking, or chosen on the account page. Null until either happens, when the home
    /// area applies.
    /// </summary>
    public string? HomeArea { get; set; }
}
