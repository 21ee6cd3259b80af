import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { genericSignatureHeader } from '../../../../../local/simulators/pms/webhooks.ts';
import {
  cloudbedsTokenMatches,
  cloudbedsWebhookToken,
  matchesAnySecret,
  readSignatureHeader,
} from '../../../../../shared/use-cases/pms/webhooks/webhook-signature.ts';

const NOW = 1_767_225_600;
const BODY = Buffer.from('{"eventId":"evt_1","hotelId":"h"}');

function header(secrets: string[], t = NOW, body = BODY) {
  return genericSignatureHeader({ secrets, timestampSeconds: t, rawBody: body.toString('utf8') });
}

describe('readSignatureHeader', () => {
  it('reads t and every well-formed v1 of a header', () => {
    const h = readSignatureHeader(`${header(['a', 'b'])},v1=nothex,v0=${'0'.repeat(64)}`, NOW);

    expect(h.timestamp).toBe(String(NOW));
    expect(h.signatures).toHaveLength(2);
  });

  it.each([
    [undefined, 'missing_signature'],
    ['', 'missing_signature'],
    ['t=1767225600', 'malformed_signature'],
    [`v1=${'a'.repeat(64)}`, 'malformed_signature'],
    [`t=soon,v1=${'a'.repeat(64)}`, 'malformed_signature'],
    [`t=${NOW},v1=${'a'.repeat(63)}`, 'malformed_signature'],
    [`t=${NOW},${'v1=x,'.repeat(600)}`, 'malformed_signature'],
  ])('refuses %j as %s', (value, reason) => {
    expect(() => readSignatureHeader(value, NOW)).toThrow(expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID', reason }));
  });

  it('accepts t up to 300 s old and 60 s ahead, and refuses beyond as a replay', () => {
    expect(readSignatureHeader(header(['s'], NOW - 300), NOW).timestamp).toBe(String(NOW - 300));
    expect(readSignatureHeader(header(['s'], NOW + 60), NOW).timestamp).toBe(String(NOW + 60));
    expect(() => readSignatureHeader(header(['s'], NOW - 301), NOW)).toThrow(expect.objectContaining({ reason: 'stale_timestamp' }));
    expect(() => readSignatureHeader(header(['s'], NOW + 61), NOW)).toThrow(expect.objectContaining({ reason: 'future_timestamp' }));
  });
});

describe('matchesAnySecret', () => {
  it('matches HMAC-SHA256(secret, "<t>.<raw body>") computed independently', () => {
    const v1 = createHmac('sha256', 'whsec_x').update(`${NOW}.${BODY.toString('utf8')}`).digest('hex');

    expect(matchesAnySecret(readSignatureHeader(`t=${NOW},v1=${v1}`, NOW), BODY, ['whsec_x'])).toBe(true);
  });

  it('passes when any v1 matches any secret, as during a rotation', () => {
    const h = readSignatureHeader(header(['old', 'new']), NOW);

    expect(matchesAnySecret(h, BODY, ['new'])).toBe(true);
    expect(matchesAnySecret(h, BODY, ['other', 'old'])).toBe(true);
    expect(matchesAnySecret(h, BODY, ['other'])).toBe(false);
    expect(matchesAnySecret(h, BODY, [])).toBe(false);
  });

  it('fails for a changed body or a changed t', () => {
    const signed = header(['s']);

    expect(matchesAnySecret(readSignatureHeader(signed, NOW), Buffer.from(`${BODY.toString('utf8')} `), ['s'])).toBe(false);
    expect(matchesAnySecret(readSignatureHeader(signed.replace(`t=${NOW}`, `t=${NOW + 1}`), NOW), BODY, ['s'])).toBe(false);
  });
});

describe('cloudbedsWebhookToken', () => {
  it('is a deterministic per-config hex HMAC of the config id', () => {
    const token = cloudbedsWebhookToken('whsec_global_0123456789', 'pms_cloudbeds_318204');

    expect(token).toBe(createHmac('sha256', 'whsec_global_0123456789').update('pms_cloudbeds_318204').digest('hex'));
    expect(cloudbedsWebhookToken('whsec_global_0123456789', 'pms_cloudbeds_318205')).not.toBe(token);
    expect(cloudbedsTokenMatches(token, 'whsec_global_0123456789', 'pms_cloudbeds_318204')).toBe(true);
    expect(cloudbedsTokenMatches(token, 'whsec_global_0123456789', 'pms_cloudbeds_318205')).toBe(false);
    expect(cloudbedsTokenMatches(token.slice(1), 'whsec_global_0123456789', 'pms_cloudbeds_318204')).toBe(false);
  });
});
