using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Home;

/// <summary>Before, during and after a home visit, in plain words.</summary>
public sealed class WhatToExpectModel : PageModel
{
    public void OnGet()
    {
    }
}
