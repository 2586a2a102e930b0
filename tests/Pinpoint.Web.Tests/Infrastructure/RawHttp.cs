using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Pinpoint.Web.Tests.Infrastructure;

/// <summary>An HTTP/1.1 answer as it came off the wire: status, headers (names lower-cased) and the de-chunked body.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? ContentType => Headers.TryGetValue("content-type", out var type) ? type.Split(';')[0].Trim() : null;
}

/// <summary>
/// Sends bytes exactly as given over a TCP connection, for requests no HTTP client would send (a 40 kB address, a
/// broken chunked body, a bad request line), and reads one answer. The connection is closed after it.
/// </summary>
public static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri server, byte[] request)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(request, timeout.Token);
        }
        catch (IOException)
        {
            // The server may answer and close before it has read all of a request it refuses.
        }

        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, timeout.Token);
            }
            catch (IOException)
            {
                break; // reset after the answer
            }

            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
            if (Parse(received.ToArray()) is { } complete)
            {
                return complete;
            }
        }

        return Parse(received.ToArray()) ?? throw new InvalidOperationException($"No complete answer: {Encoding.Latin1.GetString(received.ToArray())}");
    }

    /// <summary>A GET of <paramref name="target"/> with <paramref name="headers"/> (each "Name: value").</summary>
    public static byte[] Get(string target, params string[] headers) =>
        Encoding.Latin1.GetBytes($"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n");

    /// <summary>A POST of a JSON body with its Content-Length.</summary>
    public static byte[] PostJson(string target, string body) =>
        Encoding.Latin1.GetBytes($"POST {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n" +
            $"Content-Length: {Encoding.UTF8.GetByteCount(body).ToString(CultureInfo.InvariantCulture)}\r\n\r\n").Concat(Encoding.UTF8.GetBytes(body)).ToArray();

    private static RawResponse? Parse(byte[] data)
    {
        var text = Encoding.Latin1.GetString(data);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim(), StringComparer.Ordinal);
        var rest = data.AsSpan(Encoding.Latin1.GetByteCount(text[..(end + 4)]));
        if (headers.TryGetValue("content-length", out var length))
        {
            var size = int.Parse(length, CultureInfo.InvariantCulture);
            return rest.Length >= size ? new RawResponse(status, headers, Encoding.UTF8.GetString(rest[..size])) : null;
        }

        if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return Dechunk(rest) is { } body ? new RawResponse(status, headers, body) : null;
        }

        return new RawResponse(status, headers, ""); // no body announced
    }

    private static string? Dechunk(ReadOnlySpan<byte> data)
    {
        var body = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = data[position..].IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return null;
            }

            var size = int.Parse(Encoding.Latin1.GetString(data.Slice(position, lineEnd)).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            position += lineEnd + 2;
            if (size == 0)
            {
                return Encoding.UTF8.GetString(body.ToArray());
            }

            if (data.Length < position + size + 2)
            {
                return null;
            }

            body.Write(data.Slice(position, size));
            position += size + 2;
        }
    }
}
