import { describe, expect, it } from 'vitest';
import { FormBodyError, canonicalJson, parseStripeForm } from '../../../../local/simulators/payment/stripe-form-body.ts';

describe('parseStripeForm', () => {
  it('reads nested objects and indexed arrays the way the stripe SDK writes them', () => {
    // Prepare: a body as stripe-node encodes `{ metadata: { bookingId }, allowed_payment_method_types: ['card'] }`.
    const body =
      'amount=180000&currency=krw&metadata[bookingId]=bk_1&allowed_payment_method_types[0]=card' +
      '&automatic_payment_methods[enabled]=false&description=Two%20nights%20%26%20breakfast';

    // Act
    const parsed = parseStripeForm(body);

    // Assess
    expect(parsed).toEqual({
      amount: '180000',
      currency: 'krw',
      metadata: { bookingId: 'bk_1' },
      allowed_payment_method_types: ['card'],
      automatic_payment_methods: { enabled: 'false' },
      description: 'Two nights & breakfast',
    });
  });

  it('accepts percent-encoded brackets too', () => {
    expect(parseStripeForm('metadata%5BbookingId%5D=b2')).toEqual({ metadata: { bookingId: 'b2' } });
  });

  it('rejects keys that would reach the prototype', () => {
    expect(() => parseStripeForm('__proto__[polluted]=1')).toThrow(FormBodyError);
    expect(() => parseStripeForm('metadata[constructor]=1')).toThrow(FormBodyError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects a key used both as a value and as a container', () => {
    expect(() => parseStripeForm('metadata=x&metadata[a]=1')).toThrow(FormBodyError);
  });
});

describe('canonicalJson', () => {
  it('gives the same text for the same parameters in any order', () => {
    expect(canonicalJson({ b: '1', a: { y: '2', x: ['c'] } })).toBe(canonicalJson({ a: { x: ['c'], y: '2' }, b: '1' }));
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: '2' }));
  });
});
