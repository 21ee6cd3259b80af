import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../../../../shared/domain/errors.ts';
import { pmsConfigIdFor, type PmsConfig } from '../../../../../shared/domain/pms-config.ts';
import { MAX_WEBHOOK_BODY_BYTES, webhookSecretContext } from '../../../../../shared/domain/webhook.ts';
import {
  PayloadTooLargeError,
  WebhookQueueUnavailableError,
  WebhookSignatureInvalidError,
  WebhookVendorNotSupportedError,
} from '../../../../../shared/domain/webhook-errors.ts';
import { receivePmsWebhook } from '../../../../../shared/use-cases/pms/webhooks/receive-pms-webhook.use-case.ts';
import { cloudbedsWebhookToken } from '../../../../../shared/use-cases/pms/webhooks/webhook-signature.ts';
import { fakeClock } from '../../../../support/fakes/clock.fake.ts';
import { FakePmsConfigRepository } from '../../../../support/fakes/pms-config.repository.fake.ts';
import { FakeSecretCipher } from '../../../../support/fakes/secret-cipher.fake.ts';
import { FakeWebhookEventRepository } from '../../../../support/fakes/webhook-event.repository.fake.ts';
import { FakeWebhookQueue } from '../../../../support/fakes/webhook-queue.fake.ts';
import { aPmsConfig } from '../../../../support/fixtures.ts';

const NOW = '2026-03-01T10:00:00.000Z';
const NOW_SECONDS = Date.parse(NOW) / 1000;
const FALLBACK = 'whsec_fallback_secret_0123456789';
const OWN = 'whsec_busan_own_secret_98765';
const SEALED = { v: 1 as const, wrappedKey: 'w', keyId: 'fake', iv: 'i', tag: 't', ciphertext: 'c' };

async function setup(options: { fallback?: boolean } = {}) {
  const clock = fakeClock(NOW);
  const webhookEvents = new FakeWebhookEventRepository();
  const queue = new FakeWebhookQueue();
  const pmsConfigs = new FakePmsConfigRepository();
  const cipher = new FakeSecretCipher();
  const config = (vendor: 'generic' | 'cloudbeds', pmsHotelId: string, extra: Partial<PmsConfig> = {}) =>
    aPmsConfig({ configId: pmsConfigIdFor(vendor, pmsHotelId), hotelId: `h_${pmsHotelId}`, vendor, pmsHotelId, apiBaseUrl: 'https://pms.example', credentials: SEALED, ...extra });
  await pmsConfigs.put(config('generic', 'jeju'));
  await pmsConfigs.put(config('generic', 'busan', { webhookSecret: await cipher.seal(OWN, webhookSecretContext(pmsConfigIdFor('generic', 'busan'))) }));
  await pmsConfigs.put(config('generic', 'quiet', { webhookEnabled: false }));
  await pmsConfigs.put(config('cloudbeds', '318204'));
  const deps = {
    webhookEvents,
    queue,
    pmsConfigs,
    openSecret: (sealed: typeof SEALED, context: Record<string, string>) => cipher.open(sealed, context),
    ...(options.fallback === false ? {} : { fallbackSecret: FALLBACK }),
    clock,
  };
  return { clock, webhookEvents, queue, deps };
}

function inventoryEvent(extra: Record<string, unknown> = {}) {
  return {
    eventId: 'evt_1',
    eventType: 'inventory_update',
    hotelId: 'jeju',
    roomTypeId: 'ocean-double',
    timestamp: NOW,
    data: { inventory: [{ date: '2026-03-10', total: 5 }] },
    ...extra,
  };
}

function signed(body: unknown, options: { secret?: string; t?: number } = {}) {
  const rawBody = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const t = options.t ?? NOW_SECONDS;
  const v1 = createHmac('sha256', options.secret ?? FALLBACK).update(`${t}.`).update(rawBody).digest('hex');
  return { vendor: 'generic', rawBody, headers: { 'x-pms-signature': `t=${t},v1=${v1}` } };
}

