using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace Pinpoint.Web.Kernel;

/// <summary>A person who signs in: a client, a therapist or an operator (the role says which).</summary>
public sealed class PinpointUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    /// <summary>The name shown to others, e.g. "Maya R.". Never used to sign in.</summary>
    public required string DisplayName { get; set; }

    public Instant CreatedAt { get; set; }
}
