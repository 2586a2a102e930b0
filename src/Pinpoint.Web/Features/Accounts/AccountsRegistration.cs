using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Accounts;

public static class AccountsRegistration
{

    public static WebApplicationBuilder AddPinpointIdentity(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<PinpointUser, IdentityRole>(options =>
            {
                // Length beats composition rules (NIST SP 800-63B); a digit keeps out plain dictionary words.
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
                // "Confirmed" is OpenAccounts' rule: not waiting for a sign-up link (checkout and demo accounts are open).
                options.SignIn.RequireConfirmedAccount = true;
                // Links by email, on the app's clock (see ClockedTokenProvider): a reset lasts 2 hours, an email change
                // and a sign-up a day.
                options.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.Name;
                options.Tokens.ChangeEmailTokenProvider = EmailChangeTokenProvider.Name;
                options.Tokens.EmailConfirmationTokenProvider = SignUpTokenProvider.Name;
            })
            .AddEntityFrameworkStores<PinpointDb>()
            .AddPasswordValidator<PasswordRules>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.Name)
            .AddTokenProvider<EmailChangeTokenProvider>(EmailChangeTokenProvider.Name)
            .AddTokenProvider<SignUpTokenProvider>(SignUpTokenProvider.Name)
            .AddUserConfirmation<OpenAccounts>()
            .AddSignInManager<PinpointSignInManager>()
            .AddClaimsPrincipalFactory<PinpointClaimsFactory>();

        builder.Services.AddScoped<AccountMail>();
        builder.Services.AddScoped<PasswordResets>();
        builder.Services.AddScoped<EmailChanges>();
        builder.Services.AddScoped<SignUpConfirmations>();
        builder.Services.AddScoped<DecoyWork>();
        builder.Services.AddScoped<UserSessions>();

        var secureAlways = !builder.Environment.IsDevelopment() && !builder.Environment.IsEnvironment("Testing");
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "pinpoint.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = secureAlways ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = UserSessions.CookieLifetime;
            options.SlidingExpiration = true;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            // These events replace Identity's own, whose security-stamp check every 30 minutes ValidatePrincipal
            // still runs, after its own check on every request of the session row and the stamp.
            options.Events = new CookieAuthenticationEvents
            {
                OnSigningIn = SessionCookieEvents.SigningIn,
                OnValidatePrincipal = SessionCookieEvents.ValidatePrincipal,
                OnSigningOut = SessionCookieEvents.SigningOut,
                // An API caller gets a status code, not a redirect to an HTML login page.
                OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden),
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicies.Therapist, policy => policy.RequireRole(Roles.Therapist))
            .AddPolicy(AuthorizationPolicies.Admin, policy => policy.RequireRole(Roles.Admin));
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "pinpoint.xsrf";
            options.Cookie.SecurePolicy = secureAlways ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        return builder;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Puts the display name in the cookie so every page can greet the user without a query.</summary>
public sealed class PinpointClaimsFactory(
    UserManager<PinpointUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PinpointUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PinpointUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CurrentUser.DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
