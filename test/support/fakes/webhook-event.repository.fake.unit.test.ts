import { describe, expect, it } from 'vitest';
import type { WebhookEvent } from '../../../shared/domain/webhook.ts';
import { FakeWebhookEventRepository } from './webhook-event.repository.fake.ts';

const event = (eventId: string, overrides: Partial<WebhookEvent> = {}): WebhookEvent => ({
  vendor: 'generic',
  eventId,
  eventType: 'inventory_update',
  pmsHotelId: 'pms-1',
  payload: '{}',
  receivedAt: '2026-03-01T10:00:00.000Z',
  status: 'RECEIVED',
  attempts: 0,
  ...overrides,
});

describe('FakeWebhookEventRepository', () => {
  it('stores an event once: the second delivery is a duplicate and changes nothing', async () => {
    const events = new FakeWebhookEventRepository();

    const outcomes = [await events.create(event('e1')), await events.create(event('e1', { payload: '{"x":1}' }))];

    expect(outcomes).toEqual(['created', 'duplicate']);
    expect((await events.get('generic', 'e1'))?.payload).toBe('{}');
  });

  it('counts attempts and clears an earlier failure when finished', async () => {
    // Prepare
    const events = new FakeWebhookEventRepository();
    await events.create(event('e1'));
    await events.create(event('e2'));
    const at = new Date('2026-03-01T10:01:00.000Z');

    // Act
    await events.startAttempt('generic', 'e1');
    await events.finish('generic', 'e1', { status: 'FAILED', error: 'PMS down', retryable: true }, at);
    const second = await events.startAttempt('generic', 'e1');
    await events.finish('generic', 'e1', { status: 'PROCESSED', result: { applied: 1, created: 0, stale: 0, overbooked: [] } }, at);

    // Assess
    expect(second?.attempts).toBe(2);
    const e1 = await events.get('generic', 'e1');
    expect(e1).toMatchObject({ status: 'PROCESSED', processedAt: at.toISOString(), result: { applied: 1 } });
    expect(e1).not.toHaveProperty('error');
    expect(e1).not.toHaveProperty('retryable');
    expect(await events.startAttempt('generic', 'e3')).toBeUndefined();
  });

  it('keeps RECEIVED events in the outbox until marked queued, oldest first, and never IGNORED ones', async () => {
    const events = new FakeWebhookEventRepository();
    await events.create(event('late', { receivedAt: '2026-03-01T10:00:30.000Z' }));
    await events.create(event('early', { receivedAt: '2026-03-01T10:00:10.000Z' }));
    await events.create(event('queued', { receivedAt: '2026-03-01T10:00:05.000Z' }));
    await events.create(event('ignored', { status: 'IGNORED', receivedAt: '2026-03-01T10:00:01.000Z' }));
    await events.create(event('recent', { receivedAt: '2026-03-01T10:01:00.000Z' }));
    await events.markQueued('generic', 'queued', new Date('2026-03-01T10:00:06.000Z'));
    await events.markQueued('generic', 'queued', new Date('2026-03-01T10:09:00.000Z'));

    const outbox = await events.listUnqueued(new Date('2026-03-01T10:01:00.000Z'), 10);
    const first = await events.listUnqueued(new Date('2026-03-01T10:01:00.000Z'), 1);

    expect(outbox.map((e) => e.eventId)).toEqual(['early', 'late']);
    expect(first.map((e) => e.eventId)).toEqual(['early']);
    expect((await events.get('generic', 'queued'))?.queuedAt).toBe('2026-03-01T10:00:06.000Z');
  });

  it('lists FAILED events newest failure first, page by page, and reopens one exactly once', async () => {
    // Prepare
    const events = new FakeWebhookEventRepository();
    for (const id of ['e1', 'e2', 'e3', 'e4']) await events.create(event(id));
    await events.finish('generic', 'e1', { status: 'FAILED', error: 'unmapped room type', retryable: false }, new Date('2026-03-01T10:01:00.000Z'));
    await events.finish('generic', 'e2', { status: 'PROCESSED', result: { applied: 1, created: 0, stale: 0, overbooked: [] } }, new Date('2026-03-01T10:02:00.000Z'));
    await events.finish('generic', 'e3', { status: 'FAILED', error: 'PMS down', retryable: true }, new Date('2026-03-01T10:03:00.000Z'));

    // Act
    const first = await events.listFailed({ limit: 1 });
    const second = await events.listFailed({ limit: 1, after: first.next! });
    const reopened = [await events.reopenFailed('generic', 'e1', new Date('2026-03-01T11:00:00.000Z')), await events.reopenFailed('generic', 'e1', new Date()), await events.reopenFailed('generic', 'e2', new Date())];

    // Assess
    expect(first.items.map((e) => [e.eventId, e.error])).toEqual([['e3', 'PMS down']]);
    expect(second.items.map((e) => e.eventId)).toEqual(['e1']);
    expect(second.next).toBeUndefined();
    expect(reopened).toEqual([true, false, false]);
    expect(await events.get('generic', 'e1')).toMatchObject({ status: 'RECEIVED', retriedAt: '2026-03-01T11:00:00.000Z' });
    expect((await events.listFailed({ limit: 10 })).items.map((e) => e.eventId)).toEqual(['e3']);
  });
});
