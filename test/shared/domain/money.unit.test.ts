import { describe, expect, it } from 'vitest';
import { currencyDigits, toMajorUnits, toMinorUnits } from '../../../shared/domain/money.ts';

describe('money', () => {
  it('uses each currency’s own minor unit', () => {
    expect(currencyDigits('KRW')).toBe(0);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('USD')).toBe(2);
  });

  it('converts between minor and major units without drift', () => {
    expect(toMajorUnits(12_345, 'USD')).toBe(123.45);
    expect(toMajorUnits(180_000, 'KRW')).toBe(180_000);
    expect(toMinorUnits(0.1 + 0.2, 'USD')).toBe(30);
  });
});
