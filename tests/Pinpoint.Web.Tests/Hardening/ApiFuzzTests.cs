using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pinpoint.Web.Data;
using Pinpoint.Web.Tests.Infrastructure;

namespace Pinpoint.Web.Tests.Hardening;

/// <summary>
/// Requests generated from the app's own OpenAPI document, for every operation and every role, with the values that
/// break code: extreme and malformed instants and dates, nulls where lists belong, NaN and huge numbers, long and odd
/// strings, ids of other people's records. Whatever comes in, nothing answers 5xx.
/// </summary>
public sealed class ApiFuzzTests
{
    private const int SamplesPerOperationAndRole = 25;

    private static readonly string[] Roles = ["", "client@pinpoint.test", SignIn.TherapistEmail, "admin@pinpoint.test"];

    [Theory]
    [ClassData(typeof(AllDatabases))]
    public async Task No_generated_request_to_any_operation_in_any_role_answers_5xx(DatabaseProvider provider)
    {
        await using var app = await PinpointApp.StartAsync(provider, seedDemo: true, builder =>
        {
            // The limiter would answer most of the campaign with 429 and hide what lies behind it.
            builder.UseSetting("RateLimits:AnonymousPermitsPerMinute", "1000000");
            builder.ConfigureServices(services => services.AddFakeLogging());
        });
        var logs = app.Services.GetFakeLogCollector();
        using var anonymous = app.CreateClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var operations = OpenApiOperations.Read(document);
        Assert.True(operations.Count > 40, $"only {operations.Count} operations in the OpenAPI document");
        var values = new FuzzValues(await KnownIdsAsync(app));
        var clients = new List<HttpClient>();
        foreach (var role in Roles)
        {
            clients.Add(role.Length == 0 ? app.CreateClient() : await app.ClientForAsync(role));
        }

        var failures = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var sent = 0;
        foreach (var operation in operations)
        {
            var requests = operation.Requests(values);
            for (var role = 0; role < clients.Count; role++)
            {
                var client = clients[role];
                var who = Roles[role].Length == 0 ? "anonymous" : Roles[role];
                await requests.SampleAsync(async request =>
                {
                    using var message = request.ToMessage();
                    using var response = await client.SendAsync(message);
                    Interlocked.Increment(ref sent);
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.TryAdd($"{operation.Method} {operation.Template} as {who}",
                            $"{(int)response.StatusCode} for {request}: {LastException(logs)}");
                    }
                }, iter: SamplesPerOperationAndRole, threads: 1);
            }
        }

        Assert.True(failures.IsEmpty,
            $"{failures.Count} operation/role pairs answered 5xx in {sent} requests:\n" +
            string.Join("\n", failures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}: {f.Value}")));
    }

    /// <summary>The exception the app logged last, with the first line of its stack inside Pinpoint: what a 5xx report needs.</summary>
    internal static string LastException(Microsoft.Extensions.Logging.Testing.FakeLogCollector logs)
    {
        var thrown = logs.GetSnapshot().LastOrDefault(r => r.Exception is not null)?.Exception;
        return $"{thrown?.GetType().Name}: {thrown?.Message} {thrown?.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Pinpoint", StringComparison.Ordinal))?.Trim()}";
    }

    internal static Task<KnownIds> KnownIdsAsync(PinpointApp app) => app.Scoped(async s =>
    {
        var db = s.GetRequiredService<PinpointDb>();
        var guids = new List<Guid>();
        guids.AddRange(await db.Bookings.Select(b => b.Id).Take(20).ToListAsync());
        guids.AddRange(await db.Therapists.Select(t => t.Id).Take(10).ToListAsync());
        var users = await db.Users.Select(u => u.Id).Take(20).ToListAsync();
        return new KnownIds(guids, users);
    });
}

/// <summary>Ids that exist, so generated requests reach past "not found" into the code that reads records.</summary>
public sealed record KnownIds(IReadOnlyList<Guid> Guids, IReadOnlyList<string> UserIds);

/// <summary>One generated HTTP request.</summary>
public sealed record FuzzRequest(HttpMethod Method, string Path, string? Body, string? ContentType)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Path);
        if (Body is not null)
        {
            message.Content = new StringContent(Body, Encoding.UTF8);
            message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(ContentType ?? "application/json");
        }

        message.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return message;
    }

    public override string ToString() =>
        $"{Method} {(Path.Length > 300 ? Path[..300] + "…" : Path)}{(Body is null ? "" : " " + (Body.Length > 400 ? Body[..400] + "…" : Body))}";
}

/// <summary>The awkward values a careless or hostile caller sends, by the OpenAPI type they pretend to be.</summary>
public sealed class FuzzValues(KnownIds ids)
{
    private static readonly string[] Instants =
    [
        "9999-12-31T23:59:59-18:00", "0001-01-01T00:00:00+18:00", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
        "2026-11-25T10:00:00+11:00", "2026-11-24T09:15:00+11:00", "2027-02-30T10:00:00+11:00", "2026-11-25T10:00:00",
        "2026-13-01T00:00:00Z", "not-a-time", "", "2026-11-25T10:00:00.1234567+11:00", "1970-01-01T00:00:00Z",
    ];

