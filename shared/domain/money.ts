/**
 * Money is stored and computed in integer minor units (cents, or won for KRW) so that sums over
 * many nights never drift; it is shown to clients in major units with the currency's own digits.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

const digitsByCurrency = new Map<string, number>();

/** ISO 4217 fraction digits, from the runtime's own currency data (KRW/JPY 0, USD/EUR 2). */
export function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

export function toMajorUnits(amountMinor: number, currency: string): number {
  const digits = currencyDigits(currency);
  return Number((amountMinor / 10 ** digits).toFixed(digits));
}

export function toMinorUnits(amountMajor: number, currency: string): number {
  return Math.round(amountMajor * 10 ** currencyDigits(currency));
}
