import { describe, expect, it } from 'vitest';
import { LetterClosesWithBookingError } from '../../../../shared/domain/attention-errors.ts';
import type { RecordedDeadLetter } from '../../../../shared/domain/dead-letter.ts';
import { NotFoundError } from '../../../../shared/domain/errors.ts';
import { resolveDeadLetter } from '../../../../shared/use-cases/dead-letters/resolve-dead-letter.use-case.ts';
import { FakeBookingRepository } from '../../../support/fakes/booking.repository.fake.ts';
import { fakeClock } from '../../../support/fakes/clock.fake.ts';
import { FakeDeadLetterStore } from '../../../support/fakes/dead-letter.fake.ts';
import { aBooking } from '../../../support/fixtures.ts';

const NOW = '2026-06-06T09:00:00.000Z';

function world(status: 'CHECKED_IN' | 'NEEDS_ATTENTION' | 'REFUNDED') {
  const bookings = new FakeBookingRepository();
  bookings.seed(aBooking({ bookingId: 'bk_1', status }));
  const deadLetters = new FakeDeadLetterStore();
  const letter: RecordedDeadLetter = {
    letterId: 'l1',
    bookingId: 'bk_1',
    hotelId: 'htl_1',
    kind: 'change',
    changeId: 'modify-1',
    reason: 'Compensation failed: voidDifference',
    failures: [{ step: 'voidDifference', error: 'PaymentUnavailableError' }],
    state: { bookingId: 'bk_1' },
    at: '2026-06-05T00:00:00.000Z',
    status: 'open',
  };
  return { deps: { bookings, deadLetters, clock: fakeClock(NOW) }, deadLetters, letter };
}

describe('resolveDeadLetter', () => {
  it('closes an open letter of a booking that cannot be escalated, with who, when and the note; the first resolution stands', async () => {
    const w = world('CHECKED_IN');
    await w.deadLetters.record(w.letter);

    const first = await resolveDeadLetter(w.deps, { bookingId: 'bk_1', letterId: 'l1', by: 'admin-1', note: 'Voided in Stripe by hand' });
    const again = await resolveDeadLetter(w.deps, { bookingId: 'bk_1', letterId: 'l1', by: 'admin-2', note: 'again' });

    expect(first).toMatchObject({ outcome: 'RESOLVED', letter: { status: 'resolved', resolution: { via: 'letter', by: 'admin-1', at: NOW, note: 'Voided in Stripe by hand' } } });
    expect(again).toMatchObject({ outcome: 'ALREADY_RESOLVED', letter: { resolution: { by: 'admin-1' } } });
  });

  it('refuses a letter whose booking needs attention: it closes with its booking', async () => {
    const w = world('NEEDS_ATTENTION');
    await w.deadLetters.record(w.letter);

    const error = await resolveDeadLetter(w.deps, { bookingId: 'bk_1', letterId: 'l1', by: 'admin-1', note: 'n' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LetterClosesWithBookingError);
    expect((await w.deadLetters.get('bk_1', 'l1'))?.status).toBe('open');
  });

  it('answers NOT_FOUND for a letter that was never recorded', async () => {
    const w = world('REFUNDED');

    await expect(resolveDeadLetter(w.deps, { bookingId: 'bk_1', letterId: 'nope', by: 'a', note: 'n' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
