using Pinpoint.Core.Catalogue;

namespace Pinpoint.Web.Features.Catalogue;

/// <summary>How a modality is presented and sold: the words on its page and its price list.</summary>
public sealed class ModalityOffering
{
    public required Modality Modality { get; init; }

    public required string Name { get; set; }

    /// <summary>One line under the name, e.g. "Precise work on the knots behind referred pain".</summary>
    public required string Tagline { get; set; }

    public required string Description { get; set; }

    /// <summary>Who it suits, in plain words (desk workers, runners, people with chronic pain…).</summary>
    public required string SuitsWho { get; set; }

    /// <summary>What a session looks like from the client's side.</summary>
    public required string WhatHappens { get; set; }

    public int SortOrder { get; set; }

    public List<ModalityPrice> Prices { get; init; } = [];
}

/// <summary>The catalogue price of one session length of one modality.</summary>
public sealed class ModalityPrice
{
    public required Modality Modality { get; init; }

    public required int DurationMinutes { get; init; }

    public required decimal Amount { get; set; }

    public required string Currency { get; set; }

    public Money Price => new(Amount, Currency);
}
