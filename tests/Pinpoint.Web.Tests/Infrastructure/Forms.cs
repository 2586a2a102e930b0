using System.Net;
using System.Text.RegularExpressions;

namespace Pinpoint.Web.Tests.Infrastructure;

/// <summary>Submits Razor Pages forms the way a browser does: GET the page, then POST with its antiforgery token.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, string path, IReadOnlyDictionary<string, string> fields, string? postPath = null)
    {
        using var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {path}");

        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(postPath ?? path, content);
    }

    /// <summary>As <see cref="SubmitAsync"/>, as multipart/form-data with one file, like a form with enctype="multipart/form-data".</summary>
    public static async Task<HttpResponseMessage> SubmitWithFileAsync(
        this HttpClient client, string path, IReadOnlyDictionary<string, string> fields, string fileField, byte[] file, string fileName,
        string contentType, string? postPath = null)
    {
        var html = await client.GetStringAsync(path);
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {path}");
        var form = SampleFiles.Form(fileField, file, fileName, contentType,
            new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) });
        return await client.PostAsync(postPath ?? path, form);
    }

    public static HttpClient NewBrowserLikeClient(this PinpointApp app) =>
        app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
        });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
