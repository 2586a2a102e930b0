using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>
/// A friendly illustrated head-and-shoulders portrait for a therapist without a photo: face shape, skin tone, hair,
/// clothes and background are picked from the therapist's name (and hair styles from their gender), so the same
/// therapist always looks the same, on every server, and two therapists rarely alike. An uploaded photo wins.
/// </summary>
public static class TherapistPortraits
{
    private static readonly string[] Skins = ["#f9dcc4", "#f1c5a1", "#e2ad84", "#c98d60", "#a8714b", "#8a5637", "#6a3f28"];
    private static readonly string[] Hairs = ["#2a1b14", "#4b2f21", "#70482c", "#9c5a2e", "#c49a5a", "#1e1e22", "#85807b"];
    private static readonly string[] Clothes = ["#1f6f68", "#2d4a7a", "#7a3e6b", "#5f7f4f", "#c4603f", "#4a5563", "#b7862b"];
    private static readonly string[] Backdrops = ["#e3f1ee", "#e9edf8", "#fbeae1", "#f1eaf8", "#e8f2e1", "#fbf1d6"];

    private enum Hair
    {
        Crop,
        SidePart,
        Curls,
        Buzz,
        Bob,
        Long,
        Bun,
        CurlyLong,
    }

    /// <summary>Where a therapist's picture is: their uploaded photo, else their portrait.</summary>
    public static string UrlOf(Therapist therapist)
    {
        ArgumentNullException.ThrowIfNull(therapist);
        return PublicTherapistDto.PhotoUrlOf(therapist) ?? $"/therapists/{therapist.Id}/photo.svg?v={Version(therapist.DisplayName, therapist.Gender)}";
    }

    /// <summary>The text alternative to go with <see cref="UrlOf"/>.</summary>
    public static string AltOf(Therapist therapist)
    {
        ArgumentNullException.ThrowIfNull(therapist);
        return therapist.PhotoId is null ? $"Illustrated portrait of {therapist.DisplayName}" : $"Photo of {therapist.DisplayName}";
    }

    public static IEndpointRouteBuilder MapTherapistPortraits(this IEndpointRouteBuilder app)
    {
        app.MapGet("/therapists/{id:guid}/photo.svg", async (Guid id, HttpContext http, Data.PinpointDb db, CancellationToken cancellationToken) =>
        {
            var therapist = await db.Therapists.AsNoTracking().Where(t => t.Id == id).Select(t => new { t.DisplayName, t.Gender }).SingleOrDefaultAsync(cancellationToken);
            if (therapist is null)
            {
                return Results.NotFound();
            }

            var tag = $"\"{Version(therapist.DisplayName, therapist.Gender)}\"";
            http.Response.Headers.CacheControl = "public, max-age=86400";
            http.Response.Headers.ETag = tag;
            // An SVG opened on its own is a document: it may draw, never run or fetch anything.
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
            return http.Request.Headers.IfNoneMatch.ToString() == tag
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Text(Svg(therapist.DisplayName, therapist.Gender), "image/svg+xml", Encoding.UTF8);
        }).WithName("GetTherapistPortrait").ExcludeFromDescription();
        return app;
    }

