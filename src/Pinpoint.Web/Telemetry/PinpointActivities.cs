using System.Diagnostics;

namespace Pinpoint.Web.Telemetry;

/// <summary>
/// The one source of Pinpoint's own spans (a booking's locked write, a day plan's run). Static, as ActivitySource is
/// meant to be: starting a span costs nothing unless a tracer listens (only when OTLP export is configured).
/// </summary>
public static class PinpointActivities
{
    public const string SourceName = "Pinpoint";

    public static ActivitySource Source { get; } = new(SourceName);
}
