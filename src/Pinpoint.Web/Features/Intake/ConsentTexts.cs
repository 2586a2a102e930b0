namespace Pinpoint.Web.Features.Intake;

/// <summary>A text a client agrees to. Its version changes whenever the words do, and consent is to one version.</summary>
public sealed record ConsentText(string Kind, string Version, string Title, string Body);

public static class ConsentTexts
{
    public const string TreatmentKind = "treatment";
    public const string PrivacyKind = "privacy";

    public static ConsentText Treatment { get; } = new(TreatmentKind, "treatment-2026-11", "Consent to treatment",
        "I agree to receive trigger point therapy in my home from a Pinpoint therapist. I understand that the therapist will " +
        "explain what they are doing, that I can ask for lighter pressure or stop the session at any time, that some " +
        "tenderness for a day or two is normal, and that this therapy does not replace medical care. I have answered the " +
        "health questions truthfully and will tell my therapist if anything changes.");

    public static ConsentText Privacy { get; } = new(PrivacyKind, "privacy-2026-11", "Privacy notice",
        "Pinpoint keeps my answers, including health information, to plan and deliver my care. Only I, Pinpoint admins for " +
        "support and safety, and a therapist I have a booking with can see them, and every read by someone else is " +
        "recorded. I can download my data at any time and ask for my account to be deleted; health records the law " +
        "requires to be kept are then kept, marked, and no longer linked to my name or email.");

    public static IReadOnlyList<ConsentText> Current { get; } = [Treatment, Privacy];
}
