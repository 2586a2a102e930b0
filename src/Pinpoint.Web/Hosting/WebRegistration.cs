using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Pinpoint.Core.Anatomy;
using Pinpoint.Core.Referral;
using Pinpoint.Web.Data.Seeding;
using Pinpoint.Web.Features.Accounts;
using Pinpoint.Web.Features.Booking;
using Pinpoint.Web.Features.Clinical;
using Pinpoint.Web.Features.Outcomes;
using Pinpoint.Web.Features.Planning;
using Pinpoint.Web.Features.Plans;
using Pinpoint.Web.Features.Reviews;
using Pinpoint.Web.Features.BodyMap;
using Pinpoint.Web.Features.Catalogue;
using Pinpoint.Web.Features.Geocoding;
using Pinpoint.Web.Features.Health;
using Pinpoint.Web.Features.Intake;
using Pinpoint.Web.Features.Notifications;
using Pinpoint.Web.Features.Therapists;
using Pinpoint.Web.Features.Referral;
using Pinpoint.Web.Features.VisitDay;
using Pinpoint.Web.Features.Welfare;
using Pinpoint.Web.Features.Trust;

using Pinpoint.Web.Data.Events;
using Pinpoint.Web.Kernel.Events;

namespace Pinpoint.Web.Hosting;