    private static readonly string[] Dates =
        ["9999-12-31", "0001-01-01", "2026-11-25", "2026-11-24", "2027-02-29", "2026-02-30", "20261125", "", "yesterday", "-0001-01-01"];

    private static readonly string[] Strings =
    [
        "", " ", "a", "myofascial", "temple-left", "headache", "desk", "any", "female", "Carlton 3053", "-37.8, 144.9",
        "null", "NaN", "Infinity", "-1", "0", "2147483648", "'; DROP TABLE Bookings; --", "<script>alert(1)</script>",
        "\u0000", "😀", "../../etc/passwd", new string('x', 5000), "%00", "${jndi:ldap://x}",
    ];

    private static readonly string[] Numbers =
        ["0", "-1", "1", "60", "90", "120", "2147483647", "-2147483648", "9223372036854775807", "1e308", "-1e308", "0.5", "NaN", "\"NaN\"", "\"Infinity\"", "null", "-37.8", "144.9", "91", "181"];

    public Gen<string> Instant { get; } = Gen.OneOf(Instants);

    public Gen<string> Date { get; } = Gen.OneOf(Dates);

    public Gen<string> Text { get; } = Gen.Frequency((4, Gen.OneOf(Strings)), (1, Gen.String[0, 40]));

    public Gen<string> NumberLiteral { get; } = Gen.OneOf(Numbers);

    public Gen<string> Id =>
        Gen.Frequency(
            (4, Gen.OneOf<Guid>(ids.Guids.Count == 0 ? [Guid.Empty] : [.. ids.Guids]).Select(g => g.ToString())),
            (1, Gen.Guid.Select(g => g.ToString())),
            (1, Gen.OneOf("0", "not-a-guid", "00000000-0000-0000-0000-000000000000", "-1", "")));

    public Gen<string> UserId =>
        Gen.Frequency(
            (4, Gen.OneOf<string>(ids.UserIds.Count == 0 ? ["x"] : [.. ids.UserIds])),
            (1, Gen.OneOf("", "x", new string('a', 500), "../admin")));

    /// <summary>A value for a path or query parameter of this schema, as text.</summary>
    public Gen<string> ForParameter(JsonNode? schema, string name)
    {
        var type = OpenApiOperations.TypeOf(schema);
        var format = schema?["format"]?.GetValue<string>();
        return (type, format) switch
        {
            (_, "uuid") => Id,
            (_, "date-time") => Gen.Frequency((3, Instant), (1, Text)),
            (_, "date") => Gen.Frequency((3, Date), (1, Text)),
            ("integer" or "number", _) => Gen.Frequency((3, NumberLiteral.Select(n => n.Trim('"'))), (1, Text)),
            ("boolean", _) => Gen.OneOf("true", "false", "", "2", "yes"),
            _ when name.Contains("userId", StringComparison.OrdinalIgnoreCase) => UserId,
            _ when name.Contains("date", StringComparison.OrdinalIgnoreCase) || name is "from" or "to" => Gen.Frequency((3, Date), (1, Instant), (1, Text)),
            _ when name is "start" or "end" => Gen.Frequency((3, Instant), (1, Text)),
            _ => Gen.Frequency((3, Text), (1, Instant), (1, Date), (1, Id)),
        };
    }

    /// <summary>A JSON value for a body schema: mostly shaped like the schema, with wrong types, nulls and extremes mixed in.</summary>
    public Gen<JsonNode?> ForBody(JsonNode? schema, JsonNode document, int depth = 0)
    {
        schema = OpenApiOperations.Resolve(schema, document);
        var shaped = Shaped(schema, document, depth);
        return depth > 4
            ? Gen.Const((JsonNode?)null)
            : Gen.Frequency(
                (12, shaped),
                (1, Gen.Const((JsonNode?)null)),
                (1, Text.Select(s => (JsonNode?)JsonValue.Create(s))),
                (1, NumberLiteral.Select(ParseLiteral)),
                (1, Gen.Const(() => (JsonNode?)new JsonArray())),
                (1, Gen.Const(() => (JsonNode?)new JsonObject())));
    }

