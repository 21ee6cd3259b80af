import { describe, expect, it } from 'vitest';
import { transitionContract } from '../../shared/adapters/dynamodb/booking-transition.contract.ts';
import { aBooking } from '../fixtures.ts';
import { FakeBookingRepository } from './booking.repository.fake.ts';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const record = (keyHash: string, bookingId: string) => ({ keyHash, requestHash: `req-${keyHash}`, bookingId, createdAt: NOW.toISOString() });
const step = (name: 'hold' | 'authorize', at: string, status: 'SUCCEEDED' | 'FAILED' = 'SUCCEEDED') => ({ name, status, at });

describe('FakeBookingRepository', () => {
  it('stores the booking with its idempotency record; a taken key writes nothing and returns the first record', async () => {
    // Prepare
    const bookings = new FakeBookingRepository();
    await bookings.createPending(aBooking({ bookingId: 'bk1' }), record('k1', 'bk1'));

    // Act
    const outcome = await bookings.createPending(aBooking({ bookingId: 'bk2' }), record('k1', 'bk2'));

    // Assess
    expect(outcome).toEqual({ created: false, existing: record('k1', 'bk1') });
    expect(await bookings.get('bk2')).toBeUndefined();
    expect(await bookings.getIdempotencyRecord('k1')).toEqual(record('k1', 'bk1'));
  });

  it('keeps one timeline entry per step and merges payment and PMS fields', async () => {
    // Prepare
    const bookings = new FakeBookingRepository();
    bookings.seed(aBooking({ bookingId: 'bk1' }));

    // Act
    await bookings.recordStep('bk1', step('authorize', '2026-03-01T10:00:01.000Z', 'FAILED'), { payment: { status: 'FAILED' } }, NOW);
    await bookings.recordStep('bk1', step('hold', '2026-03-01T10:00:00.000Z'), { pms: { vendor: 'generic' } }, NOW);
    const after = await bookings.recordStep('bk1', step('authorize', '2026-03-01T10:00:02.000Z'), { payment: { status: 'AUTHORIZED', paymentId: 'pi_1' } }, NOW);

    // Assess
    expect(after.steps.map((s) => [s.name, s.status])).toEqual([['hold', 'SUCCEEDED'], ['authorize', 'SUCCEEDED']]);
    expect(after.payment).toEqual({ status: 'AUTHORIZED', paymentId: 'pi_1', amountMinor: 300_000, currency: 'KRW' });
    expect(after.pms).toEqual({ status: 'NONE', vendor: 'generic' });
    expect(after.updatedAt).toBe(NOW.toISOString());
  });

  it('never overwrites CONFIRMED, never brings back PENDING, and lets FAILED rise to NEEDS_ATTENTION', async () => {
    // Prepare
    const bookings = new FakeBookingRepository();
    bookings.seed(aBooking({ bookingId: 'confirmed', status: 'CONFIRMED' }));
    bookings.seed(aBooking({ bookingId: 'failed', status: 'FAILED' }));

    // Act
    const stillConfirmed = await bookings.recordStep('confirmed', undefined, { status: 'FAILED', failureCode: 'INTERNAL_ERROR' }, NOW);
    const notAttention = await bookings.recordStep('confirmed', undefined, { status: 'NEEDS_ATTENTION' }, NOW);
    const notPending = await bookings.recordStep('failed', undefined, { status: 'PENDING' }, NOW);
    const attention = await bookings.recordStep('failed', undefined, { status: 'NEEDS_ATTENTION' }, NOW);

    // Assess: a refused status still records the rest of the patch, as the adapter does.
    expect(stillConfirmed).toMatchObject({ status: 'CONFIRMED', failureCode: 'INTERNAL_ERROR' });
    expect(notAttention.status).toBe('CONFIRMED');
    expect(notPending.status).toBe('FAILED');
    expect(attention.status).toBe('NEEDS_ATTENTION');
  });

  it('refuses to record a step on a booking that does not exist', async () => {
    await expect(new FakeBookingRepository().recordStep('bk_none', undefined, {}, NOW)).rejects.toThrow('does not exist');
  });

  it('lists newest check-in first, in full pages that say where the next one starts', async () => {
    // Prepare: five bookings, two of them FAILED.
    const bookings = new FakeBookingRepository();
    for (const [i, status] of (['PENDING', 'FAILED', 'CONFIRMED', 'FAILED', 'CONFIRMED'] as const).entries()) {
      bookings.seed(aBooking({ bookingId: `bk${i}`, checkIn: `2026-04-0${i + 1}`, status }));
    }

    // Act
    const first = await bookings.list({ limit: 2 });
    const second = await bookings.list({ limit: 2, after: first.next! });
    const last = await bookings.list({ limit: 2, after: second.next! });
    const failed = await bookings.list({ limit: 2, status: 'FAILED' });
    const ranged = await bookings.list({ limit: 10, from: '2026-04-02', to: '2026-04-03' });

    // Assess
    expect([first, second, last].map((p) => p.items.map((b) => b.bookingId))).toEqual([['bk4', 'bk3'], ['bk2', 'bk1'], ['bk0']]);
    expect(last.next).toBeUndefined();
    expect(failed.items.map((b) => b.bookingId)).toEqual(['bk3', 'bk1']);
    expect(failed.next).toBeUndefined();
    expect(ranged.items.map((b) => b.bookingId)).toEqual(['bk2', 'bk1']);
  });

  it('advances a PENDING booking until a compensation begins, then refuses late results and writes nothing', async () => {
    const bookings = new FakeBookingRepository();
    bookings.seed(aBooking({ bookingId: 'bk1' }));

    const first = await bookings.advance('bk1', step('hold', NOW.toISOString()), { holdExpiresAt: 'x' }, NOW);
    const marked = await bookings.beginCompensation('bk1', 'authorize failed', NOW);
    const again = await bookings.beginCompensation('bk1', 'later reason', new Date('2026-03-01T10:05:00.000Z'));
    const late = await bookings.advance('bk1', step('authorize', NOW.toISOString()), { payment: { status: 'AUTHORIZED' } }, NOW);

    expect(first?.holdExpiresAt).toBe('x');
    expect(marked?.compensation).toEqual({ since: NOW.toISOString(), reason: 'authorize failed' });
    expect(again?.compensation).toEqual({ since: NOW.toISOString(), reason: 'authorize failed' });
    expect(late).toBeUndefined();
    expect((await bookings.get('bk1'))?.payment.status).toBe('NONE');
  });

  it('never marks a CONFIRMED booking as compensating, and never advances a settled one', async () => {
    const bookings = new FakeBookingRepository();
    bookings.seed(aBooking({ bookingId: 'bk1', status: 'CONFIRMED' }));
    bookings.seed(aBooking({ bookingId: 'bk2', status: 'FAILED' }));

    expect(await bookings.beginCompensation('bk1', 'x', NOW)).toBeUndefined();
    expect(await bookings.advance('bk2', step('hold', NOW.toISOString()), {}, NOW)).toBeUndefined();
  });

  it('claims PMS creates one at a time: only from the count seen, and only while advancing', async () => {
    const bookings = new FakeBookingRepository();
    bookings.seed(aBooking({ bookingId: 'bk1' }));

    const a = await bookings.claimPmsCreate('bk1', 0, NOW);
    const b = await bookings.claimPmsCreate('bk1', 0, NOW);
    const c = await bookings.claimPmsCreate('bk1', 1, NOW);
    await bookings.beginCompensation('bk1', 'x', NOW);
    const d = await bookings.claimPmsCreate('bk1', 2, NOW);

    expect([a, b, c, d]).toEqual([true, false, true, false]);
    expect((await bookings.get('bk1'))?.pms).toMatchObject({ createAttempts: 2, createAttemptedAt: NOW.toISOString() });
  });

  it('lists PENDING bookings created before a time, oldest first', async () => {
    const bookings = new FakeBookingRepository();
    bookings.seed(aBooking({ bookingId: 'bk_new', createdAt: '2026-03-01T09:59:00.000Z' }));
    bookings.seed(aBooking({ bookingId: 'bk_old', createdAt: '2026-03-01T09:00:00.000Z' }));
    bookings.seed(aBooking({ bookingId: 'bk_done', createdAt: '2026-03-01T08:00:00.000Z', status: 'CONFIRMED' }));

    const listed = await bookings.listPending(new Date('2026-03-01T09:30:00.000Z'), 10);

    expect(listed.map((b) => b.bookingId)).toEqual(['bk_old']);
  });
});

