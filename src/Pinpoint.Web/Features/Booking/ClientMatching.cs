using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Referral;
using Pinpoint.Core.Scheduling;
using Pinpoint.Core.Screening;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Features.Referral;

namespace Pinpoint.Web.Features.Booking;

/// <summary>
/// Builds the <see cref="ClientMatch"/> a search or a booking ranks and filters therapists by: from the client's
/// latest intake when they have one (complaints, regions, activity, duration, preferred gender, screening), else from
/// the "where does it hurt?" selection carried in the URL. The likeliest muscle sources come from the referral engine.
/// </summary>
public sealed class ClientMatching(IntakeService intake, ReferralEngine referral, Atlas atlas)
{
    /// <param name="gender">"female", "male" or "any"/null: overrides the intake's preference when given.</param>
    public async Task<ClientMatch> ForAsync(string? clientUserId, PainSelection? selection, string? gender, CancellationToken cancellationToken) =>
        For(clientUserId is null ? null : await intake.LatestAsync(clientUserId, cancellationToken), selection, gender);

    public ClientMatch For(IntakeSnapshot? latest, PainSelection? selection, string? gender)
    {
        var content = latest?.Content;
        var query = content is { Regions.Count: > 0 }
            ? new ReferralQuery(content.Regions, null, content.Activity, content.Duration)
            : selection is { IsEmpty: false } ? selection.ToQuery() : null;
        IReadOnlyList<string> sourceComplaints = query is null || query.Validate(atlas).Count > 0
            ? []
            : [.. referral.Rank(query.Regions, query.Activity, take: 3, query.RecogniseSymptoms().Ids).SelectMany(c => c.Muscle.Complaints)];
        return ClientMatch.From(
            content?.Complaints ?? [], sourceComplaints, query?.Activity, query?.Duration,
            ParseGender(gender ?? content?.Preferences.TherapistGender),
            NeedsPrenatalCare(latest?.Screening));
    }

    /// <summary>Only what must hold for any booking of this client, whoever they picked: the screening's hard needs.</summary>
    public static ClientMatch Required(IntakeSnapshot? latest) => ForRequest(latest?.Screening, genderPreference: null);

    /// <summary>
    /// Who may take a booking the client did not pick a therapist for (a window request): the screening's hard needs and
    /// the gender the client asked for, both as recorded with the booking.
    /// </summary>
    public static ClientMatch ForRequest(ScreeningResult? screening, string? genderPreference) =>
        ClientMatch.None with
        {
            Gender = ParseGender(genderPreference),
            RequiredInterest = NeedsPrenatalCare(screening) ? Core.Catalogue.Interests.Prenatal : null,
        };

    private static bool NeedsPrenatalCare(ScreeningResult? screening) =>
        screening?.Constraints.Contains(TreatmentConstraint.RequiresPrenatalInterest) == true;

    /// <summary>True for the values a client may send as a gender preference.</summary>
    public static bool IsGenderPreference(string? value) => value is null or "any" or "female" or "male";

    private static MatchGender? ParseGender(string? value) => value switch
    {
        "female" => MatchGender.Female,
        "male" => MatchGender.Male,
        _ => null,
    };
}
