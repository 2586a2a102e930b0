using System.ComponentModel.DataAnnotations;

namespace Pinpoint.Web.Data.Seeding;

/// <summary>Demo accounts and therapists. Bound from the <c>Demo</c> section; on in Development only.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Seed { get; set; }

    /// <summary>The password of every demo account. Printed at start-up in Development.</summary>
    [Required]
    [MinLength(10)]
    public string Password { get; set; } = "pinpoint-demo-2026";
}
