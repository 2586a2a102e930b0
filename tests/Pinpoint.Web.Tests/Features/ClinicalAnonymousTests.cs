using System.Net;
using System.Net.Http.Json;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Features;

/// <summary>Nobody signed out reaches a clinical record, a plan or home care; the exercise catalogue and reviews are public.</summary>
public sealed class ClinicalAnonymousTests(DemoAppsFixture apps) : IClassFixture<DemoAppsFixture>
{
    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task Signed_out_callers_get_401_from_every_clinical_endpoint(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        using var anonymous = app.NewBrowserLikeClient();
        var booking = Guid.NewGuid();
        (string Method, string Path)[] closed =
        [
            ("GET", $"/api/bookings/{booking}/note"), ("PUT", $"/api/bookings/{booking}/note"), ("POST", $"/api/bookings/{booking}/note/sign"),
            ("POST", $"/api/bookings/{booking}/note/addenda"), ("GET", $"/api/bookings/{booking}/summary"), ("POST", $"/api/bookings/{booking}/review"),
            ("POST", $"/api/bookings/{booking}/home-care"), ("GET", "/api/home-care"), ("PUT", "/api/home-care/1/days/2026-11-24"),
            ("GET", "/api/clients/someone/home-care"), ("POST", "/api/plans/preview"), ("POST", "/api/plans"), ("GET", "/api/plans"),
            ("GET", $"/api/plans/{booking}"), ("POST", $"/api/plans/{booking}/reassessment"),
        ];
        foreach (var (method, path) in closed)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) };
            using var response = await anonymous.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {response.StatusCode}");
        }

        var therapistId = await app.TherapistIdAsync(SignIn.TherapistEmail);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/home-care/exercises")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/therapists/{therapistId}/reviews")).StatusCode);
        foreach (var page in new[] { $"/therapist/visits/{booking}/note", $"/bookings/{booking}/summary", "/home-care", "/plans/new", $"/plans/{booking}" })
        {
            using var response = await anonymous.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.Ordinal), $"{page}: {response.StatusCode}");
        }
    }
}