public static class WebRegistration
{
    public static WebApplicationBuilder AddPinpointWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddRequestLimits();
        // The composition root is the one place allowed to pick the real clock.
#pragma warning disable RS0030
        services.AddSingleton<IClock>(SystemClock.Instance);
#pragma warning restore RS0030
        services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Features";
            options.Conventions.AuthorizeFolder("/Accounts/Me");
            foreach (var page in new[] { "/Accounts/Login", "/Accounts/Register", "/Accounts/RegisterTherapist", "/Accounts/ForgotPassword", "/Accounts/ResetPassword",
                         "/Accounts/CheckEmail", "/Accounts/ConfirmSignUp", "/Booking/BookReview" })
            {
                options.Conventions.AddPageApplicationModelConvention(page, model =>
                    model.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(AbuseLimits.AccountPosts)));
            }

        }).AddMvcOptions(options => options.Filters.Add<VerbNotHandledFilter>());
        services.AddRouting(options => options.LowercaseUrls = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            options.SerializerOptions.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
            // Before NodaTime's own: the first converter for a type wins, and these add the supported years.
            options.SerializerOptions.Converters.Insert(0, new SupportedTimes.DateConverter());
            options.SerializerOptions.Converters.Insert(0, new SupportedTimes.MomentConverter());
        });
        // Unreadable request bodies reach the exception handler, which names the field (see WriteProblemAsync).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOpenApi(options =>
        {
            // Two features may each have a PlanDto; the document must not merge them. Names used once stay as they are.
            var shared = typeof(WebRegistration).Assembly.GetTypes()
                .Where(t => t.Namespace?.StartsWith("Pinpoint.Web.Features.", StringComparison.Ordinal) == true)
                .GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            options.CreateSchemaReferenceId = info =>
                Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(info) is { } id && shared.Contains(info.Type.Name) && !info.Type.IsGenericType
                    ? info.Type.Namespace!.Split('.')[^1] + id
                    : Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        });
        services.AddValidation();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddAbuseLimits(builder.Configuration);
        services.AddMemoryCache();
        services.AddScoped<SignUps>();
        services.AddScoped<ClientAreas>();
        services.AddScoped<CatalogueQueries>();
        services.AddSingleton(_ => Atlas.Default);
        services.AddSingleton<ReferralEngine>();
        services.AddSingleton(_ => BodyMapShapes.Load());
        services.AddPinpointGeocoding(builder.Configuration);
        services.AddPinpointTherapists(builder.Configuration);
        services.AddScoped<IntakeService>();
        services.AddScoped<ICareRelationships, CareRelationships>();
        services.AddScoped<ClientRecordAccess>();
        services.AddScoped<DataRights>();
        services.AddOptions<BookingOptions>().BindConfiguration("Booking").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PublicLinks>();
        services.AddOptions<PlanningOptions>().BindConfiguration(PlanningOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.DefaultArea) || Zones.Areas.Find(o.DefaultArea) is not null,
                $"Planning:DefaultArea must be one of: {string.Join(", ", Zones.Areas.All.Select(a => a.Key))}.")
            .ValidateOnStart();
        services.AddScoped<AvailabilityQueries>();
        services.AddScoped<ClientMatching>();
        services.AddSingleton<BookingWriteGate>();
        services.AddHostedService<VisitCacheWarmer>();
        services.AddScoped<SessionNotes>();
        services.AddScoped<ReviewService>();
        services.AddScoped<IReviewableVisits, ReviewableVisits>();
        services.AddScoped<Pinpoint.Web.Features.Trust.ClientStandings>();
        services.AddScoped<Pinpoint.Web.Features.Trust.ClientRatings>();
        services.AddScoped<Pinpoint.Web.Features.Trust.ClientSuspensions>();
        services.AddScoped<Pinpoint.Web.Features.Trust.TrustRecords>();
        services.AddScoped<Pinpoint.Web.Features.Trust.IRateableVisits, RateableVisits>();
        services.AddSingleton(provider => new Pinpoint.Core.Clinical.HomeCareCatalogue(provider.GetRequiredService<Pinpoint.Core.Anatomy.Atlas>()));
        services.AddScoped<HomeCareService>();
        services.AddScoped<Pinpoint.Web.Features.Plans.TreatmentPlans>();
        services.AddOptions<Pinpoint.Web.Features.Outcomes.OutcomeOptions>().BindConfiguration("Outcomes").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Pinpoint.Web.Features.Outcomes.OutcomeService>();
        services.AddScoped<Pinpoint.Web.Features.Outcomes.OutcomeDashboard>();
        services.AddScoped<BookingService>();
        services.AddScoped<FlexibleBookings>();
        services.AddScoped<DayProblemBuilder>();
        services.AddScoped<DayPlanner>();
        services.AddScoped<PlanApproval>();
        services.AddScoped<PlanViews>();
        services.AddSingleton<PlanningSignal>();
        services.AddScoped<PlanLeases>();
        services.AddHostedService<PlanningWorker>();
        services.AddScoped<BookingLifecycle>();
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddScoped<Notifier>();
        services.AddScoped<Pinpoint.Web.Features.Visits.TherapistDay>();
        services.AddOptions<VisitDayOptions>().BindConfiguration(VisitDayOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<VisitTracker>();
        services.AddOptions<Pinpoint.Web.Features.Welfare.WelfareOptions>().BindConfiguration(Pinpoint.Web.Features.Welfare.WelfareOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Pinpoint.Web.Features.Welfare.WelfareEmails>();
        services.AddScoped<Pinpoint.Web.Features.Welfare.WelfareAlerts>();
        services.AddScoped<Pinpoint.Web.Features.Welfare.WelfareScan>();
        services.AddScoped<Pinpoint.Web.Features.Welfare.LiveBoard>();
        services.AddHostedService<Pinpoint.Web.Features.Welfare.WelfareScanService>();
        // Who reacts to what: each feature's handlers for the events other features raise.
        services.AddEventHandler<BookingConfirmed, BookingEmails>()
            .AddEventHandler<BookingRequested, BookingEmails>()
            .AddEventHandler<BookingMoved, BookingEmails>()
            .AddEventHandler<BookingCancelled, BookingEmails>()
            .AddEventHandler<NoteSigned, BookingEmails>()
            .AddEventHandler<TherapistOnTheWay, BookingEmails>()
            .AddEventHandler<VisitRunningLate, BookingEmails>()
            .AddEventHandler<VisitCompleted, Pinpoint.Web.Features.Outcomes.OutcomesDueAfterVisit>();
        services.AddScoped<NotificationDispatcher>();
        services.AddHostedService<NotificationService>();
        return builder;
    }

    public static WebApplication UsePinpointPipeline(this WebApplication app)
    {
        // First, so everything after (limits, HTTPS-only cookies, the /metrics network check) sees the real client.
        app.UseForwardedHeaders();
        // Outside Development cookies are Secure only (AccountsRegistration), so HTTPS is required and announced.
        var httpsOnly = !app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing");
        if (httpsOnly)
        {
            app.UseHttpsOnly();
        }

        // Programs get ProblemDetails JSON whatever their Accept header says (a browser opening /api asks for HTML).
        app.UseWhen(IsMachineEndpoint, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = WriteExceptionProblemAsync,
                // A body we cannot read is the caller's fault: logged once as a Warning below, not as an unhandled Error.
                SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
            });
            api.UseStatusCodePages(context => WriteStatusProblemAsync(context.HttpContext));
        });
        app.UseWhen(context => !IsMachineEndpoint(context), pages =>
        {
            if (!app.Environment.IsDevelopment())
            {
                pages.UseExceptionHandler("/error");
            }

            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        if (httpsOnly)
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        // After the status-code pages, so a refusal is answered as ProblemDetails or the friendly page.
        app.UseRequestLimits();
        app.UseRouting();
        app.UseAuthentication();
        // After authentication: a signed-in caller is limited per account, not per address.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseJsonOnlyApi();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPinpointEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapOpenApi();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        app.MapTherapistPortraits();
        var api = app.MapGroup("/api");
        api.MapCatalogueApi();
        api.MapReferralApi();
        api.MapTherapistsApi();
        api.MapScheduleApi();
        api.MapCredentialsApi();
        api.MapIntakeApi();
        api.MapDataRightsApi();
        api.MapBookingApi();
        api.MapBookingLifecycleApi();
        api.MapVisitDayApi();
        api.MapWelfareApi();
        api.MapClinicalApi();
        api.MapReviewsApi();
        api.MapTrustApi();
        api.MapHomeCareApi();
        api.MapPlansApi();
        api.MapOutcomesApi();
        api.MapPlanningApi();
        app.MapCalendarFeed();
        return app;
    }

    private static Task WriteExceptionProblemAsync(HttpContext context)
    {
        var exception = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        if (exception is not BadHttpRequestException bad)
        {
            return WriteProblemAsync(context, StatusCodes.Status500InternalServerError,
                "Something went wrong on our side.", "The error has been logged; quote the traceId if you contact us.");
        }

        // A body that is not valid JSON for the endpoint: name the field where reading stopped ("$.expiresOn").
        var json = bad.InnerException as System.Text.Json.JsonException;
        var field = json?.Path is { Length: > 2 } path ? path[2..] : "body";
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebRegistration)).UnreadableBody(
            context.Request.Method, context.Request.Path, bad.StatusCode, json?.Path ?? "-", (bad.InnerException ?? bad).GetType().Name);
        var message = json is null ? bad.Message : "This value could not be read: check its type and format (dates as yyyy-MM-dd).";
        return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = bad.StatusCode,
            Title = "The request could not be read.",
            Detail = json is null ? bad.Message : $"Invalid JSON at {json.Path ?? "the start"}.",
            Extensions = { ["traceId"] = context.TraceIdentifier },
        }).ExecuteAsync(context);
    }

    /// <summary>A status set without a body (routing, authentication, a limit, a body the framework could not read).</summary>
    private static Task WriteStatusProblemAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        if (status == StatusCodes.Status413PayloadTooLarge)
        {
            // Set by the framework while reading the body; our own 414 and 431 were logged where they were refused.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestLimits)).RequestRefused(
                context.Request.Method, RequestLimits.Shorten(context.Request.Path.Value), status, context.Request.ContentLength ?? -1,
                context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? RequestLimits.MaxBodyBytes);
        }

        var (title, detail) = ApiProblems.ForStatus(context, status);
        return WriteProblemAsync(context, status, title, detail);
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string? title, string? detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title,
                extensions: new Dictionary<string, object?> { ["traceId"] = context.TraceIdentifier })
            .ExecuteAsync(context);

    /// <summary>Endpoints read by programs: their errors are ProblemDetails JSON, never HTML.</summary>
    private static bool IsMachineEndpoint(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ||
        context.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase) ||
        context.Request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase) ||
        context.Request.Path.StartsWithSegments(Telemetry.MetricsEndpointOptions.Path, StringComparison.OrdinalIgnoreCase);
}
