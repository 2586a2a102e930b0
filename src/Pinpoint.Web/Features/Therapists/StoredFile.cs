using NodaTime;

namespace Pinpoint.Web.Features.Therapists;

public enum StoredFileKind
{
    Photo = 1,
    CredentialDocument = 2,
}

/// <summary>
/// An uploaded file, kept in the database so both providers, backups and deletes treat it like any other row.
/// Files are small (photos ≤ 2 MB, documents ≤ 5 MB); the bytes are loaded only when the file is served.
/// </summary>
public sealed class StoredFile
{
    public Guid Id { get; init; }

    public required string OwnerUserId { get; init; }

    public required StoredFileKind Kind { get; init; }

    public required string ContentType { get; init; }

    public required string FileName { get; init; }

    public required long Length { get; init; }

    /// <summary>Lower-case hex SHA-256 of the content: the ETag, and a way to spot the same file uploaded twice.</summary>
    public required string Sha256 { get; init; }

    public required byte[] Content { get; init; }

    public required Instant UploadedAt { get; init; }
}
