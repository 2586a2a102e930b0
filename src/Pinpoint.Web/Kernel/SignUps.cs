using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using NodaTime;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Kernel;

/// <summary>What a person gives to open an account: the same four answers on the sign-up page and at checkout.</summary>
public sealed record SignUpInput(string? Name, string? Email, string? Mobile, string? Password);

/// <summary>A new account, or what was wrong with the answers, keyed by <see cref="SignUps"/>' field names.</summary>
/// <param name="Candidate">
/// When the only thing wrong was that the email already has an account: the account as the answers would have made
/// it (name, E.164 mobile, password hash; never saved), so a caller can use the hash already paid for.
/// </param>
public sealed record SignUpResult(PinpointUser? User, IReadOnlyDictionary<string, string[]> Errors, PinpointUser? Candidate = null)
{
    public bool Succeeded => User is not null;

    /// <summary>Every answer was fine, but the email (or the same sign-in name) already belongs to an account.</summary>
    public bool EmailTaken => Candidate is not null;
}

/// <summary>
/// Opens accounts with a role, a name, a verified-format email and an E.164 mobile. One place, so the sign-up page,
/// the booking review and the therapist sign-up ask the same questions and give the same answers.
/// </summary>
public sealed class SignUps(PinpointDb db, UserManager<PinpointUser> users, IClock clock)
{
    public const string NameField = "name";
    public const string EmailField = "email";
    public const string MobileField = "mobile";
    public const string PasswordField = "password";

    private const string Savepoint = "sign_up";

    private static readonly EmailAddressAttribute EmailFormat = new();

    /// <summary>Field errors of the answers that can be checked without the database (Identity checks the rest).</summary>
    public static Dictionary<string, string[]> Check(SignUpInput input, out string mobile)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = input.Name?.Trim() ?? "";
        if (name.Length is < 2 or > PinpointUser.DisplayNameMaxLength)
        {
            errors[NameField] = [name.Length == 0 ? "Tell us what to call you." : "Your name must be 2–100 characters."];
        }

        var email = input.Email?.Trim() ?? "";
        if (email.Length is 0 or > 256 || !EmailFormat.IsValid(email))
        {
            errors[EmailField] = [email.Length == 0 ? "Enter your email address." : "Enter a valid email address."];
        }

        if (!MobileNumbers.TryNormalize(input.Mobile, out mobile))
        {
            errors[MobileField] = [string.IsNullOrWhiteSpace(input.Mobile) ? "Enter your mobile number: your therapist calls it on the day." : MobileNumbers.Invalid];
        }

        if (string.IsNullOrEmpty(input.Password))
        {
            errors[PasswordField] = ["Choose a password."];
        }
        else if (input.Password.Length is < 10 or > 128)
        {
            errors[PasswordField] = ["Use 10 to 128 characters."];
        }

        return errors;
    }

    /// <summary>
    /// Creates the account in <paramref name="role"/> within the caller's transaction if there is one (so a therapist's
    /// profile lands with it), else in its own: a crash never leaves an account without its role. The password is
    /// checked and hashed before the email is looked up, so a taken email costs the same hash as a free one.
    /// </summary>
    /// <param name="awaitingConfirmation">
    /// True from the sign-up pages: the account cannot sign in until its emailed link is used. False at the booking
    /// checkout, which signs in and books in the same step.
    /// </param>
    public async Task<SignUpResult> CreateAsync(SignUpInput input, string role, bool awaitingConfirmation, CancellationToken cancellationToken)
    {
        var errors = Check(input, out var mobile);
        if (errors.Count > 0)
        {
            return new SignUpResult(null, errors);
        }

        var user = new PinpointUser
        {
            UserName = input.Email!.Trim(),
            Email = input.Email.Trim(),
            DisplayName = input.Name!.Trim(),
            PhoneNumber = mobile,
            CreatedAt = clock.GetCurrentInstant(),
            AwaitingConfirmation = awaitingConfirmation,
        };
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            IdentityResult created;
            // Inside the caller's transaction a failed insert must not spoil what comes after it (PostgreSQL refuses
            // every later statement of a transaction with an error in it): roll back to just before the insert.
            var outer = own is null ? db.Database.CurrentTransaction : null;
            if (outer is not null)
            {
                await outer.CreateSavepointAsync(Savepoint, cancellationToken);
            }

            try
            {
                created = await users.CreateAsync(user, input.Password!);
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException exception) when (UniqueViolation.Is(exception))
            {
                // Two submissions of one form at once: the other one opened the account a moment ago.
                db.ChangeTracker.Clear();
                if (outer is not null)
                {
                    await outer.RollbackToSavepointAsync(Savepoint, cancellationToken);
                }

                created = IdentityResult.Failed(users.ErrorDescriber.DuplicateEmail(user.Email));
            }

            if (!created.Succeeded)
            {
                // Identity checks (and hashes) the password first: a duplicate alone means every other answer was fine.
                var taken = created.Errors.All(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));
                return new SignUpResult(null, created.Errors
                    .GroupBy(e => FieldOf(e.Code), StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray(), StringComparer.Ordinal),
                    taken ? user : null);
            }

            var added = await users.AddToRoleAsync(user, role);
            if (!added.Succeeded)
            {
                throw new InvalidOperationException($"The {role} role is missing; the reference data was not seeded.");
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return new SignUpResult(user, new Dictionary<string, string[]>());
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    private static string FieldOf(string identityErrorCode) => identityErrorCode switch
    {
        _ when identityErrorCode.StartsWith("Password", StringComparison.Ordinal) => PasswordField,
        "DuplicateEmail" or "DuplicateUserName" or "InvalidEmail" or "InvalidUserName" => EmailField,
        _ => "",
    };
}
