/**
 * Secret-key authentication as Stripe does it: `Authorization: Bearer <key>` (or Basic with the
 * key as user name), and errors that name a key without revealing it.
 */

/** `sk_test_****************ator`: Stripe's way of naming a key in an error without revealing it. */
export function redactKey(key: string): string {
  if (key.length <= 12) return '*'.repeat(key.length);
  const prefix = key.startsWith('sk_test_') ? 'sk_test_' : key.startsWith('sk_live_') ? 'sk_live_' : '';
  return `${prefix}${'*'.repeat(Math.max(4, key.length - prefix.length - 4))}${key.slice(-4)}`;
}

export function presentedKey(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.split(' ', 2);
  if (!value) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.split(':', 1)[0];
  }
  return undefined;
}
