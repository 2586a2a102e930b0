using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Booking;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Hosting;

namespace Pinpoint.Web.Features.Notifications;

public sealed record CalendarLinkDto(string Url);

/// <summary>A therapist's private calendar feed: an unguessable URL their calendar app subscribes to.</summary>
public static class CalendarFeed
{
    public static WebApplication MapCalendarFeed(this WebApplication app)
    {
        app.MapGet("/api/therapists/me/calendar-link", Link).WithTags("Therapist self-service").RequireAuthorization(AuthorizationPolicies.Therapist)
            .WithName("GetMyCalendarLink").WithSummary("The private URL of your bookings as an iCalendar feed (made on first use).");
        app.MapPost("/api/therapists/me/calendar-link/renewal", Renew).WithTags("Therapist self-service").RequireAuthorization(AuthorizationPolicies.Therapist)
            .WithName("RenewMyCalendarLink").WithSummary("A new private feed address; the old one stops working at once (for a link shared by mistake).");
        app.MapGet("/calendar/{token}.ics", Feed).WithTags("Therapist self-service").WithName("CalendarFeed").RequireRateLimiting(AbuseLimits.PublicApi);
        return app;
    }

    public static async Task<Results<Ok<CalendarLinkDto>, ProblemHttpResult>> Link(ClaimsPrincipal user, PinpointDb db, PublicLinks links, CancellationToken cancellationToken)
    {
        var userId = CurrentUser.Id(user);
        var therapistId = await db.Therapists.Where(t => t.UserId == userId).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
        return therapistId is { } id
            ? TypedResults.Ok(new CalendarLinkDto(await LinkAsync(db, links, id, cancellationToken)))
            : ApiProblems.NotFound("No therapist profile", "This account has no therapist profile.");
    }

    public static async Task<Results<Ok<CalendarLinkDto>, ProblemHttpResult>> Renew(ClaimsPrincipal user, PinpointDb db, PublicLinks links, CancellationToken cancellationToken)
    {
        var userId = CurrentUser.Id(user);
        var therapistId = await db.Therapists.Where(t => t.UserId == userId).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
        return therapistId is { } id
            ? TypedResults.Ok(new CalendarLinkDto(await RenewAsync(db, links, id, cancellationToken)))
            : ApiProblems.NotFound("No therapist profile", "This account has no therapist profile.");
    }

    /// <summary>A fresh token in place of the old one, whose address stops working at once.</summary>
    public static async Task<string> RenewAsync(PinpointDb db, PublicLinks links, Guid therapistId, CancellationToken cancellationToken)
    {
        var fresh = NewToken();
        await db.Therapists.Where(t => t.Id == therapistId).ExecuteUpdateAsync(u => u.SetProperty(t => t.CalendarToken, fresh), cancellationToken);
        return links.To($"/calendar/{fresh}.ics");
    }

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The therapist's feed address from the public base URL, the token made on first use. Two first calls at once
    /// agree on one token: only a still-empty token is set, and what is stored is what is returned.
    /// </summary>
    public static async Task<string> LinkAsync(PinpointDb db, PublicLinks links, Guid therapistId, CancellationToken cancellationToken)
    {
        var fresh = NewToken();
        await db.Therapists.Where(t => t.Id == therapistId && t.CalendarToken == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.CalendarToken, fresh), cancellationToken);
        var token = await db.Therapists.Where(t => t.Id == therapistId).Select(t => t.CalendarToken).SingleAsync(cancellationToken);
        return links.To($"/calendar/{token}.ics");
    }

    public static async Task<IResult> Feed(string token, PinpointDb db, IClock clock, CancellationToken cancellationToken)
    {
        var therapist = token.Length < 32 ? null : await db.Therapists.AsNoTracking().SingleOrDefaultAsync(t => t.CalendarToken == token, cancellationToken);
        if (therapist is null)
        {
            return ApiProblems.NotFound("Unknown calendar", "There is no calendar at this address.");
        }

        var since = clock.GetCurrentInstant() - Duration.FromDays(30);
        var bookings = await db.Bookings.AsNoTracking().Where(b => b.TherapistId == therapist.Id && b.End >= since && b.Start != null).ToListAsync(cancellationToken);
        var events = bookings.OrderBy(b => b.Start).Select(b => Notifier.Event(b, "client", b.Status == BookingStatus.Cancelled) with
        {
            Summary = $"{b.Modality} home visit", Description = "Pinpoint visit: open the app for the client's intake and preferences.",
        });
        return TypedResults.Text(Ics.Write(events, clock.GetCurrentInstant(), $"Pinpoint: {therapist.DisplayName}"), "text/calendar; charset=utf-8");
    }
}
