using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Pinpoint.Web.Kernel;

/// <summary>Configuration section <c>Site</c>.</summary>
public sealed class SiteOptions : IValidatableObject
{
    public const string Section = "Site";

    /// <summary>Where people reach the app, e.g. <c>https://book.pinpoint.example</c>: every link in an email starts here.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            yield return new ValidationResult($"Site:PublicBaseUrl must be an absolute http(s) address without query or fragment, not '{PublicBaseUrl}'.", [nameof(PublicBaseUrl)]);
        }
    }
}

/// <summary>Absolute links to the app's pages, for places with no request to be relative to (emails, calendar feeds).</summary>
public sealed class PublicLinks(IOptions<SiteOptions> options)
{
    /// <param name="path">A path from the site's root, e.g. <c>/bookings</c>.</param>
    public string To(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return options.Value.PublicBaseUrl.TrimEnd('/') + (path.StartsWith('/') ? path : "/" + path);
    }
}
