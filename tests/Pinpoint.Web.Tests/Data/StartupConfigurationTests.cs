using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Pinpoint.Web.Tests.Data;

public sealed class StartupConfigurationTests
{
    [Fact]
    public void Postgres_without_a_connection_string_fails_at_start_up_with_a_clear_message()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Pinpoint", "");
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.Server);
        Assert.Contains("ConnectionStrings:Pinpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_provider_fails_at_start_up()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Oracle");
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("Oracle", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Planning:TimeLimitSeconds", "0")]
    [InlineData("Booking:WindowDiscountPercent", "80")]
    [InlineData("Booking:WindowsCloseAtHour", "24")]
    [InlineData("Email:Mode", "Pigeon")]
    [InlineData("Email:Mode", "Smtp")] // without Email:SmtpHost
    [InlineData("Email:From", "not an address")]
    [InlineData("Email:LeaseSeconds", "5")]
    [InlineData("Welfare:OnCallEmail", "on call")]
    [InlineData("Welfare:CheckInGraceMinutes", "0")]
    [InlineData("Welfare:ScanSeconds", "-1")]
    public void A_bad_window_or_planning_setting_fails_at_start_up_naming_it(string key, string value)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting(key, value);
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.Server);
        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }
}
