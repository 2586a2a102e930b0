namespace Pinpoint.Web.Features.Accounts;

/// <summary>The three roles. A user has exactly one.</summary>
public static class Roles
{
    public const string Client = "Client";
    public const string Therapist = "Therapist";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Client, Therapist, Admin];
}
