using System.Globalization;

namespace Pinpoint.Core.Catalogue;

/// <summary>
/// An amount in one currency. Amounts are never negative and carry at most two decimal places; the currency is
/// an ISO 4217 code in upper case.
/// </summary>
public readonly record struct Money
{
    public Money(decimal amount, string currency)
    {
        if (amount < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "An amount cannot be negative.");
        }

        if (decimal.Round(amount, 2) != amount)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "An amount has at most two decimal places.");
        }

        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException("A currency is a three-letter ISO 4217 code in upper case.", nameof(currency));
        }

        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }

    public string Currency { get; }

    public Money Add(Money other)
    {
        if (!string.Equals(Currency, other.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot add {other.Currency} to {Currency}.");
        }

        return new Money(Amount + other.Amount, Currency);
    }

    /// <summary>This amount less <paramref name="other"/>; an amount cannot go below zero.</summary>
    public Money Subtract(Money other)
    {
        if (!string.Equals(Currency, other.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot subtract {other.Currency} from {Currency}.");
        }

        return new Money(Amount - other.Amount, Currency);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount:0.00} {Currency}");
}
