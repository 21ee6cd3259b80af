import { expect, it } from 'vitest';
import type { SentMailLog } from '../../shared/ports/mail.port.ts';

const context = { bookingId: 'bk_1', kind: 'booking_confirmed', eventType: 'booking.confirmed' };
const at = (iso: string) => new Date(iso);
const LEASE = 5 * 60_000;

/** What every `SentMailLog` must do: the DynamoDB adapter and the fake run the same cases. */
export function sentMailLogContract(make: () => SentMailLog | Promise<SentMailLog>): void {
  it('lets exactly one caller claim an id; a second sees it in progress, then sent once marked', async () => {
    const log = await make();
    const now = at('2026-12-03T10:00:00.000Z');

    const first = await log.claim('m-1', context, now, LEASE);
    const second = await log.claim('m-1', context, now, LEASE);
    await log.markSent('m-1', 'msg-1', now);
    const third = await log.claim('m-1', context, at('2026-12-04T10:00:00.000Z'), LEASE);

    expect([first, second, third]).toEqual(['claimed', 'in_progress', 'sent']);
  });

  it('gives an abandoned claim to the next caller at once, and a dead sender\'s claim after the lease only', async () => {
    const log = await make();
    const now = at('2026-12-03T10:00:00.000Z');
    await log.claim('m-2', context, now, LEASE);
    await log.abandon('m-2', now);
    const afterAbandon = await log.claim('m-2', context, now, LEASE);

    await log.claim('m-3', context, now, LEASE);
    const withinLease = await log.claim('m-3', context, at('2026-12-03T10:04:59.000Z'), LEASE);
    const afterLease = await log.claim('m-3', context, at('2026-12-03T10:05:01.000Z'), LEASE);

    expect(afterAbandon).toBe('claimed');
    expect([withinLease, afterLease]).toEqual(['in_progress', 'claimed']);
  });

  it('never reopens a sent mail: abandoning it changes nothing', async () => {
    const log = await make();
    const now = at('2026-12-03T10:00:00.000Z');
    await log.claim('m-4', context, now, LEASE);
    await log.markSent('m-4', 'msg-4', now);
    await log.abandon('m-4', now);

    expect(await log.claim('m-4', context, at('2027-01-01T00:00:00.000Z'), LEASE)).toBe('sent');
  });

  it('remembers keys', async () => {
    const log = await make();

    const before = await log.seen('k-1');
    await log.remember('k-1', at('2026-12-03T10:00:00.000Z'), 3600);

    expect([before, await log.seen('k-1'), await log.seen('k-2')]).toEqual([false, true, false]);
  });
}
