using Pinpoint.Core.Catalogue;

namespace Pinpoint.Core.Tests.Catalogue;

public sealed class ModalityTests
{
    [Fact]
    public void Every_modality_has_a_unique_slug_that_parses_back()
    {
        var slugs = Modalities.All.Select(m => m.Slug()).ToList();

        Assert.Equal(["myofascial", "neuromuscular", "sports", "clinical"], slugs);
        Assert.All(Modalities.All, m =>
        {
            Assert.True(Modalities.TryParseSlug(m.Slug().ToUpperInvariant(), out var parsed));
            Assert.Equal(m, parsed);
        });
        Assert.Equal(Enum.GetValues<Modality>().Order(), Modalities.All.Order());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("reiki")]
    [InlineData("1")]
    public void Unknown_slugs_do_not_parse(string? slug) => Assert.False(Modalities.TryParseSlug(slug, out _));

    [Fact]
    public void Only_the_four_catalogue_session_lengths_are_offered()
    {
        Assert.Equal([60, 75, 90, 120], SessionLength.Minutes);
        Assert.True(SessionLength.IsOffered(75));
        Assert.False(SessionLength.IsOffered(45));
    }
}
