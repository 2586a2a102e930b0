using Microsoft.AspNetCore.Identity;

namespace Pinpoint.Web.Kernel;

/// <summary>
/// Refuses passwords that guessing tries first, even when they pass the length and digit rules: the common ones
/// (a bundled list of passwords seen most often in breaches, as far as they are 10+ characters with a digit), keyboard
/// and number runs, one character repeated, and passwords built from the person's own email or name.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<PinpointUser>
{
    private static readonly HashSet<string> Common = Load();

    private static readonly string[] Runs = ["0123456789", "1234567890", "9876543210", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz", "1q2w3e4r5t6y", "q1w2e3r4t5"];

    public Task<IdentityResult> ValidateAsync(UserManager<PinpointUser> manager, PinpointUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var problem = Check(password ?? "", user.Email, user.DisplayName);
        return Task.FromResult(problem is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "PasswordTooGuessable", Description = problem }));
    }

    /// <summary>Why the password is too easy to guess, or null.</summary>
    public static string? Check(string password, string? email, string? name)
    {
        var lower = password.ToLowerInvariant();
        var letters = new string([.. lower.Where(char.IsLetterOrDigit)]);
        if (Common.Contains(lower) || Common.Contains(letters))
        {
            return "This password is one of the most common ones; choose something only you would think of.";
        }

        if (lower.Distinct().Count() <= 2 || Runs.Any(run => run.Contains(letters, StringComparison.Ordinal) || (letters.Length >= 6 && Covered(letters, run))))
        {
            return "Avoid keyboard or number runs and repeated characters; a few unrelated words work well.";
        }

        var local = email?.Split('@')[0].ToLowerInvariant() ?? "";
        var nameParts = (name ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 4);
        if ((local.Length >= 4 && lower.Contains(local, StringComparison.Ordinal)) || nameParts.Any(p => lower.Contains(p, StringComparison.Ordinal)) ||
            (email is { Length: > 0 } && lower.Contains(email.ToLowerInvariant(), StringComparison.Ordinal)))
        {
            return "Do not build the password from your email address or your name.";
        }

        return null;
    }

    // Mostly a run with a digit or two added ("qwertyuiop1").
    private static bool Covered(string letters, string run)
    {
        var inRun = letters.Count(run.Contains);
        return inRun >= letters.Length - 2 && run.Contains(new string([.. letters.Where(run.Contains)]), StringComparison.Ordinal);
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("Pinpoint.Web.Kernel.Data.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded list of common passwords is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
