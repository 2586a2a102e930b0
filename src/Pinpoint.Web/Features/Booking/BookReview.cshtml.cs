using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Pinpoint.Core.Booking;
using Pinpoint.Core.Catalogue;
using Pinpoint.Core.Geography;
using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Catalogue;
using Pinpoint.Web.Features.Therapists;

namespace Pinpoint.Web.Features.Booking;

/// <summary>
/// Step 3, the last before the confirmation: the visit, its price and policy, the exact address and how to get in,
/// and for a new client the account (name, email, mobile, password) opened in the same step, so nothing chosen is lost.
/// </summary>
public sealed class BookReviewModel(
    TherapistDirectory directory, CatalogueQueries catalogue, BookingService bookings, Pinpoint.Core.Anatomy.Atlas atlas, IClock clock,
    IGeocoder geocoder, SignUps signUps, UserManager<PinpointUser> users, SignInManager<PinpointUser> signIn, PinpointDb db, Trust.ClientStandings standings) : PageModel
{
    /// <summary>How far the confirmed suburb may be from the place the times were found for (the suburbs' centres).</summary>
    private const double SameAreaKm = 3;

    [BindProperty(SupportsGet = true, Name = "therapist")]
    public Guid TherapistId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Modality { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Minutes { get; set; } = 60;

    [BindProperty(SupportsGet = true)]
    public string? Start { get; set; }

    [BindProperty(SupportsGet = true)]
    public double Latitude { get; set; }

    [BindProperty(SupportsGet = true)]
    public double Longitude { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Address { get; set; }

    /// <summary>Where it hurts, carried from "Where does it hurt?" so the booking keeps it for the therapist.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Regions { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Symptoms { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Activity { get; set; }

    [BindProperty(SupportsGet = true, Name = "duration")]
    public string? PainDuration { get; set; }

    /// <summary>The carried selection when it reads cleanly; a link edited by hand loses it rather than the booking.</summary>
    public Referral.PainSelection Pain =>
        Referral.PainSelection.Parse(Regions, null, Symptoms, Activity, PainDuration, out var errors) is { IsEmpty: false } pain &&
        errors.Count == 0 && pain.ToQuery().Validate(atlas).Count == 0
            ? pain
            : Referral.PainSelection.Empty;

    /// <summary>The marked regions by name, most painful first.</summary>
    public IReadOnlyList<string> PainLabels => [.. Pain.Regions.Where(r => r.Intensity > 0).OrderByDescending(r => r.Intensity).Select(r => atlas.LabelOf(r.RegionId))];

    /// <summary>Made once per review page, so a double click or a resubmitted form books once.</summary>
    [BindProperty]
    public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");

    [BindProperty]
    public string? Unit { get; set; }

    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public string? Street { get; set; }

    [BindProperty]
    public string? Suburb { get; set; }

    [BindProperty]
    public string? Postcode { get; set; }

    [BindProperty]
    public string? AccessNotes { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Mobile { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Whether the signed-in client still has to give a mobile number (accounts from before it was asked).</summary>
    public bool NeedsMobile { get; private set; }

    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    public string? ErrorOf(string field) => FieldErrors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public Therapist? Therapist { get; private set; }

    public string? TherapyName { get; private set; }

    public ZonedDateTime? When { get; private set; }

    public Quote? Quote { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>When the visit starts inside the cancellation fee window: the tier that would apply to a change made now.</summary>
    public CancellationTier? LateTier => When is { } when ? BookingLifecycle.Policy.TierAt(when.ToInstant(), clock.GetCurrentInstant()) : null;

    /// <summary>What a change made now would cost, in money.</summary>
    public Money? LateFee => When is { } when && Quote is { } quote ? BookingLifecycle.Policy.Fee(quote.Total, when.ToInstant(), clock.GetCurrentInstant()) : null;

    public string ReturnUrl => Request.Path + Request.QueryString;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Problem is null)
        {
            await PrefillAsync(cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Problem is not null)
        {
            return Page();
        }

        var signedIn = User.Identity?.IsAuthenticated == true;
        var me = signedIn ? await users.GetUserAsync(User) : null;
        NeedsMobile = me is { PhoneNumber: null or "" };
        var place = new VisitAddress(Unit, Number, Street, Suburb, Postcode);
        var errors = place.Validate();
        if (AccessNotes is { Length: > VisitAddress.AccessNotesMaxLength })
        {
            errors["accessNotes"] = [$"Keep access notes under {VisitAddress.AccessNotesMaxLength} characters."];
        }

        if (!errors.ContainsKey("suburb") && !errors.ContainsKey("postcode"))
        {
            await CheckSuburbAsync(errors, cancellationToken);
        }

        var mobile = "";
        if (!signedIn)
        {
            foreach (var (field, messages) in SignUps.Check(new SignUpInput(Name, Email, Mobile, Password), out mobile))
            {
                errors[field] = messages;
            }
        }
        else if (NeedsMobile && !MobileNumbers.TryNormalize(Mobile, out mobile))
        {
            errors[SignUps.MobileField] = [MobileNumbers.Invalid];
        }

        if (errors.Count > 0)
        {
            FieldErrors = errors;
            return Page();
        }

        var clientId = me?.Id ?? await OpenAccountAsync(cancellationToken);
        if (clientId is null)
        {
            return Page();
        }

        if (me is not null && NeedsMobile)
        {
            // Not SetPhoneNumberAsync: it renews the security stamp, which would sign the client out mid-booking.
            me.PhoneNumber = mobile;
            await users.UpdateAsync(me);
        }

        var outcome = await bookings.CreateAsync(clientId,
            new BookingRequest(TherapistId, Modality, Minutes, When!.Value.ToOffsetDateTime(), Latitude, Longitude, place.Line,
                Pain: Pain.ToRequest(), AccessNotes: AccessNotes),
            IdempotencyKey, cancellationToken);
        switch (outcome.Kind)
        {
            case BookingOutcomeKind.Created or BookingOutcomeKind.Replayed:
                return Redirect($"/bookings?confirmed={outcome.Booking!.Id}");
            case BookingOutcomeKind.Conflict:
                // Also the answer when the therapist does not take this client: the client is never told of a block.
                Problem = "Someone has just taken that time. Please choose another.";
                return Page();
            case BookingOutcomeKind.Refused or BookingOutcomeKind.Overlap:
                Problem = outcome.Message;
                return Page();
            default:
                Problem = string.Join(" ", outcome.Errors.SelectMany(e => e.Value));
                return Page();
        }
    }

    /// <summary>
    /// Opens the client's account and signs them in; the id to book for, or null with the reason in
    /// <see cref="FieldErrors"/>. A second click (or someone with an account who typed its password here) finds the
    /// account already there and, with the right password, simply continues.
    /// </summary>
    private async Task<string?> OpenAccountAsync(CancellationToken cancellationToken)
    {
        var created = await signUps.CreateAsync(new SignUpInput(Name, Email, Mobile, Password), Roles.Client, awaitingConfirmation: false, cancellationToken);
        if (created.Succeeded)
        {
            await signIn.SignInAsync(created.User!, isPersistent: false);
            return created.User!.Id;
        }

        if (created.Errors.ContainsKey(SignUps.EmailField) && await users.FindByEmailAsync(Email!.Trim()) is { } existing &&
            await users.IsInRoleAsync(existing, Roles.Client))
        {
            var check = await signIn.CheckPasswordSignInAsync(existing, Password!, lockoutOnFailure: true);
            if (check.Succeeded)
            {
                await signIn.SignInAsync(existing, isPersistent: false);
                return existing.Id;
            }

            FieldErrors = new Dictionary<string, string[]>
            {
                [SignUps.EmailField] = ["This email already has an account. Log in to book with it, or use another email."],
            };
            return null;
        }

        FieldErrors = created.Errors;
        return null;
    }

    /// <summary>The suburb at checkout must be the one the times were found for: reach and travel were worked out from it.</summary>
    private async Task CheckSuburbAsync(Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        GeocodeMatch? found;
        try
        {
            found = (await geocoder.SearchAsync($"{Suburb} {Postcode}", 1, cancellationToken)).FirstOrDefault();
        }
        catch (Geocoding.GeocodingUnavailableException)
        {
            return; // the times were found for this place a moment ago; an outage now should not block the booking
        }

        if (found is null || (found.Postcode is { } postcode && postcode != Postcode?.Trim()))
        {
            errors["suburb"] = [$"We could not find {Suburb?.Trim()} {Postcode?.Trim()}. Check the suburb and postcode."];
        }
        else if (found.Point.DistanceKmTo(new GeoPoint(Latitude, Longitude)) > SameAreaKm)
        {
            errors["suburb"] = [$"{found.Suburb ?? Suburb?.Trim()} is not where we looked for times. Choose a time for this address again."];
        }
    }

    /// <summary>The checkout fields start from what the client typed at the first step, or from their last visit there.</summary>
    private async Task PrefillAsync(CancellationToken cancellationToken)
    {
        GeocodeMatch? searched = null;
        try
        {
            searched = (await geocoder.SearchAsync(Address ?? "", 1, cancellationToken)).FirstOrDefault();
        }
        catch (Geocoding.GeocodingUnavailableException)
        {
            // The fields stay empty for the client to fill in.
        }

        var typed = VisitAddress.FromTyped(Address, searched?.Suburb, searched?.Postcode);
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } me)
        {
            NeedsMobile = string.IsNullOrEmpty(me.PhoneNumber);
            var last = await db.Bookings.AsNoTracking()
                .Where(b => b.ClientUserId == me.Id)
                .OrderByDescending(b => b.CreatedAt)
                .Select(b => new { b.Address, b.AccessNotes })
                .FirstOrDefaultAsync(cancellationToken);
            var before = last is null ? null : VisitAddress.FromTyped(last.Address, searched?.Suburb, searched?.Postcode);
            if (typed.Number is null && before?.Number is not null &&
                last!.Address.Contains($", {searched?.Suburb} ", StringComparison.OrdinalIgnoreCase))
            {
                typed = before;
                AccessNotes ??= last.AccessNotes;
            }
        }

        Unit ??= typed.Unit;
        Number ??= typed.Number;
        Street ??= typed.Street;
        Suburb ??= typed.Suburb;
        Postcode ??= typed.Postcode;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var start = SupportedTimes.ParseMoment(Start ?? "");
        Therapist = await directory.FindAsync(TherapistId, cancellationToken);
        if (!start.Success || Therapist is null || !Modalities.TryParseSlug(Modality, out var modality) ||
            Latitude is not (>= -90 and <= 90) || Longitude is not (>= -180 and <= 180))
        {
            Problem = "This booking link is incomplete. Please choose a time again.";
            return;
        }

        if (Zones.Areas.Containing(new GeoPoint(Latitude, Longitude)) is not { } area)
        {
            Problem = Zones.NotServed;
            return;
        }

        // Shown in the zone of the visit's area, the calendar the slot was offered in.
        When = start.Value.ToInstant().InZone(area.Zone);
        if (User.Identity?.IsAuthenticated == true && await standings.IsSuspendedAsync(CurrentUser.Id(User), cancellationToken))
        {
            Problem = Trust.ClientStanding.NotTakingBookings;
            return;
        }

        var offering = await catalogue.FindAsync(modality.Slug(), area.Currency, cancellationToken);
        TherapyName = offering?.Name;
        var price = offering?.Prices.FirstOrDefault(p => p.DurationMinutes == Minutes);
        if (price is null)
        {
            Problem = "That session length is not offered.";
            return;
        }

        Quote = Pricing.Quote(price.Price, When.Value, Duration.FromMinutes(Minutes),
            new GeoPoint(Therapist.HomeLatitude, Therapist.HomeLongitude).DistanceKmTo(new GeoPoint(Latitude, Longitude)), new SurchargePolicy());
    }
}
