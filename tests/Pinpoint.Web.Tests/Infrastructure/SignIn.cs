using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Data;
using Pinpoint.Web.Data.Seeding;

namespace Pinpoint.Web.Tests.Infrastructure;

/// <summary>The people an authorization test acts as, on an app with the demo data.</summary>
public enum Principal
{
    Anonymous,
    Client,
    OtherTherapist,
    Therapist,
    Admin,
}

public static class SignIn
{
    public const string DemoPassword = "pinpoint-demo-2026";
    public const string TherapistEmail = "therapist01@pinpoint.test";
    public const string OtherTherapistEmail = "therapist02@pinpoint.test";

    public static string? EmailOf(Principal principal) => principal switch
    {
        Principal.Client => DemoDataSeeder.ClientEmail,
        Principal.OtherTherapist => OtherTherapistEmail,
        Principal.Therapist => TherapistEmail,
        Principal.Admin => DemoDataSeeder.AdminEmail,
        _ => null,
    };

    /// <summary>A cookie-carrying client signed in as <paramref name="email"/> (not following redirects).</summary>
    public static async Task<HttpClient> ClientForAsync(this PinpointApp app, string? email, string password = DemoPassword)
    {
        var client = app.NewBrowserLikeClient();
        if (email is null)
        {
            return client;
        }

        using var response = await client.SubmitAsync("/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Could not sign in as {email}: {response.StatusCode}");
        return client;
    }

    public static Task<HttpClient> ClientForAsync(this PinpointApp app, Principal principal) => app.ClientForAsync(EmailOf(principal));

    public static Task<Guid> TherapistIdAsync(this PinpointApp app, string email) =>
        app.Scoped(async services =>
        {
            var db = services.GetRequiredService<PinpointDb>();
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            return await db.Therapists.Where(t => t.UserId == userId).Select(t => t.Id).SingleAsync();
        });
}

/// <summary>Small valid files for upload tests: the first bytes are what the server checks.</summary>
public static class SampleFiles
{
    public static byte[] Png { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/pbXa2QAAAABJRU5ErkJggg==");

    public static byte[] Pdf { get; } = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    public static MultipartFormDataContent Form(string fileField, byte[] content, string fileName, string contentType, IReadOnlyDictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, fileField, fileName);
        return form;
    }
}
