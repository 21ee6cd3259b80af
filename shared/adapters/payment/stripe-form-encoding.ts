/**
 * Stripe's v1 request encoding: `application/x-www-form-urlencoded`, with nested objects and
 * arrays written as bracketed keys (`metadata[bookingId]=bk_1`, `expand[0]=data.latest_charge`,
 * `created[gte]=1767225600`), the same for POST bodies and GET query strings. The brackets stay
 * literal, as the official SDKs send them; every name and value is percent-encoded.
 */

/** A parameter value as we build them: what Stripe's form format can carry. */
export type StripeParamValue = string | number | boolean | null | undefined | readonly StripeParamValue[] | StripeParams;
export interface StripeParams {
  readonly [key: string]: StripeParamValue;
}

function encodePart(text: string): string {
  return encodeURIComponent(text);
}

function append(pairs: string[], key: string, value: StripeParamValue): void {
  // `undefined` means "not sent"; Stripe reads an empty value as "unset", which is what `null` asks for.
  if (value === undefined) return;
  if (value === null) {
    pairs.push(`${key}=`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item: StripeParamValue, index: number) => append(pairs, `${key}[${index}]`, item));
    return;
  }
  if (typeof value === 'object') {
    for (const [name, nested] of Object.entries(value as StripeParams)) append(pairs, `${key}[${encodePart(name)}]`, nested);
    return;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError(`Stripe parameter ${key} is not a finite number`);
  }
  pairs.push(`${key}=${encodePart(String(value))}`);
}

/**
 * Encodes `params` as Stripe expects them: `{ metadata: { bookingId: 'bk 1' }, types: ['card'] }`
 * becomes `metadata[bookingId]=bk%201&types[0]=card`. Keys keep their insertion order.
 */
export function encodeStripeForm(params: StripeParams): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(params)) append(pairs, encodePart(name), value);
  return pairs.join('&');
}
