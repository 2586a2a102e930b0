using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pinpoint.Web.Data;

namespace Pinpoint.Web.Features.Health;

/// <summary>Healthy when the database answers a query against the catalogue.</summary>
public sealed class DatabaseHealthCheck(PinpointDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var modalities = await db.Modalities.CountAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{db.Database.ProviderName}: {modalities} modalities");
        }
#pragma warning disable CA1031 // a health check reports every failure instead of throwing it
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The database did not answer.", exception);
        }
    }
}

internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