    private Gen<JsonNode?> Shaped(JsonNode? schema, JsonNode document, int depth)
    {
        var type = OpenApiOperations.TypeOf(schema);
        var format = schema?["format"]?.GetValue<string>();
        switch (type)
        {
            case "object" or null when PropertiesOf(schema) is { } properties:
                var fields = properties.Select(p => (p.Key, Values: ForBody(p.Value, document, depth + 1))).ToList();
                return Gen.Bool.Array[fields.Count, fields.Count].SelectMany(present =>
                    Sequence(fields.Select((f, i) => present[i] || i % 3 == 0 ? f.Values.Select(v => (f.Key, (JsonNode?)v, true)) : Gen.Const((f.Key, (JsonNode?)null, false))).ToList())
                        .Select(pairs =>
                        {
                            var json = new JsonObject();
                            foreach (var (key, value, include) in pairs)
                            {
                                if (include)
                                {
                                    json[key] = value;
                                }
                            }

                            return (JsonNode?)json;
                        }));
            case "array":
                var item = ForBody(schema?["items"], document, depth + 1);
                return Gen.Frequency(
                    (6, item.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))),
                    (1, item.Array[200, 300].Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))));
            case "integer" or "number":
                return NumberLiteral.Select(ParseLiteral);
            case "boolean":
                return Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b));
            default:
                return format switch
                {
                    "date-time" => Instant.Select(s => (JsonNode?)JsonValue.Create(s)),
                    "date" => Date.Select(s => (JsonNode?)JsonValue.Create(s)),
                    "uuid" => Id.Select(s => (JsonNode?)JsonValue.Create(s)),
                    _ => Gen.Frequency((4, Text), (1, Instant), (1, Date), (1, Id)).Select(s => (JsonNode?)JsonValue.Create(s)),
                };
        }
    }

    private static JsonNode? ParseLiteral(string literal) =>
        literal is "NaN" or "Infinity" ? JsonValue.Create(literal) : JsonNode.Parse(literal);

    private static JsonObject? PropertiesOf(JsonNode? schema) => schema is JsonObject o && o["properties"] is JsonObject properties ? properties : null;

    private static Gen<List<T>> Sequence<T>(IReadOnlyList<Gen<T>> gens)
    {
        Gen<List<T>> result = Gen.Const(() => new List<T>());
        foreach (var gen in gens)
        {
            result = result.SelectMany(list => gen.Select(value => new List<T>(list) { value }));
        }

        return result;
    }
}

/// <summary>The operations of an OpenAPI 3 document and how to generate requests for each.</summary>
public sealed record OpenApiOperations(string Method, string Template, IReadOnlyList<(string Name, string In, JsonNode? Schema)> Parameters, JsonNode? BodySchema, string? BodyType, JsonNode Document)
{
    public static IReadOnlyList<OpenApiOperations> Read(JsonNode document)
    {
        var list = new List<OpenApiOperations>();
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description")
                {
                    continue;
                }

                var parameters = (operation!["parameters"]?.AsArray() ?? [])
                    .Select(p => Resolve(p, document)!)
                    .Select(p => (p["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["schema"]))
                    .ToList();
                var content = operation["requestBody"]?["content"]?.AsObject();
                var body = content?.FirstOrDefault();
                list.Add(new OpenApiOperations(method.ToUpperInvariant(), template, parameters, body?.Value?["schema"], body?.Key, document));
            }
        }

        return list;
    }

    public static string? TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray types => types.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t is not "null"),
        _ => null,
    };

    public static JsonNode? Resolve(JsonNode? schema, JsonNode document)
    {
        for (var i = 0; i < 10 && schema?["$ref"] is JsonValue reference; i++)
        {
            var path = reference.GetValue<string>().TrimStart('#', '/').Split('/');
            schema = path.Aggregate((JsonNode?)document, (node, part) => node?[part]);
        }

        return schema;
    }

    public Gen<FuzzRequest> Requests(FuzzValues values)
    {
        var parameterGens = Parameters
            .Where(p => p.In is "path" or "query")
            .Select(p => values.ForParameter(Resolve(p.Schema, Document), p.Name).Select(v => (p.Name, p.In, Value: v)))
            .ToList();
        var body = BodySchema is null
            ? Gen.Const((string?)null)
            : BodyType is "application/json" or null
                ? values.ForBody(BodySchema, Document).Select(b => b?.ToJsonString())
                : Gen.OneOf<string?>("", "garbage", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n");
        Gen<List<(string Name, string In, string Value)>> all = Gen.Const(() => new List<(string, string, string)>());
        foreach (var gen in parameterGens)
        {
            all = all.SelectMany(list => gen.Select(value => new List<(string, string, string)>(list) { value }));
        }

        return all.SelectMany(parameters => body.Select(b =>
        {
            var path = Template;
            var query = new List<string>();
            foreach (var (name, where, value) in parameters)
            {
                if (where == "path")
                {
                    // The in-memory test server refuses a NUL in the path before the app sees it (Kestrel answers 400).
                    var segment = value.Replace("\0", "", StringComparison.Ordinal).Replace("%00", "", StringComparison.Ordinal);
                    path = path.Replace("{" + name + "}", Uri.EscapeDataString(segment.Length == 0 ? "x" : segment), StringComparison.Ordinal);
                }
                else
                {
                    query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
                }
            }

            return new FuzzRequest(new HttpMethod(Method), query.Count == 0 ? path : $"{path}?{string.Join('&', query)}", b ?? (BodySchema is null ? null : ""), BodyType);
        }));
    }
}
