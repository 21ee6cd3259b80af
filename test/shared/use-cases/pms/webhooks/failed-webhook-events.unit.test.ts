import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../../../shared/domain/errors.ts';
import type { WebhookEvent } from '../../../../../shared/domain/webhook.ts';
import { WebhookQueueUnavailableError } from '../../../../../shared/domain/webhook-errors.ts';
import { retryWebhookEvent } from '../../../../../shared/use-cases/pms/webhooks/failed-webhook-events.use-case.ts';
import { fakeClock } from '../../../../support/fakes/clock.fake.ts';
import { FakeWebhookEventRepository } from '../../../../support/fakes/webhook-event.repository.fake.ts';
import { FakeWebhookQueue } from '../../../../support/fakes/webhook-queue.fake.ts';

const NOW = '2026-03-01T12:00:00.000Z';

async function setup(status: WebhookEvent['status'], extra: Partial<WebhookEvent> = {}) {
  const webhookEvents = new FakeWebhookEventRepository();
  const queue = new FakeWebhookQueue();
  await webhookEvents.create({
    vendor: 'generic',
    eventId: 'evt_1',
    eventType: 'inventory_update',
    pmsHotelId: 'jeju',
    payload: '{}',
    receivedAt: '2026-03-01T10:00:00.000Z',
    status,
    attempts: 1,
    ...extra,
  });
  return { webhookEvents, queue, deps: { webhookEvents, queue, clock: fakeClock(NOW) } };
}

describe('retryWebhookEvent', () => {
  it('reopens a FAILED event once and queues it; a second retry before it ran queues it again, nothing else', async () => {
    const { deps, webhookEvents, queue } = await setup('FAILED', { error: "PMS room type 'penthouse' is not mapped", retryable: false });

    const first = await retryWebhookEvent(deps, { vendor: 'generic', eventId: 'evt_1' });
    const second = await retryWebhookEvent(deps, { vendor: 'generic', eventId: 'evt_1' });

    expect(first).toMatchObject({ requeued: true, event: { status: 'RECEIVED', retriedAt: NOW } });
    expect(first.event).not.toHaveProperty('retryable');
    expect(second.requeued).toBe(true);
    expect(queue.messages).toEqual([{ vendor: 'generic', eventId: 'evt_1' }, { vendor: 'generic', eventId: 'evt_1' }]);
    expect((await webhookEvents.listFailed({ limit: 10 })).items).toEqual([]);
  });

  it('leaves a PROCESSED event alone', async () => {
    const { deps, queue } = await setup('PROCESSED');

    const result = await retryWebhookEvent(deps, { vendor: 'generic', eventId: 'evt_1' });

    expect(result).toMatchObject({ requeued: false, event: { status: 'PROCESSED' } });
    expect(queue.messages).toEqual([]);
  });

  it('answers 404 for an unknown event and 503 when the queue refuses, the event staying RECEIVED for the next retry', async () => {
    const { deps, queue, webhookEvents } = await setup('FAILED', { error: 'x', retryable: true });
    queue.failures.arm('enqueue', new Error('SQS down'));

    await expect(retryWebhookEvent(deps, { vendor: 'cloudbeds', eventId: 'evt_1' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(retryWebhookEvent(deps, { vendor: 'generic', eventId: 'evt_1' })).rejects.toBeInstanceOf(WebhookQueueUnavailableError);
    expect((await webhookEvents.get('generic', 'evt_1'))?.status).toBe('RECEIVED');
  });
});
