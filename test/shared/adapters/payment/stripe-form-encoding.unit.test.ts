import { describe, expect, it } from 'vitest';
import { encodeStripeForm } from '../../../../shared/adapters/payment/stripe-form-encoding.ts';
import { parseStripeForm } from '../../../../local/simulators/payment/stripe-form-body.ts';

describe('encodeStripeForm', () => {
  it('writes nested objects and arrays with brackets, the way Stripe reads them', () => {
    // Act
    const body = encodeStripeForm({
      amount: 180000,
      currency: 'krw',
      confirm: true,
      allowed_payment_method_types: ['card'],
      metadata: { bookingId: 'bk_1', purpose: 'checkout' },
    });

    // Assess
    expect(body).toBe(
      'amount=180000&currency=krw&confirm=true&allowed_payment_method_types[0]=card&metadata[bookingId]=bk_1&metadata[purpose]=checkout',
    );
  });

  it('writes the nested filters of list requests', () => {
    expect(encodeStripeForm({ created: { gte: 1767225600 }, limit: 100, expand: ['data.latest_charge'] })).toBe(
      'created[gte]=1767225600&limit=100&expand[0]=data.latest_charge',
    );
  });

  it('percent-encodes names and values, so no value can add a parameter', () => {
    // Act
    const body = encodeStripeForm({ description: 'Two nights & breakfast=yes', metadata: { 'odd key&x=1': 'a+b %' } });

    // Assess
    expect(body).toBe('description=Two%20nights%20%26%20breakfast%3Dyes&metadata[odd%20key%26x%3D1]=a%2Bb%20%25');
    expect(parseStripeForm(body)).toEqual({ description: 'Two nights & breakfast=yes', metadata: { 'odd key&x=1': 'a+b %' } });
  });

  it('encodes a search query whole, quotes and brackets included', () => {
    const body = encodeStripeForm({ query: "metadata['bookingId']:'bk_1' AND status:'requires_capture'" });
    expect(new URLSearchParams(body).get('query')).toBe("metadata['bookingId']:'bk_1' AND status:'requires_capture'");
  });

  it('leaves out undefined values and sends null as empty (Stripe\'s "unset")', () => {
    expect(encodeStripeForm({ a: undefined, b: null, c: 'x' })).toBe('b=&c=x');
  });

  it('round-trips through the simulator\'s parser for deep nesting', () => {
    const params = { payment_method_options: { card: { request_three_d_secure: 'any' } }, items: [{ id: 'a' }, { id: 'b' }] };
    expect(parseStripeForm(encodeStripeForm(params))).toEqual(params);
  });

  it('refuses a number Stripe cannot read', () => {
    expect(() => encodeStripeForm({ amount: Number.NaN })).toThrow(TypeError);
  });
});