describe('receivePmsWebhook, generic', () => {
  it('stores a signed event once, as received, and queues a pointer to it', async () => {
    // Prepare
    const { deps, webhookEvents, queue } = await setup();
    const input = signed(inventoryEvent());

    // Act
    const result = await receivePmsWebhook(deps, input);

    // Assess
    expect(result).toEqual({ outcome: 'accepted', vendor: 'generic', eventId: 'evt_1' });
    expect(await webhookEvents.get('generic', 'evt_1')).toEqual({
      vendor: 'generic',
      eventId: 'evt_1',
      eventType: 'inventory_update',
      pmsHotelId: 'jeju',
      roomTypeId: 'ocean-double',
      configId: 'pms_generic_jeju',
      payload: input.rawBody.toString('utf8'),
      receivedAt: NOW,
      queuedAt: NOW,
      status: 'RECEIVED',
      attempts: 0,
    });
    expect(queue.messages).toEqual([{ vendor: 'generic', eventId: 'evt_1' }]);
  });

  it('recognises a redelivery as a duplicate and queues nothing more', async () => {
    const { deps, queue } = await setup();
    await receivePmsWebhook(deps, signed(inventoryEvent()));

    const again = await receivePmsWebhook(deps, signed(inventoryEvent()));

    expect(again.outcome).toBe('duplicate');
    expect(queue.messages).toHaveLength(1);
  });

  it.each([
    ['a wrong secret', () => signed(inventoryEvent(), { secret: 'whsec_not_ours' }), 'signature_mismatch'],
    ['a tampered body', () => ({ ...signed(inventoryEvent()), rawBody: Buffer.from(JSON.stringify(inventoryEvent({ data: { inventory: [{ date: '2026-03-10', total: 99 }] } }))) }), 'signature_mismatch'],
    ['no signature', () => ({ ...signed(inventoryEvent()), headers: {} }), 'missing_signature'],
    ['a signature 301 s old by our clock', () => signed(inventoryEvent(), { t: NOW_SECONDS - 301 }), 'stale_timestamp'],
    ['a signature 61 s ahead of our clock', () => signed(inventoryEvent(), { t: NOW_SECONDS + 61 }), 'future_timestamp'],
    ['the fallback secret for a hotel with its own', () => signed(inventoryEvent({ hotelId: 'busan' })), 'signature_mismatch'],
  ])('refuses %s as unauthenticated and stores nothing', async (_what, input, reason) => {
    const { deps, webhookEvents, queue } = await setup();

    const error = await receivePmsWebhook(deps, input()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WebhookSignatureInvalidError);
    expect((error as WebhookSignatureInvalidError).reason).toBe(reason);
    expect(webhookEvents.all()).toEqual([]);
    expect(queue.messages).toEqual([]);
  });

  it('accepts a signature exactly 300 s old by the injected clock', async () => {
    const { deps } = await setup();

    expect((await receivePmsWebhook(deps, signed(inventoryEvent(), { t: NOW_SECONDS - 300 }))).outcome).toBe('accepted');
  });

  it('verifies a hotel with its own secret against that secret', async () => {
    const { deps } = await setup();

    const result = await receivePmsWebhook(deps, signed(inventoryEvent({ hotelId: 'busan' }), { secret: OWN }));

    expect(result.outcome).toBe('accepted');
  });

  it('refuses everything when no secret is configured at all', async () => {
    const { deps } = await setup({ fallback: false });

    await expect(receivePmsWebhook(deps, signed(inventoryEvent()))).rejects.toMatchObject({ reason: 'no_secret' });
  });

  it('answers 400 to a body that is not JSON, and to a signed event that is not valid, naming the fields', async () => {
    const { deps, webhookEvents } = await setup();

    const notJson = await receivePmsWebhook(deps, signed('{"eventId":')).catch((e: unknown) => e);
    const invalid = await receivePmsWebhook(deps, signed(inventoryEvent({ data: { inventory: [{ date: '2026-02-30', total: -1 }] } }))).catch((e: unknown) => e);

    expect(notJson).toBeInstanceOf(BadRequestError);
    expect(invalid).toBeInstanceOf(BadRequestError);
    expect((invalid as BadRequestError).details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'body.data.inventory.0.date' }), expect.objectContaining({ field: 'body.data.inventory.0.total' })]),
    );
    expect(webhookEvents.all()).toEqual([]);
  });

  it.each([
    ['an event type we do not act on', inventoryEvent({ eventType: 'housekeeping_update', data: {} }), 'not one we act on'],
    ['a config with webhooks turned off', inventoryEvent({ hotelId: 'quiet' }), 'turned off'],
  ])('keeps %s as IGNORED, without queueing it', async (_what, event, note) => {
    const { deps, webhookEvents, queue } = await setup();

    const result = await receivePmsWebhook(deps, signed(event));

    expect(result.outcome).toBe('ignored');
    expect((await webhookEvents.get('generic', 'evt_1'))).toMatchObject({ status: 'IGNORED', note: expect.stringContaining(note) });
    expect(queue.messages).toEqual([]);
  });

  it('an event the queue refused stays stored in the outbox; the PMS\'s retry queues it, and the next one is a duplicate', async () => {
    // Prepare
    const { deps, webhookEvents, queue } = await setup();
    queue.failures.arm('enqueue', new Error('SQS unavailable'));

    // Act
    const error = await receivePmsWebhook(deps, signed(inventoryEvent())).catch((e: unknown) => e);
    const inOutbox = await webhookEvents.listUnqueued(new Date('2030-01-01T00:00:00Z'), 10);
    const retry = await receivePmsWebhook(deps, signed(inventoryEvent()));
    const again = await receivePmsWebhook(deps, signed(inventoryEvent()));

    // Assess
    expect(error).toBeInstanceOf(WebhookQueueUnavailableError);
    expect(inOutbox.map((e) => e.eventId)).toEqual(['evt_1']);
    expect(retry.outcome).toBe('accepted');
    expect(again.outcome).toBe('duplicate');
    expect(queue.messages).toEqual([{ vendor: 'generic', eventId: 'evt_1' }]);
    expect(webhookEvents.all()).toEqual([expect.objectContaining({ status: 'RECEIVED', queuedAt: NOW })]);
  });

  it('a redelivery of an event stored before a crash, never queued, is queued instead of answered as a duplicate', async () => {
    // Prepare: the receiver died between the put and the enqueue.
    const { deps, webhookEvents, queue } = await setup();
    await webhookEvents.create({ vendor: 'generic', eventId: 'evt_1', eventType: 'inventory_update', pmsHotelId: 'jeju', payload: '{}', receivedAt: NOW, status: 'RECEIVED', attempts: 0 });

    // Act
    const redelivery = await receivePmsWebhook(deps, signed(inventoryEvent()));

    // Assess
    expect(redelivery.outcome).toBe('accepted');
    expect(queue.messages).toEqual([{ vendor: 'generic', eventId: 'evt_1' }]);
    expect((await webhookEvents.get('generic', 'evt_1'))?.queuedAt).toBe(NOW);
  });
});

