using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinpoint.Web.Features.Catalogue;

/// <summary>All four therapies side by side: what each is, who it suits, and its prices.</summary>
/// <remarks>Prices are in the signed-in client's currency (<see cref="ClientAreas"/>); a visitor sees the home area's.</remarks>
public sealed class ModalitiesModel(CatalogueQueries catalogue, ClientAreas areas) : PageModel
{
    public IReadOnlyList<ModalityOffering> Offerings { get; private set; } = [];

    /// <summary>The currency every price on the page is in, stated once.</summary>
    public string Currency => PriceText.CurrencyOf(Offerings.SelectMany(o => o.Prices));

    public string CurrencyName => PriceText.NameOf(Currency);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Offerings = await catalogue.ListAsync((await areas.OfAsync(User, cancellationToken)).Currency, cancellationToken);
}

/// <summary>How prices read on the pages: "$125", with the currency code said once per page.</summary>
internal static class PriceText
{
    /// <summary>"$125" for whole dollars, "$125.50" otherwise.</summary>
    public static string Format(decimal amount) => amount == decimal.Truncate(amount)
        ? string.Create(CultureInfo.InvariantCulture, $"${amount:#,0}")
        : string.Create(CultureInfo.InvariantCulture, $"${amount:#,0.00}");

    /// <summary>The lowest price of an offering, or null when it has no prices yet.</summary>
    public static decimal? Lowest(ModalityOffering offering) =>
        offering.Prices.Count == 0 ? null : offering.Prices.Min(p => p.Amount);

    public static string CurrencyOf(IEnumerable<ModalityPrice> prices) =>
        prices.Select(p => p.Currency).FirstOrDefault() ?? "AUD";

    /// <summary>"Australian dollars" for AUD, "New Zealand dollars" for NZD: the currencies the areas quote in.</summary>
    public static string NameOf(string currency) => currency switch
    {
        "AUD" => "Australian dollars",
        "NZD" => "New Zealand dollars",
        _ => currency,
    };
}
