import { describe, expect, it } from 'vitest';
import type { WebhookEvent } from '../../../../../shared/domain/webhook.ts';
import { enqueueStoredWebhooks } from '../../../../../shared/use-cases/pms/webhooks/webhook-outbox.ts';
import { fakeClock } from '../../../../support/fakes/clock.fake.ts';
import { FakeWebhookEventRepository } from '../../../../support/fakes/webhook-event.repository.fake.ts';
import { FakeWebhookQueue } from '../../../../support/fakes/webhook-queue.fake.ts';

const NOW = '2026-03-01T10:05:00.000Z';

const stored = (eventId: string, receivedAt: string, overrides: Partial<WebhookEvent> = {}): WebhookEvent => ({
  vendor: 'generic',
  eventId,
  eventType: 'inventory_update',
  pmsHotelId: 'jeju',
  payload: '{}',
  receivedAt,
  status: 'RECEIVED',
  attempts: 0,
  ...overrides,
});

function world() {
  const clock = fakeClock(NOW);
  const webhookEvents = new FakeWebhookEventRepository();
  const queue = new FakeWebhookQueue();
  return { clock, webhookEvents, queue, deps: { webhookEvents, queue, clock } };
}

describe('enqueueStoredWebhooks (the outbox sweep)', () => {
  it('queues every event stored past the grace time and never queued, once, oldest first', async () => {
    // Prepare: two left by a crash, one queued, one applied, one ignored, one just arriving.
    const w = world();
    await w.webhookEvents.create(stored('crashed_2', '2026-03-01T10:02:00.000Z'));
    await w.webhookEvents.create(stored('crashed_1', '2026-03-01T10:01:00.000Z'));
    await w.webhookEvents.create(stored('queued', '2026-03-01T10:00:00.000Z', { queuedAt: '2026-03-01T10:00:00.100Z' }));
    await w.webhookEvents.create(stored('applied', '2026-03-01T10:00:00.000Z', { status: 'PROCESSED', queuedAt: '2026-03-01T10:00:00.100Z' }));
    await w.webhookEvents.create(stored('ignored', '2026-03-01T10:00:00.000Z', { status: 'IGNORED' }));
    await w.webhookEvents.create(stored('arriving', '2026-03-01T10:04:50.000Z'));

    // Act
    const first = await enqueueStoredWebhooks(w.deps, { graceSeconds: 60, limit: 100 });
    const second = await enqueueStoredWebhooks(w.deps, { graceSeconds: 60, limit: 100 });

    // Assess
    expect(first).toEqual({ queued: 2, failed: 0 });
    expect(second).toEqual({ queued: 0, failed: 0 });
    expect(w.queue.messages.map((m) => m.eventId)).toEqual(['crashed_1', 'crashed_2']);
    expect((await w.webhookEvents.get('generic', 'crashed_1'))?.queuedAt).toBe(NOW);
  });

  it('leaves an event the queue refuses in the outbox for the next run', async () => {
    const w = world();
    await w.webhookEvents.create(stored('crashed', '2026-03-01T10:01:00.000Z'));
    w.queue.failures.arm('enqueue', new Error('SQS unavailable'));

    const failedRun = await enqueueStoredWebhooks(w.deps, { graceSeconds: 60, limit: 100 });
    const nextRun = await enqueueStoredWebhooks(w.deps, { graceSeconds: 60, limit: 100 });

    expect(failedRun).toEqual({ queued: 0, failed: 1 });
    expect(nextRun).toEqual({ queued: 1, failed: 0 });
    expect(w.queue.messages).toEqual([{ vendor: 'generic', eventId: 'crashed' }]);
  });
});
