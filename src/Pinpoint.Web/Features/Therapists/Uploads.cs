using System.Globalization;
using System.Security.Cryptography;
using NodaTime;

namespace Pinpoint.Web.Features.Therapists;

/// <summary>What one kind of upload accepts: the types recognised by their first bytes, never by the name or the browser's say-so.</summary>
public sealed record UploadRule(StoredFileKind Kind, long MaxBytes, string Description, IReadOnlyList<UploadRule.Signature> Types)
{
    public sealed record Signature(string ContentType, string Extension, Func<ReadOnlyMemory<byte>, bool> Matches);

    public string Accept => string.Join(',', Types.Select(t => t.ContentType));
}

public static class Uploads
{
    private static readonly UploadRule.Signature Jpeg = new("image/jpeg", ".jpg", b => b.Span is [0xFF, 0xD8, 0xFF, ..]);
    private static readonly UploadRule.Signature Png = new("image/png", ".png", b => b.Span is [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..]);
    private static readonly UploadRule.Signature Webp = new("image/webp", ".webp",
        b => b.Length >= 12 && b.Span[..4].SequenceEqual("RIFF"u8) && b.Span[8..12].SequenceEqual("WEBP"u8));
    private static readonly UploadRule.Signature Pdf = new("application/pdf", ".pdf", b => b.Span.StartsWith("%PDF-"u8));

    public static UploadRule Photo { get; } = new(StoredFileKind.Photo, 2 * 1024 * 1024, "a JPEG, PNG or WebP image", [Jpeg, Png, Webp]);

    public static UploadRule CredentialDocument { get; } = new(StoredFileKind.CredentialDocument, 5 * 1024 * 1024, "a PDF, JPEG or PNG file", [Pdf, Jpeg, Png]);

    /// <summary>
    /// Reads and checks an upload. Returns the file to store, or a message for the person: nothing is stored on
    /// failure. At most <see cref="UploadRule.MaxBytes"/> + 1 bytes are read, so an oversized upload is not buffered.
    /// </summary>
    public static async Task<(StoredFile? File, string? Error)> ReadAsync(
        IFormFile? upload, UploadRule rule, string ownerUserId, Instant now, CancellationToken cancellationToken)
    {
        if (upload is null || upload.Length == 0)
        {
            return (null, $"Choose a file: {rule.Description}, up to {Megabytes(rule.MaxBytes)}.");
        }

        if (upload.Length > rule.MaxBytes)
        {
            return (null, $"The file is {Megabytes(upload.Length)}; the limit is {Megabytes(rule.MaxBytes)}.");
        }

        using var buffer = new MemoryStream();
        await using (var stream = upload.OpenReadStream())
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > rule.MaxBytes)
                {
                    return (null, $"The file is larger than {Megabytes(rule.MaxBytes)}.");
                }
            }
        }

        var content = buffer.ToArray();
        if (content.Length == 0)
        {
            return (null, $"The file is empty. Choose {rule.Description}.");
        }

        var type = rule.Types.FirstOrDefault(t => t.Matches(content));
        if (type is null)
        {
            return (null, $"That file is not {rule.Description}.");
        }

        var name = Path.GetFileNameWithoutExtension(Path.GetFileName(upload.FileName ?? ""));
        name = new string([.. name.Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ' or '.')]).Trim();
        return (new StoredFile
        {
            Id = Guid.CreateVersion7(now.ToDateTimeOffset()),
            OwnerUserId = ownerUserId,
            Kind = rule.Kind,
            ContentType = type.ContentType,
            FileName = (name.Length == 0 ? rule.Kind.ToString().ToLowerInvariant() : name[..Math.Min(name.Length, 200)]) + type.Extension,
            Length = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Content = content,
            UploadedAt = now,
        }, null);
    }

    private static string Megabytes(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB");
}
