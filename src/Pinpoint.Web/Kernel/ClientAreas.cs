using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pinpoint.Core.Geography;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Kernel;

/// <summary>
/// The service area a client's own times and prices belong to where no address is at hand: their intake and home-care
/// days, "today", account emails, the day the booking form starts on, the currency of the price lists they read. It is
/// the area of their latest booking's address (<see cref="MoveAsync"/>, called as the booking is written), or the city
/// they chose on their account page; until either, and for anyone not signed in, the home area (<see cref="Zones.Home"/>).
/// A visit's own times keep the zone of its address, a therapist's the zone of their base.
/// </summary>
public sealed class ClientAreas(PinpointDb db, IClock clock)
{
    private readonly Dictionary<string, ServiceArea> _read = new(StringComparer.Ordinal);

    /// <summary>The area of an account as loaded: its stored area, else the home area.</summary>
    public static ServiceArea Of(PinpointUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Of(user.HomeArea);
    }

    /// <summary>The area of a stored key: the area, else (none stored, or an area since removed) the home area.</summary>
    public static ServiceArea Of(string? key) => Zones.Areas.Find(key) ?? Zones.Home;

    /// <summary>The area of the client with this id (read once per request); the home area for null or an unknown id.</summary>
    public async Task<ServiceArea> OfAsync(string? userId, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return Zones.Home;
        }

        if (!_read.TryGetValue(userId, out var area))
        {
            var key = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.HomeArea).SingleOrDefaultAsync(cancellationToken);
            _read[userId] = area = Of(key);
        }

        return area;
    }

    /// <summary>The signed-in user's area; the home area for a visitor who is not signed in.</summary>
    public Task<ServiceArea> OfAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return OfAsync(user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null, cancellationToken);
    }

    /// <summary>The client's zone, for their own times.</summary>
    public async Task<DateTimeZone> ZoneAsync(string? userId, CancellationToken cancellationToken) =>
        (await OfAsync(userId, cancellationToken)).Zone;

    /// <summary>The client's date now, in their area's zone.</summary>
    public async Task<LocalDate> TodayAsync(string? userId, CancellationToken cancellationToken) =>
        clock.GetCurrentInstant().InZone(await ZoneAsync(userId, cancellationToken)).Date;

    /// <summary>Sets the client's area to the one they chose (a key of <see cref="Zones.Areas"/>); false for an unknown key.</summary>
    public async Task<bool> ChooseAsync(string userId, string? key, CancellationToken cancellationToken)
    {
        if (Zones.Areas.Find(key) is not { } area)
        {
            return false;
        }

        await MoveAsync(db, userId, area, cancellationToken);
        _read[userId] = area;
        return true;
    }

    /// <summary>
    /// Makes <paramref name="area"/> the client's area: for the address of a booking being written (inside its
    /// transaction, so both stand or neither), or the city chosen on the account page. Only the one column is written.
    /// </summary>
    public static Task MoveAsync(PinpointDb db, string userId, ServiceArea area, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(area);
        var key = area.Key;
        return db.Users.Where(u => u.Id == userId && (u.HomeArea == null || u.HomeArea != key))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.HomeArea, key), cancellationToken);
    }
}