describe('FakeBookingRepository.transition and the change lock', () => {
  transitionContract(async () => {
    const repo = new FakeBookingRepository();
    return { repo, seed: async (booking) => repo.seed(booking) };
  });
});

describe("FakeBookingRepository as the booking search (the DynamoDB adapter's rules)", () => {
  function seeded() {
    const bookings = new FakeBookingRepository();
    bookings.seed(aBooking({ bookingId: 'bk_1', hotelId: 'h1', createdAt: '2026-03-01T01:00:00.000Z', guestInfo: { firstName: 'Zoë', lastName: 'Kim', email: 'Zoe@Example.com', phone: '1' } }));
    bookings.seed(aBooking({ bookingId: 'bk_2', hotelId: 'h2', createdAt: '2026-03-01T02:00:00.000Z', guestInfo: { firstName: 'Min', lastName: 'Zoller', email: 'zoe@example.com', phone: '2' } }));
    return bookings;
  }

  it('finds a name prefix in name order, and an e-mail exactly, newest booked first', async () => {
    const bookings = seeded();
    expect((await bookings.search({ term: { kind: 'name', prefix: 'zo' }, limit: 5 })).items.map((b) => b.bookingId)).toEqual(['bk_1', 'bk_2']);
    expect((await bookings.search({ term: { kind: 'email', email: 'zoe@example.com' }, limit: 5 })).items.map((b) => b.bookingId)).toEqual(['bk_2', 'bk_1']);
    expect((await bookings.search({ term: { kind: 'name', prefix: 'zo' }, hotelIds: ['h2'], limit: 5 })).items.map((b) => b.bookingId)).toEqual(['bk_2']);
  });

  it("reads a hotel's checkouts started in [from, to)", async () => {
    const bookings = seeded();
    const found = await bookings.startedBetween('h1', '2026-03-01T00:00:00.000Z', '2026-03-01T01:00:00.000Z', 5);
    expect(found).toEqual({ bookings: [], complete: true });
    const day = await bookings.startedBetween('h1', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', 5);
    expect(day.bookings.map((b) => b.bookingId)).toEqual(['bk_1']);
  });
});