    /// <summary>The portrait of <paramref name="name"/>: a 120 × 120 SVG with its title for screen readers.</summary>
    public static string Svg(string name, TherapistGender gender)
    {
        ArgumentNullException.ThrowIfNull(name);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name.Trim().ToUpperInvariant()));
        string Pick(string[] from, int at) => from[bytes[at] % from.Length];
        var skin = Pick(Skins, 0);
        var hairColour = Pick(Hairs, 1);
        var styles = gender switch
        {
            TherapistGender.Female => new[] { Hair.Bob, Hair.Long, Hair.Bun, Hair.CurlyLong },
            TherapistGender.Male => [Hair.Crop, Hair.SidePart, Hair.Curls, Hair.Buzz],
            _ => Enum.GetValues<Hair>(),
        };
        var hair = styles[bytes[2] % styles.Length];
        var faceWidth = 21 + (bytes[3] % 4);
        var faceHeight = 25 + (bytes[4] % 3);
        var beard = gender == TherapistGender.Male && bytes[5] % 3 == 0;
        var glasses = bytes[6] % 4 == 0;
        var title = System.Net.WebUtility.HtmlEncode($"Illustrated portrait of {name.Trim()}");
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120" role="img" aria-labelledby="t"><title id="t">{title}</title>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="120" height="120" fill="{Pick(Backdrops, 7)}"/>""");
        // Hair that falls behind the head and shoulders.
        if (hair is Hair.Long or Hair.CurlyLong)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<path d="M{60 - faceWidth - 7} 50 Q{60 - faceWidth - 9} 96 {60 - faceWidth + 2} 98 L{60 + faceWidth - 2} 98 Q{60 + faceWidth + 9} 96 {60 + faceWidth + 7} 50 Z" fill="{hairColour}"/>""");
        }

        var clothes = Pick(Clothes, 8);
        svg.Append(CultureInfo.InvariantCulture, $"""<path d="M8 120 C12 95 32 86 60 86 C88 86 108 95 112 120 Z" fill="{clothes}"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="51" y="66" width="18" height="24" rx="8" fill="{skin}"/><path d="M51 82 Q60 90 69 82 L69 86 Q60 95 51 86 Z" fill="#000" opacity=".08"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<path d="M48 87 L60 98 L72 87" fill="none" stroke="#fff" stroke-opacity=".55" stroke-width="3" stroke-linejoin="round"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<ellipse cx="{60 - faceWidth}" cy="55" rx="4" ry="5.5" fill="{skin}"/><ellipse cx="{60 + faceWidth}" cy="55" rx="4" ry="5.5" fill="{skin}"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<ellipse cx="60" cy="52" rx="{faceWidth}" ry="{faceHeight}" fill="{skin}"/>""");
        if (beard)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<path d="M{60 - faceWidth + 1} 56 Q{60 - faceWidth + 3} {52 + faceHeight + 2} 60 {52 + faceHeight + 2} Q{60 + faceWidth - 3} {52 + faceHeight + 2} {60 + faceWidth - 1} 56 Q60 66 {60 - faceWidth + 1} 56 Z" fill="{hairColour}"/>""");
        }

        svg.Append(HairFront(hair, hairColour, faceWidth, bytes[9]));
        svg.Append(CultureInfo.InvariantCulture, $"""<path d="M47 46 Q51 43.5 55 46 M65 46 Q69 43.5 73 46" fill="none" stroke="{hairColour}" stroke-width="2" stroke-linecap="round"/>""");
        svg.Append("""<circle cx="51" cy="53" r="2.3" fill="#2b2220"/><circle cx="69" cy="53" r="2.3" fill="#2b2220"/>""");
        svg.Append("""<circle cx="46.5" cy="61" r="4" fill="#e86b5a" opacity=".16"/><circle cx="73.5" cy="61" r="4" fill="#e86b5a" opacity=".16"/>""");
        svg.Append("""<path d="M58.5 56 Q60 60 61.5 58" fill="none" stroke="#000" stroke-opacity=".18" stroke-width="1.4" stroke-linecap="round"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<path d="M{(beard ? "53 66 Q60 70.5 67 66" : "52.5 64.5 Q60 71 67.5 64.5")}" fill="none" stroke="{(beard ? "#f3e6dc" : "#7a3b2e")}" stroke-width="2.2" stroke-linecap="round"/>""");
        if (glasses)
        {
            svg.Append("""<g fill="none" stroke="#2b2f36" stroke-width="1.6"><circle cx="51" cy="53" r="6"/><circle cx="69" cy="53" r="6"/><path d="M57 53 Q60 51 63 53"/></g>""");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string HairFront(Hair hair, string colour, int w, byte variant)
    {
        var l = 60 - w;
        var r = 60 + w;
        var side = variant % 2 == 0;
        return hair switch
        {
            Hair.Crop => $"""<path d="M{l - 1} 50 Q{l - 2} 24 60 23 Q{r + 2} 24 {r + 1} 50 Q{r - 3} 36 60 35 Q{l + 3} 36 {l - 1} 50 Z" fill="{colour}"/>""",
            Hair.Buzz => $"""<path d="M{l} 46 Q{l} 25 60 25 Q{r} 25 {r} 46 Q{r - 4} 33 60 32 Q{l + 4} 33 {l} 46 Z" fill="{colour}" opacity=".85"/>""",
            Hair.SidePart => side
                ? $"""<path d="M{l - 1} 52 Q{l - 3} 22 60 22 Q{r + 3} 23 {r + 1} 50 Q{r - 2} 34 {r - 10} 33 Q62 40 {l + 4} 38 Q{l + 1} 42 {l - 1} 52 Z" fill="{colour}"/>"""
                : $"""<path d="M{r + 1} 52 Q{r + 3} 22 60 22 Q{l - 3} 23 {l - 1} 50 Q{l + 2} 34 {l + 10} 33 Q58 40 {r - 4} 38 Q{r - 1} 42 {r + 1} 52 Z" fill="{colour}"/>""",
            Hair.Curls => $"""<g fill="{colour}">{string.Concat(Enumerable.Range(0, 7).Select(i => $"<circle cx=\"{l + 1 + (i * (2 * w - 2) / 6)}\" cy=\"{(i % 2 == 0 ? 31 : 27)}\" r=\"7\"/>"))}<rect x="{l - 1}" y="30" width="{(2 * w) + 2}" height="8" rx="4"/></g>""",
            Hair.Bob => $"""<path d="M{l - 4} 66 Q{l - 7} 22 60 21 Q{r + 7} 22 {r + 4} 66 L{r - 2} 66 Q{r - 1} 44 {(side ? r - 8 : l + 14)} 36 Q{(side ? 52 : 68)} 42 {l + 2} 44 Q{l + 1} 56 {l + 2} 66 Z" fill="{colour}"/>""",
            Hair.Long or Hair.CurlyLong => $"""<path d="M{l - 5} 70 Q{l - 8} 20 60 20 Q{r + 8} 20 {r + 5} 70 Q{r - 1} 52 {r - 2} 42 Q{(side ? 66 : 54)} 40 {(side ? 56 : 64)} 31 Q{l + 6} 40 {l + 1} 46 Q{l - 1} 58 {l - 5} 70 Z" fill="{colour}"/>""",
            Hair.Bun => $"""<g fill="{colour}"><circle cx="60" cy="19" r="9"/><path d="M{l - 1} 50 Q{l - 3} 24 60 24 Q{r + 3} 24 {r + 1} 50 Q{r - 4} 34 60 34 Q{l + 4} 34 {l - 1} 50 Z"/></g>""",
            _ => "",
        };
    }

    // Changes when what the portrait is drawn from changes, so a cached one is not shown after a rename.
    private static string Version(string name, TherapistGender gender) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"v1|{name.Trim().ToUpperInvariant()}|{gender}")))[..12];
}
