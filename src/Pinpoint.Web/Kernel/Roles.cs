namespace Pinpoint.Web.Kernel;

/// <summary>The three roles. A user has exactly one.</summary>
public static class Roles
{
    public const string Client = "Client";
    public const string Therapist = "Therapist";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Client, Therapist, Admin];
}

/// <summary>Named authorization policies: one per role that has pages and endpoints of its own.</summary>
public static class AuthorizationPolicies
{
    public const string Therapist = "therapist";
    public const string Admin = "admin";
}
