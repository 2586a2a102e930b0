using System.Net;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;

namespace Pinpoint.Web.Telemetry;

/// <summary>Configuration section <c>Telemetry</c>: the Prometheus scrape endpoint and optional OTLP export.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The <c>service.name</c> resource attribute: tells this app's series and spans from others'.</summary>
    public string ServiceName { get; set; } = "pinpoint";

    public MetricsEndpointOptions Metrics { get; set; } = new();

    public OtlpOptions Otlp { get; set; } = new();
}

/// <summary><c>Telemetry:Metrics</c>: the Prometheus text endpoint at <c>/metrics</c>.</summary>
public sealed class MetricsEndpointOptions
{
    public const string Path = "/metrics";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.0.0.0/8</c>, or single addresses) whose callers may scrape; empty = anyone. An entry may
    /// hold several separated by commas, which is easier to pass in one environment variable. Host bits are ignored
    /// (<c>192.168.1.10/24</c> is <c>192.168.1.0/24</c>), as <see cref="IPNetwork.TryParse(string, out IPNetwork)"/> reads it.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>The parsed <see cref="AllowedNetworks"/>; call only after validation.</summary>
    public IReadOnlyList<IPNetwork> Networks() => [.. Entries(AllowedNetworks).Select(e => TryParseNetwork(e, out var n) ? n : throw new FormatException(e))];

    internal static IEnumerable<string> Entries(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    internal static bool TryParseNetwork(string entry, out IPNetwork network)
    {
        if (IPAddress.TryParse(entry, out var address) && !entry.Contains('/', StringComparison.Ordinal))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(entry, out network);
    }
}

/// <summary><c>Telemetry:Otlp</c>: traces, metrics and logs pushed to an OpenTelemetry collector, off unless an endpoint is set.</summary>
public sealed class OtlpOptions
{
    /// <summary>For example <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c> (HTTP/protobuf).</summary>
    public string? Endpoint { get; set; }

    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;

    public Uri? EndpointUri() =>
        Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
}

/// <summary>Checks the settings at start-up; each message names the setting as it is written in configuration.</summary>
internal sealed class TelemetryOptionsValidation : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            failures.Add("Telemetry:ServiceName must not be empty.");
        }

        foreach (var entry in MetricsEndpointOptions.Entries(options.Metrics.AllowedNetworks))
        {
            if (!MetricsEndpointOptions.TryParseNetwork(entry, out _))
            {
                failures.Add($"Telemetry:Metrics:AllowedNetworks: '{entry}' is not a network in CIDR notation " +
                    "(e.g. 10.0.0.0/8, 192.168.1.0/24, fd00::/8) or a single address.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.Otlp.Endpoint) && options.Otlp.EndpointUri() is null)
        {
            failures.Add($"Telemetry:Otlp:Endpoint: '{options.Otlp.Endpoint}' is not an absolute http or https URL (e.g. http://otel-collector:4317).");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
