using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Pinpoint.Web.Data.Configurations;

/// <summary>Instants are stored as UTC <see cref="DateTime"/> (PostgreSQL: timestamptz).</summary>
public sealed class InstantConverter() : ValueConverter<Instant, DateTime>(
    instant => instant.ToDateTimeUtc(),
    value => Instant.FromDateTimeUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc)));

/// <summary>Calendar dates are stored as <see cref="DateOnly"/> (PostgreSQL: date).</summary>
public sealed class LocalDateConverter() : ValueConverter<LocalDate, DateOnly>(
    date => date.ToDateOnly(),
    value => LocalDate.FromDateOnly(value));

/// <summary>Wall-clock times are stored as <see cref="TimeOnly"/> (PostgreSQL: time).</summary>
public sealed class LocalTimeConverter() : ValueConverter<LocalTime, TimeOnly>(
    time => time.ToTimeOnly(),
    value => LocalTime.FromTimeOnly(value));
