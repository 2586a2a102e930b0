using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pinpoint.Web.Telemetry;

/// <summary>
/// Pinpoint's own instruments, on the meter <c>Pinpoint</c>. The meter comes from <see cref="IMeterFactory"/>, so each
/// app (and each test host) has its own and a test can watch one app's measurements without seeing another's.
/// Tags carry kinds, reasons and sources only: never ids, names or health data (they would explode the series and leak).
/// </summary>
public sealed class PinpointMetrics
{
    public const string MeterName = "Pinpoint";

    private readonly Counter<long> _bookingsCreated;
    private readonly Counter<long> _bookingsRefused;
    private readonly Histogram<double> _availabilityDuration;
    private readonly Histogram<double> _dayPlanDuration;
    private readonly Histogram<double> _dayPlanTravelSaved;
    private readonly Counter<long> _referralQueries;

    // Seconds, as a double's bits so the scrape thread reads what the dispatcher wrote without a lock; NaN = not yet polled.
    private long _outboxAgeBits = BitConverter.DoubleToInt64Bits(double.NaN);

    public PinpointMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _bookingsCreated = meter.CreateCounter<long>("pinpoint.bookings.created", "{booking}",
            "Bookings made: kind exact (a time with a therapist) or window (a request for the day plan).");
        _bookingsRefused = meter.CreateCounter<long>("pinpoint.bookings.refused", "{booking}",
            "Booking requests refused, by reason: conflict, validation, screening_stop, idempotency_mismatch.");
        _availabilityDuration = meter.CreateHistogram("pinpoint.availability.duration", "s",
            "Time to answer an availability search (loading calendars and running the engine).",
            advice: Buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5));
        _dayPlanDuration = meter.CreateHistogram("pinpoint.day_plans.duration", "s",
            "Time to build and solve one day's plan, by the status it ended in.",
            advice: Buckets(0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600));
        _dayPlanTravelSaved = meter.CreateHistogram("pinpoint.day_plans.travel_saved", "min",
            "Driving minutes a proposed day plan saves against the naive plan (negative when it drives more).",
            advice: Buckets(-30, 0, 5, 15, 30, 60, 120, 240, 480));
        _referralQueries = meter.CreateCounter<long>("pinpoint.referral.queries", "{query}",
            "Referral analyses (where does it hurt → likely muscles), by source: api or page.");
        meter.CreateObservableGauge("pinpoint.outbox.oldest_age", ObserveOutboxAge, "s",
            "Age of the oldest due, unsent email in the outbox, as the dispatcher saw it on its last poll (0 when none waits).");
    }

    public void BookingCreated(string kind) => _bookingsCreated.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void BookingRefused(string kind, string reason) =>
        _bookingsRefused.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Starts timing an availability search; disposing the result records it.</summary>
    public Timing TimeAvailability(string source) => new(_availabilityDuration, new KeyValuePair<string, object?>("source", source));

    /// <summary>Starts a day plan's run: a span (when traced) and a clock; <see cref="DayPlanRun.Finished"/> records both.</summary>
    public DayPlanRun StartDayPlan(Guid planId) =>
        new(this, PinpointActivities.Source.StartActivity("day_plan.run")?.SetTag("pinpoint.day_plan.id", planId));

    private void DayPlanRan(string status, TimeSpan elapsed, double? travelSavedMinutes)
    {
        _dayPlanDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("status", status));
        if (travelSavedMinutes is { } saved)
        {
            _dayPlanTravelSaved.Record(saved);
        }
    }

    public void ReferralQueried(string source) => _referralQueries.Add(1, new KeyValuePair<string, object?>("source", source));

    /// <summary>The dispatcher's reading on each poll; the gauge reports it at scrape time without touching the database.</summary>
    public void OutboxPolled(TimeSpan oldestDueAge) =>
        Interlocked.Exchange(ref _outboxAgeBits, BitConverter.DoubleToInt64Bits(Math.Max(0, oldestDueAge.TotalSeconds)));

    private IEnumerable<Measurement<double>> ObserveOutboxAge()
    {
        var seconds = BitConverter.Int64BitsToDouble(Interlocked.Read(ref _outboxAgeBits));
        return double.IsNaN(seconds) ? [] : [new Measurement<double>(seconds)];
    }

    private static InstrumentAdvice<double> Buckets(params double[] boundaries) => new() { HistogramBucketBoundaries = boundaries };

    /// <summary>One day plan being made. Disposing without <see cref="Finished"/> (an exception) ends the span only.</summary>
    public sealed class DayPlanRun(PinpointMetrics metrics, Activity? activity) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        /// <param name="status">The status the plan ended in, lower case (proposed, failed, superseded).</param>
        /// <param name="travelSavedMinutes">For a proposed plan, driving minutes saved against the naive plan.</param>
        public void Finished(string status, double? travelSavedMinutes)
        {
            metrics.DayPlanRan(status, Stopwatch.GetElapsedTime(_started), travelSavedMinutes);
            activity?.SetTag("pinpoint.day_plan.status", status);
        }

        public void Dispose() => activity?.Dispose();
    }

    /// <summary>A running measurement of elapsed time, recorded once when disposed.</summary>
    public readonly struct Timing(Histogram<double> histogram, KeyValuePair<string, object?> tag) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public void Dispose() => histogram.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tag);
    }
}
