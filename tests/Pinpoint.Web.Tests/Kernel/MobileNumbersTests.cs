namespace Pinpoint.Web.Tests.Kernel;

public sealed class MobileNumbersTests
{
    [Theory]
    [InlineData("0412 345 678", "+61412345678")]
    [InlineData("0412345678", "+61412345678")]
    [InlineData("+61 412 345 678", "+61412345678")]
    [InlineData("(04) 1234-5678", "+61412345678")]
    [InlineData("+64 21 123 4567", "+64211234567")]
    public void Mobile_numbers_as_people_type_them_are_stored_in_E164(string typed, string stored)
    {
        Assert.True(MobileNumbers.TryNormalize(typed, out var e164));
        Assert.Equal(stored, e164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("call me")]
    [InlineData("0412")]
    [InlineData("03 9123 4567")] // a Melbourne landline: nobody answers it at the door
    [InlineData("+61 412 345 678 999 999 999 999 999 999")]
    public void Anything_that_is_not_a_mobile_number_is_refused(string? typed)
    {
        Assert.False(MobileNumbers.TryNormalize(typed, out _));
    }

    [Fact]
    public void A_stored_number_reads_in_its_own_countrys_form()
    {
        Assert.Equal("0412 345 678", MobileNumbers.Display("+61412345678"));
        Assert.Equal("+64 21 123 4567", MobileNumbers.Display("+64211234567"));
    }
}
