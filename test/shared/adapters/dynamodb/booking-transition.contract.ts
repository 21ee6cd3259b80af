import { expect, it } from 'vitest';
import type { BookingChangeRecord } from '../../../../shared/domain/booking.ts';
import type { BookingRepository } from '../../../../shared/ports/booking.repository.ts';
import { aBooking } from '../../../support/fixtures.ts';

const NOW = new Date('2026-03-01T00:00:00.000Z');

function aChange(changeId: string, kind: BookingChangeRecord['kind'] = 'modify'): BookingChangeRecord {
  return { changeId, kind, by: 'guest', keyHash: `k-${changeId}`, requestHash: `r-${changeId}`, startedAt: NOW.toISOString(), outcome: 'RUNNING' };
}

/**
 * `BookingRepository.transition` with the one-change-at-a-time lock, for the DynamoDB adapter and
 * its fake alike. `seed` stores a booking as it is.
 */
export function transitionContract(setup: () => Promise<{ repo: BookingRepository; seed(booking: ReturnType<typeof aBooking>): Promise<void> }>) {
  it('claims the lock once: a second claim (another change) is refused and writes nothing', async () => {
    const { repo, seed } = await setup();
    await seed(aBooking({ bookingId: 'bk_lock_1', status: 'CONFIRMED' }));
    const first = await repo.transition('bk_lock_1', { from: ['CONFIRMED'], to: 'CONFIRMED', lock: { claim: aChange('modify-1') } }, NOW);
    expect(first?.change).toMatchObject({ changeId: 'modify-1', outcome: 'RUNNING' });
    const second = await repo.transition('bk_lock_1', { from: ['CONFIRMED'], to: 'CANCELLED', lock: { claim: aChange('cancel', 'cancel') } }, NOW);
    expect(second).toBeUndefined();
    expect(await repo.transition('bk_lock_1', { from: ['CONFIRMED'], to: 'CHECKED_IN', lock: { free: true } }, NOW)).toBeUndefined();
    expect((await repo.get('bk_lock_1'))?.status).toBe('CONFIRMED');
  });

  it('lets only the holder finish, moving its record to the history once', async () => {
    const { repo, seed } = await setup();
    await seed(aBooking({ bookingId: 'bk_lock_2', status: 'CONFIRMED' }));
    await repo.transition('bk_lock_2', { from: ['CONFIRMED'], to: 'CONFIRMED', lock: { claim: aChange('modify-1') } }, NOW);
    expect(await repo.transition('bk_lock_2', { from: ['CONFIRMED'], to: 'CONFIRMED', lock: { holder: 'cancel', finish: aChange('cancel') } }, NOW)).toBeUndefined();
    const done = { ...aChange('modify-1'), outcome: 'SUCCEEDED' as const, finishedAt: NOW.toISOString() };
    const finished = await repo.transition(
      'bk_lock_2',
      {
        from: ['CONFIRMED'],
        to: 'CONFIRMED',
        lock: { holder: 'modify-1', finish: done },
        patch: { stay: { roomTypeId: 'rt_other', checkIn: '2026-03-20', checkOut: '2026-03-22', nights: ['2026-03-20', '2026-03-21'], rooms: 2, totalMinor: 500_000 }, modificationCount: 1 },
      },
      NOW,
    );
    expect(finished).toMatchObject({ roomTypeId: 'rt_other', checkIn: '2026-03-20', rooms: 2, totalMinor: 500_000, modificationCount: 1, changes: [done] });
    expect(finished?.change).toBeUndefined();
    // Finishing again (a step that ran twice) finds no holder and changes nothing.
    expect(await repo.transition('bk_lock_2', { from: ['CONFIRMED'], to: 'CONFIRMED', lock: { holder: 'modify-1', finish: done } }, NOW)).toBeUndefined();
    expect((await repo.get('bk_lock_2'))?.changes).toHaveLength(1);
  });

  it('refuses a status it is not in, and sets payment fields without losing the others', async () => {
    const { repo, seed } = await setup();
    await seed(aBooking({ bookingId: 'bk_lock_3', status: 'CANCELLED', payment: { status: 'CAPTURED', paymentId: 'pi_1', amountMinor: 300_000, currency: 'KRW' } }));
    expect(await repo.transition('bk_lock_3', { from: ['CONFIRMED'], to: 'REFUNDED' }, NOW)).toBeUndefined();
    const refunded = await repo.transition('bk_lock_3', { from: ['CANCELLED'], to: 'REFUNDED', patch: { payment: { refundedMinor: 300_000 }, refundDueMinor: 0 } }, NOW);
    expect(refunded).toMatchObject({ status: 'REFUNDED', refundDueMinor: 0, payment: { status: 'CAPTURED', paymentId: 'pi_1', amountMinor: 300_000, refundedMinor: 300_000 } });
  });
}
