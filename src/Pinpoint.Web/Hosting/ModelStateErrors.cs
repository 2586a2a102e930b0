using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Pinpoint.Web.Hosting;

public static class ModelStateErrors
{
    /// <summary>
    /// Puts a service's field errors (keyed like JSON: <c>homeAddress</c>, <c>weekly[2].end</c>) on a page's form
    /// properties (<c>Form.HomeAddress</c>, <c>Form.Weekly[2].End</c>), so the page shows each next to its field.
    /// </summary>
    public static void AddErrors(this ModelStateDictionary modelState, IReadOnlyDictionary<string, string[]> errors, string prefix)
    {
        foreach (var (field, messages) in errors)
        {
            var key = string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
            foreach (var message in messages)
            {
                modelState.AddModelError($"{prefix}.{key}", message);
            }
        }
    }
}
