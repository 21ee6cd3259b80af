import { describe, expect, it } from 'vitest';
import { deadLetterId, RecordingDeadLetterQueue } from '../../../../shared/adapters/dead-letters/recording-dead-letter-queue.ts';
import type { DeadLetter } from '../../../../shared/ports/dead-letter.port.ts';
import { FakeDeadLetterQueue, FakeDeadLetterStore } from '../../../support/fakes/dead-letter.fake.ts';

const CHECKOUT_LETTER: DeadLetter = {
  bookingId: 'bk_1',
  reason: 'Compensation failed: cancelPms',
  state: {
    bookingId: 'bk_1',
    booking: { bookingId: 'bk_1', hotelId: 'htl_1', roomTypeId: 'rt_1', totalMinor: 300_000, currency: 'KRW', paymentMethodId: 'pm_card_visa' },
    payment: { paymentId: 'pi_1' },
    failedStep: 'capture',
    error: { Error: 'PaymentUnavailableError', Cause: 'gateway_error' },
    cancelPmsError: { Error: 'PmsUnavailableError', Cause: 'x'.repeat(2000) },
  },
  at: '2026-03-01T10:00:00.000Z',
};

function world(hotels: Record<string, string> = {}) {
  const store = new FakeDeadLetterStore();
  const queue = new FakeDeadLetterQueue();
  const lookups: string[] = [];
  const letters = new RecordingDeadLetterQueue(store, queue, async (bookingId) => {
    lookups.push(bookingId);
    return hotels[bookingId];
  });
  return { store, queue, lookups, letters };
}

describe('RecordingDeadLetterQueue', () => {
  it('records the letter open, described and redacted, then sends it to the queue unchanged', async () => {
    const w = world();

    await w.letters.send(CHECKOUT_LETTER);

    expect(w.queue.letters).toEqual([CHECKOUT_LETTER]);
    const [recorded] = w.store.all();
    expect(recorded).toMatchObject({
      letterId: deadLetterId(CHECKOUT_LETTER),
      bookingId: 'bk_1',
      hotelId: 'htl_1',
      kind: 'checkout',
      reason: 'Compensation failed: cancelPms',
      at: CHECKOUT_LETTER.at,
      status: 'open',
      failures: [{ step: 'capture', error: 'PaymentUnavailableError: gateway_error' }, { step: 'cancelPms', error: expect.stringMatching(/^PmsUnavailableError: x+…$/) }],
    });
    expect(recorded!.failures[1]!.error!.length).toBe(500);
    expect(JSON.stringify(recorded!.state)).not.toContain('pm_card_visa');
    expect(recorded!.state).toMatchObject({ booking: { hotelId: 'htl_1', totalMinor: 300_000 }, payment: { paymentId: 'pi_1' } });
    expect(w.lookups).toEqual([]);
  });

  it('keeps the record when the SQS send fails, and still fails the step so the saga sends again', async () => {
    const w = world();
    w.queue.failures.arm('send', new Error('SQS down'));

    await expect(w.letters.send(CHECKOUT_LETTER)).rejects.toThrow('SQS down');
    await w.letters.send({ ...CHECKOUT_LETTER, at: '2026-03-01T10:00:05.000Z' });

    expect(w.store.all()).toEqual([expect.objectContaining({ bookingId: 'bk_1', at: CHECKOUT_LETTER.at, status: 'open' })]);
    expect(w.queue.letters).toHaveLength(1);
  });

  it('sends nothing when the record cannot be written: the step fails before the queue sees a letter the console would miss', async () => {
    const w = world();
    w.store.failures.arm('record', new Error('DynamoDB unreachable'));

    await expect(w.letters.send(CHECKOUT_LETTER)).rejects.toThrow('DynamoDB unreachable');

    expect(w.queue.letters).toEqual([]);
    expect(w.store.all()).toEqual([]);
  });

  it('looks the hotel up from the booking when the state does not carry it (a change saga, the recovery job)', async () => {
    const w = world({ bk_2: 'htl_2' });
    const change: DeadLetter = {
      bookingId: 'bk_2',
      reason: 'Change chg_1 could not finish: refund failed',
      state: { bookingId: 'bk_2', changeId: 'chg_1', plan: { kind: 'cancel', refundMinor: 1000 }, failedStep: 'refund', error: { Error: 'PaymentUnavailableError' } },
      at: '2026-03-02T00:00:00.000Z',
    };
    const recovery: DeadLetter = {
      bookingId: 'bk_3',
      reason: 'Recovery could not settle the booking: ABORTED',
      state: { bookingId: 'bk_3', source: 'recovery', payment: { status: 'AUTHORIZED' } },
      at: '2026-03-03T00:00:00.000Z',
    };

    await w.letters.send(change);
    await w.letters.send(recovery);

    expect(w.lookups).toEqual(['bk_2', 'bk_3']);
    expect(w.store.all()).toEqual([
      expect.objectContaining({ bookingId: 'bk_3', kind: 'recovery', failures: [{ step: 'recovery' }] }),
      expect.objectContaining({ bookingId: 'bk_2', hotelId: 'htl_2', kind: 'change', changeId: 'chg_1', failures: [{ step: 'refund', error: 'PaymentUnavailableError' }] }),
    ]);
    expect(w.store.all()[0]).not.toHaveProperty('hotelId');
  });

  it('gives the same letter the same id whatever its time or key order, and another letter another id', () => {
    const reordered: DeadLetter = { at: 'later', state: { ...CHECKOUT_LETTER.state }, reason: CHECKOUT_LETTER.reason, bookingId: 'bk_1' };
    reordered.state = Object.fromEntries(Object.entries(CHECKOUT_LETTER.state).reverse());

    expect(deadLetterId(reordered)).toBe(deadLetterId(CHECKOUT_LETTER));
    expect(deadLetterId({ ...CHECKOUT_LETTER, reason: 'Compensation failed: voidPayment' })).not.toBe(deadLetterId(CHECKOUT_LETTER));
  });
});
