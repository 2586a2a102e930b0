using Pinpoint.Core.Catalogue;

namespace Pinpoint.Core.Tests.Catalogue;

public sealed class MoneyTests
{
    [Fact]
    public void Adds_amounts_of_the_same_currency()
    {
        var total = new Money(125m, "AUD").Add(new Money(17.50m, "AUD"));

        Assert.Equal(new Money(142.50m, "AUD"), total);
        Assert.Equal("142.50 AUD", total.ToString());
    }

    [Fact]
    public void Refuses_to_add_different_currencies()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Money(1m, "AUD").Add(new Money(1m, "NZD")));
        Assert.Contains("NZD", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.01, "AUD")]
    [InlineData(1.005, "AUD")]
    public void Rejects_negative_amounts_and_fractions_of_a_cent(double amount, string currency) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Money((decimal)amount, currency));

    [Theory]
    [InlineData("aud")]
    [InlineData("AU")]
    [InlineData("AUDD")]
    [InlineData("A1D")]
    [InlineData("")]
    public void Rejects_anything_but_an_upper_case_ISO_code(string currency) =>
        Assert.Throws<ArgumentException>(() => new Money(10m, currency));
}
