using Pinpoint.Web.Data;
using Pinpoint.Web.Features.Accounts;
using Pinpoint.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPinpointDatabase();
builder.AddPinpointIdentity();
builder.AddPinpointWeb();

var app = builder.Build();
await app.PreparePinpointDatabaseAsync();
app.UsePinpointPipeline();
app.MapPinpointEndpoints();
await app.RunAsync();

/// <summary>The entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
