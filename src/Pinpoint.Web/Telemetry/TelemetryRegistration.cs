using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Pinpoint.Web.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>
    /// Metrics always (ASP.NET Core, HttpClient, runtime, Npgsql and Pinpoint's own), scraped at <c>/metrics</c> unless
    /// switched off. Traces and an OTLP push only when <c>Telemetry:Otlp:Endpoint</c> is set: without an exporter,
    /// recording spans would cost time and show nowhere.
    /// </summary>
    public static WebApplicationBuilder AddPinpointTelemetry(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(TelemetryOptions.Section);
        builder.Services.AddOptions<TelemetryOptions>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidation>();
        builder.Services.AddSingleton<PinpointMetrics>();

        // Which exporters exist is decided now, before the options are validated: a bad value adds nothing here and
        // then stops the start-up with its message.
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(string.IsNullOrWhiteSpace(options.ServiceName) ? "pinpoint" : options.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddNpgsqlInstrumentation()
                    .AddMeter(PinpointMetrics.MeterName);
                if (options.Metrics.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (options.Otlp.EndpointUri() is { } endpoint)
        {
            telemetry
                .WithTracing(tracing => tracing.AddSource(PinpointActivities.SourceName)
                    .AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql())
                .WithLogging()
                .UseOtlpExporter(options.Otlp.Protocol, endpoint);
        }

        return builder;
    }

    /// <summary>
    /// <c>/metrics</c> in Prometheus text, for callers from <c>Telemetry:Metrics:AllowedNetworks</c> (anyone when empty).
    /// Not mapped when switched off, so it answers 404 like any unknown path.
    /// </summary>
    public static WebApplication MapPinpointMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Metrics;
        if (!options.Enabled)
        {
            return app;
        }

        var networks = options.Networks();
        app.MapPrometheusScrapingEndpoint(MetricsEndpointOptions.Path, meterProvider: null,
            configureBranchedPipeline: branch => branch.Use((context, next) => MetricsAccess.CheckAsync(context, next, networks)), optionsName: null);
        return app;
    }
}
