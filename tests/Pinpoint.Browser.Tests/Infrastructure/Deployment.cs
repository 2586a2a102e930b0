using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pinpoint.Browser.Tests.Infrastructure;

/// <summary>
/// The deployment <c>./test.sh</c> stands up after the build: the app in Production as its own process (or processes)
/// on PostgreSQL, behind nginx terminating TLS with a self-signed certificate. Nothing here starts it; a test that
/// needs it fails, never skips, when the variables naming it are missing.
/// </summary>
public sealed class Deployment
{
    private readonly byte[] _certificateHash;

    private Deployment(Uri proxy, IReadOnlyList<Uri> nodes, string mailDirectory, int anonymousPermits, byte[] certificateHash,
        string controlDirectory, string database)
    {
        ControlDirectory = controlDirectory;
        Database = database;
        Proxy = proxy;
        Nodes = nodes;
        MailDirectory = mailDirectory;
        AnonymousPermitsPerMinute = anonymousPermits;
        _certificateHash = certificateHash;
    }

    /// <summary>Where people reach the app: nginx, e.g. <c>https://pinpoint.localhost:43123</c>.</summary>
    public Uri Proxy { get; }

    /// <summary>The app processes behind it, over plain HTTP on loopback.</summary>
    public IReadOnlyList<Uri> Nodes { get; }

    /// <summary>The nodes' <c>Email:PickupDirectory</c>: one <c>.eml</c> file per message sent.</summary>
    public string MailDirectory { get; }

    /// <summary>The nodes' <c>RateLimits:AnonymousPermitsPerMinute</c>, set low so a test can reach it.</summary>
    public int AnonymousPermitsPerMinute { get; }

    /// <summary>
    /// Where ./test.sh keeps each node's command (<c>node1.sh</c>), process id (<c>node1.pid</c>) and log (<c>node1.log</c>).
    /// </summary>
    public string ControlDirectory { get; }

    /// <summary>The nodes' PostgreSQL database, for checks no endpoint answers (how many rows, how often sent).</summary>
    public string Database { get; }

    public async Task<Npgsql.NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new Npgsql.NpgsqlConnection(Database);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Every node's log so far (read while the nodes write on).</summary>
    public IEnumerable<string> NodeLogs()
    {
        for (var n = 1; n <= Nodes.Count; n++)
        {
            using var stream = new FileStream(Path.Combine(ControlDirectory, $"node{n}.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            yield return reader.ReadToEnd();
        }
    }

    public static Deployment FromEnvironment()
    {
        static string Required(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: these tests drive the app deployed behind nginx, which ./test.sh starts after the build " +
                "(see docs/architecture.md, Tests). Run ./test.sh, or start the deployment the same way and export " +
                "PINPOINT_TEST_PROXY, PINPOINT_TEST_PROXY_CERT, PINPOINT_TEST_NODES, PINPOINT_TEST_MAIL, PINPOINT_TEST_ANONYMOUS_PERMITS, " +
                "PINPOINT_TEST_NODE_CONTROL and PINPOINT_TEST_DEPLOY_DATABASE.");

        var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Required("PINPOINT_TEST_PROXY_CERT")));
        return new Deployment(
            new Uri(Required("PINPOINT_TEST_PROXY")),
            [.. Required("PINPOINT_TEST_NODES").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => new Uri(n))],
            Required("PINPOINT_TEST_MAIL"),
            int.Parse(Required("PINPOINT_TEST_ANONYMOUS_PERMITS"), CultureInfo.InvariantCulture),
            certificate.GetCertHash(HashAlgorithmName.SHA256),
            Required("PINPOINT_TEST_NODE_CONTROL"),
            Required("PINPOINT_TEST_DEPLOY_DATABASE"));
    }

    /// <summary>A loopback address other than 127.0.0.1 (which nginx uses and the nodes trust), new for each call.</summary>
    public static IPAddress NewLoopbackAddress() =>
        new([127, (byte)Random.Shared.Next(2, 255), (byte)Random.Shared.Next(0, 256), (byte)Random.Shared.Next(1, 255)]);

    /// <summary>
    /// An HTTP client whose connections leave from <paramref name="source"/> (Linux routes all of 127.0.0.0/8 to
    /// loopback), so the app and nginx see a caller of the test's choosing. It trusts exactly the proxy's certificate,
    /// follows no redirects and keeps no cookies.
    /// </summary>
    public HttpClient Client(Uri baseAddress, IPAddress source)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                // pinpoint.localhost is loopback (RFC 6761); the deployment listens on 127.0.0.1 only.
                var target = IPAddress.TryParse(context.DnsEndPoint.Host, out var address) ? address : IPAddress.Loopback;
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(new IPEndPoint(target, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(_certificateHash);
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }
}
