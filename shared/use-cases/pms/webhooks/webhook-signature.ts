import { createHmac, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_MAX_AGE_SECONDS, SIGNATURE_MAX_FUTURE_SECONDS } from '#domain/webhook.ts';
import { WebhookSignatureInvalidError } from '#domain/webhook-errors.ts';

/**
 * Authentication of PMS webhooks, on the raw bytes, before any JSON is trusted.
 *
 * Generic protocol (docs/generic-pms-protocol.md §5.2): `x-pms-signature: t=<unix>,v1=<hex>[,v1=<hex>...]`
 * where each `v1` is HMAC-SHA256(secret, "<t>.<raw body>"). Any `v1` matching any of our secrets
 * passes, which is how a secret is rotated; comparisons are constant-time.
 *
 * Cloudbeds does not sign its deliveries, so the URL we give it carries a token. The token is
 * derived, not stored: HMAC-SHA256(PMS_WEBHOOK_SECRET, configId), so it is different for every
 * config, can be shown again at any time (`cloudbedsWebhookToken`), and changes for every config
 * at once when the secret is rotated.
 */
export interface SignatureHeader {
  /** `t` exactly as sent: the signed string starts with it. */
  timestamp: string;
  /** Every well-formed `v1`, decoded (32 bytes each). */
  signatures: Buffer[];
}

const MAX_HEADER_LENGTH = 2048;

/**
 * Reads `x-pms-signature` and checks its replay window. Throws `WebhookSignatureInvalidError` when
 * the header is missing or malformed, or `t` is older than 300 s or more than 60 s ahead of `nowSeconds`.
 */
export function readSignatureHeader(header: string | undefined, nowSeconds: number): SignatureHeader {
  if (header === undefined || header.trim() === '') {
    throw new WebhookSignatureInvalidError('missing_signature', 'The x-pms-signature header is missing.');
  }
  if (header.length > MAX_HEADER_LENGTH) {
    throw new WebhookSignatureInvalidError('malformed_signature', 'The x-pms-signature header is not of the form t=<unix>,v1=<hex>.');
  }
  let timestamp: string | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't' && timestamp === undefined) timestamp = value;
    if (key === 'v1' && /^[0-9a-fA-F]{64}$/.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp) || signatures.length === 0) {
    throw new WebhookSignatureInvalidError('malformed_signature', 'The x-pms-signature header is not of the form t=<unix>,v1=<hex>.');
  }
  const age = nowSeconds - Number(timestamp);
  if (age > SIGNATURE_MAX_AGE_SECONDS) {
    throw new WebhookSignatureInvalidError('stale_timestamp', `The signature timestamp is more than ${SIGNATURE_MAX_AGE_SECONDS} s old; sign each delivery when it is sent.`);
  }
  if (-age > SIGNATURE_MAX_FUTURE_SECONDS) {
    throw new WebhookSignatureInvalidError('future_timestamp', `The signature timestamp is more than ${SIGNATURE_MAX_FUTURE_SECONDS} s in the future; check the sender's clock.`);
  }
  return { timestamp, signatures };
}

/** True when any signature of the header is HMAC-SHA256(secret, "<t>.<raw body>") for any of `secrets`. */
export function matchesAnySecret(header: SignatureHeader, rawBody: Buffer, secrets: readonly string[]): boolean {
  const signed = Buffer.concat([Buffer.from(`${header.timestamp}.`, 'utf8'), rawBody]);
  let matched = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(signed).digest();
    // Every candidate is compared, match or not, so timing says nothing about which one matched.
    for (const candidate of header.signatures) {
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) matched = true;
    }
  }
  return matched;
}

/** The secret token of a config's Cloudbeds webhook URL (`...?token=<this>`): hex HMAC-SHA256(secret, configId). */
export function cloudbedsWebhookToken(secret: string, configId: string): string {
  return createHmac('sha256', secret).update(configId, 'utf8').digest('hex');
}

/** Constant-time check of a Cloudbeds URL token. */
export function cloudbedsTokenMatches(token: string, secret: string, configId: string): boolean {
  const expected = Buffer.from(cloudbedsWebhookToken(secret, configId), 'utf8');
  const given = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