describe('receivePmsWebhook, vendors and limits', () => {
  it.each(['opera', 'mews'])('has no endpoint for %s (404)', async (vendor) => {
    const { deps } = await setup();

    const error = await receivePmsWebhook(deps, { ...signed(inventoryEvent()), vendor }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WebhookVendorNotSupportedError);
    expect((error as WebhookVendorNotSupportedError).code).toBe('NOT_FOUND');
  });

  it('refuses a body over the limit before verifying anything (413)', async () => {
    const { deps } = await setup();

    const error = await receivePmsWebhook(deps, { vendor: 'generic', rawBody: Buffer.alloc(MAX_WEBHOOK_BODY_BYTES + 1, 'a'), headers: {} }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PayloadTooLargeError);
  });
});

describe('receivePmsWebhook, Cloudbeds', () => {
  const configId = pmsConfigIdFor('cloudbeds', '318204');
  const payload = { version: '1.0', event: 'reservation/created', timestamp: 1772359200.123, propertyID: 318204, reservationID: 'R77' };
  const delivery = (token?: string, body: unknown = payload) => ({ vendor: 'cloudbeds', rawBody: Buffer.from(JSON.stringify(body)), headers: {}, ...(token ? { token } : {}) });

  it('accepts a delivery whose URL token is the one derived for the property\'s config', async () => {
    const { deps, webhookEvents, queue } = await setup();

    const result = await receivePmsWebhook(deps, delivery(cloudbedsWebhookToken(FALLBACK, configId)));

    expect(result).toEqual({ outcome: 'accepted', vendor: 'cloudbeds', eventId: 'reservation/created:R77:1772359200.123' });
    expect(await webhookEvents.get('cloudbeds', result.eventId)).toMatchObject({ pmsHotelId: '318204', configId, eventType: 'reservation/created', status: 'RECEIVED' });
    expect(queue.messages).toHaveLength(1);
  });

  it.each([
    ['no token', undefined, 'missing_token'],
    ['another config\'s token', cloudbedsWebhookToken(FALLBACK, 'pms_cloudbeds_999'), 'token_mismatch'],
  ])('refuses %s', async (_what, token, reason) => {
    const { deps, webhookEvents } = await setup();

    const error = await receivePmsWebhook(deps, delivery(token)).catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'WebhookSignatureInvalidError', reason });
    expect(webhookEvents.all()).toEqual([]);
  });

  it('refuses every token when no secret is configured', async () => {
    const { deps } = await setup({ fallback: false });

    await expect(receivePmsWebhook(deps, delivery('anything'))).rejects.toMatchObject({ reason: 'no_secret' });
  });
});
