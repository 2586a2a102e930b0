using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Accounts;
using Pinpoint.Web.Hosting;
using Pinpoint.Web.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddPinpointDatabase();
builder.AddPinpointIdentity();
builder.AddPinpointWeb();
builder.AddPinpointTelemetry();

var app = builder.Build();
await app.PreparePinpointDatabaseAsync();
app.UsePinpointPipeline();
app.MapPinpointEndpoints();
app.MapPinpointMetrics();
await app.RunAsync();

/// <summary>The entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
