using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pinpoint.Core.Catalogue;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Catalogue;

public static class CatalogueApi
{
    public static RouteGroupBuilder MapCatalogueApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/modalities").WithTags("Catalogue");
        group.MapGet("/", ListModalities).WithName("ListModalities").WithSummary("The four modalities with the price list of a service area (?area=auckland; else the signed-in client's area, else the home area).");
        group.MapGet("/{slug}", GetModality).WithName("GetModality").WithSummary("One modality by its slug, e.g. 'sports'.");
        return api;
    }

    public static async Task<Results<Ok<ModalityDto[]>, ProblemHttpResult>> ListModalities(
        string? area, ClaimsPrincipal user, ClientAreas areas, CatalogueQueries catalogue, CancellationToken cancellationToken)
    {
        if (await AreaAsync(area, user, areas, cancellationToken) is not { } chosen)
        {
            return UnknownArea(area);
        }

        var offerings = await catalogue.ListAsync(chosen.Currency, cancellationToken);
        return TypedResults.Ok(offerings.Select(ModalityDto.From).ToArray());
    }

    public static async Task<Results<Ok<ModalityDto>, ProblemHttpResult>> GetModality(
        string slug, string? area, ClaimsPrincipal user, ClientAreas areas, CatalogueQueries catalogue, CancellationToken cancellationToken)
    {
        if (await AreaAsync(area, user, areas, cancellationToken) is not { } chosen)
        {
            return UnknownArea(area);
        }

        var offering = await catalogue.FindAsync(slug, chosen.Currency, cancellationToken);
        return offering is null
            ? TypedResults.Problem(
                title: "Unknown modality",
                detail: $"There is no modality '{slug}'. Known: {string.Join(", ", Modalities.All.Select(m => m.Slug()))}.",
                statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(ModalityDto.From(offering));
    }

    /// <summary>The area asked for; without one, the signed-in client's (the home area for anyone else); null for an unknown key.</summary>
    private static async Task<Pinpoint.Core.Geography.ServiceArea?> AreaAsync(string? key, ClaimsPrincipal user, ClientAreas areas, CancellationToken cancellationToken) =>
        key is null ? await areas.OfAsync(user, cancellationToken) : Zones.Areas.Find(key);

    private static ProblemHttpResult UnknownArea(string? key) => ApiProblems.Invalid(new()
    {
        ["area"] = [$"'{key}' is not a service area: {string.Join(", ", Zones.Areas.All.Select(a => a.Key))}."],
    });
}


public sealed record ModalityDto(
    string Id, string Name, string Tagline, string Description, string SuitsWho, string WhatHappens, PriceDto[] Prices)
{
    public static ModalityDto From(ModalityOffering offering) => new(
        offering.Modality.Slug(), offering.Name, offering.Tagline, offering.Description, offering.SuitsWho,
        offering.WhatHappens, [.. offering.Prices.Select(p => new PriceDto(p.DurationMinutes, p.Amount, p.Currency))]);
}

public sealed record PriceDto(int DurationMinutes, decimal Amount, string Currency);
