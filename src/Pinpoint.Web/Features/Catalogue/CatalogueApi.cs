using Microsoft.AspNetCore.Http.HttpResults;
using Pinpoint.Core.Catalogue;

namespace Pinpoint.Web.Features.Catalogue;

public static class CatalogueApi
{
    public static RouteGroupBuilder MapCatalogueApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/modalities").WithTags("Catalogue");
        group.MapGet("/", ListModalities).WithName("ListModalities").WithSummary("The four modalities with their price lists.");
        group.MapGet("/{slug}", GetModality).WithName("GetModality").WithSummary("One modality by its slug, e.g. 'sports'.");
        return api;
    }

    public static async Task<Ok<ModalityDto[]>> ListModalities(CatalogueQueries catalogue, CancellationToken cancellationToken)
    {
        var offerings = await catalogue.ListAsync(cancellationToken);
        return TypedResults.Ok(offerings.Select(ModalityDto.From).ToArray());
    }

    public static async Task<Results<Ok<ModalityDto>, ProblemHttpResult>> GetModality(
        string slug, CatalogueQueries catalogue, CancellationToken cancellationToken)
    {
        var offering = await catalogue.FindAsync(slug, cancellationToken);
        return offering is null
            ? TypedResults.Problem(
                title: "Unknown modality",
                detail: $"There is no modality '{slug}'. Known: {string.Join(", ", Modalities.All.Select(m => m.Slug()))}.",
                statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(ModalityDto.From(offering));
    }
}

public sealed record ModalityDto(
    string Id, string Name, string Tagline, string Description, string SuitsWho, string WhatHappens, PriceDto[] Prices)
{
    public static ModalityDto From(ModalityOffering offering) => new(
        offering.Modality.Slug(), offering.Name, offering.Tagline, offering.Description, offering.SuitsWho,
        offering.WhatHappens, [.. offering.Prices.Select(p => new PriceDto(p.DurationMinutes, p.Amount, p.Currency))]);
}

public sealed record PriceDto(int DurationMinutes, decimal Amount, string Currency);
