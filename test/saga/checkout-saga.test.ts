import { useTestConfig } from '../support/composition.ts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as checkout } from '../../functions/booking/checkout.ts';
import { handler as adminGetBooking } from '../../functions/admin/get-booking.ts';
import { handler as releaseExpiredHolds } from '../../functions/jobs/release-expired-holds.ts';
import { addDays, todayIn } from '../../shared/domain/dates.ts';
import { routes } from '../../shared/http/route-table.ts';
import { assertInventoryInvariant, startSagaHarness, type SagaHarness } from '../support/saga-harness.ts';
import { httpEvent, invoke } from '../support/events.ts';
import { aHotel, aRatePlan, aRoomType, nights } from '../support/fixtures.ts';

const HOTEL = 'htl_saga';
const ROOM = 'rt_ten';
const start = addDays(todayIn('Asia/Seoul'), 20);
let keySeq = 0;

function body(overrides: Record<string, unknown> = {}) {
  return {
    hotelId: HOTEL,
    roomTypeId: ROOM,
    checkIn: start,
    checkOut: addDays(start, 3),
    rooms: 1,
    guests: 2,
    guestInfo: { firstName: 'Ji-woo', lastName: 'Park', email: 'jiwoo@example.com', phone: '+82 10 1234 5678' },
    payment: { paymentMethodId: 'pm_card_visa' },
    ...overrides,
  };
}

function checkoutEvent(payload: unknown, key = `key-${++keySeq}`) {
  return httpEvent(routes.checkout, { body: payload, headers: { 'idempotency-key': key } });
}

const admin = { sub: 'admin-1', 'cognito:groups': '[admin]' };

async function bookingOf(bookingId: string) {
  const res = await invoke(adminGetBooking, httpEvent(routes.adminGetBooking, { params: { bookingId }, claims: admin }));
  return res.body.data;
}

describe('checkout saga against DynamoDB Local, the Stripe simulator and the local state machine', () => {
  let h: SagaHarness;

  async function seed(harness: SagaHarness) {
    await harness.container.catalog.putHotel(aHotel({ hotelId: HOTEL, currency: 'KRW' }));
    await harness.container.catalog.putRoomType(aRoomType({ hotelId: HOTEL, roomTypeId: ROOM, maxOccupancy: 2 }));
    await harness.container.catalog.putRatePlan(aRatePlan({ hotelId: HOTEL, roomTypeId: ROOM }));
    await harness.container.inventory.createNights(nights(HOTEL, ROOM, start, addDays(start, 44), 10, 100_000, 'KRW'));
  }

  beforeAll(async () => {
    h = await startSagaHarness();
    await seed(h);
  });

  afterAll(async () => {
    await h.stop();
  });

  beforeEach(() => h.faults.clear());
  afterEach(async () => {
    await assertInventoryInvariant(h);
  });

  it('confirms a booking: 201 with the server price, payment captured, one intent', async () => {
    const res = await invoke(checkout, checkoutEvent(body({ checkIn: addDays(start, 30), checkOut: addDays(start, 32) })));
    expect(res.statusCode).toBe(201);
    expect(res.body).toMatchObject({ success: true, data: { status: 'CONFIRMED', totalPrice: 200_000, currency: 'KRW' } });
    expect(res.body.data.confirmationNumber).toMatch(/^CONF-/);
    const booking = await bookingOf(res.body.data.bookingId);
    expect(booking.payment).toEqual({ status: 'CAPTURED', amount: 200_000, currency: 'KRW' });
    expect(booking.steps.map((s: { name: string }) => s.name)).toEqual(['hold', 'authorize', 'confirm', 'capture', 'finalize']);
    expect(h.stripe.state.counts(res.body.data.bookingId)).toMatchObject({ creates: 1, captures: 1, cancels: 0 });
    // The event goes out in the finalize step, which may still be running when the guest has the answer.
    await h.aws.idle();
    expect(h.aws.eventBus.events.filter((e) => e['detail-type'] === 'booking.confirmed').map((e) => (e.detail as { bookingId: string }).bookingId)).toContain(res.body.data.bookingId);
  });

  it('answers 402 PAYMENT_DECLINED and gives the rooms back', async () => {
    const res = await invoke(checkout, checkoutEvent(body({ payment: { paymentMethodId: 'pm_card_chargeDeclined' } })));
    expect(res.statusCode).toBe(402);
    expect(res.body.error.code).toBe('PAYMENT_DECLINED');
    const booking = await bookingOf(res.body.error.details.bookingId);
    expect(booking).toMatchObject({ status: 'FAILED', failureCode: 'PAYMENT_DECLINED' });
    expect(booking.steps.find((s: { name: string }) => s.name === 'releaseHold')?.status).toBe('SUCCEEDED');
  });

  it('answers 503 PAYMENT_UNAVAILABLE when the gateway keeps failing, and releases the hold', async () => {
    h.faults.arm({ point: 'payment.authorize', mode: 'error', times: 20 });
    const res = await invoke(checkout, checkoutEvent(body()));
    expect(res.statusCode).toBe(503);
    expect(res.body.error.code).toBe('PAYMENT_UNAVAILABLE');
  });

  it('voids the authorization and releases the rooms when capture fails after its retries', async () => {
    h.faults.arm({ point: 'payment.capture', mode: 'error', times: 50 });
    const res = await invoke(checkout, checkoutEvent(body()));
    expect(res.statusCode).toBe(503);
    const booking = await bookingOf(res.body.error.details.bookingId);
    expect(booking).toMatchObject({ status: 'FAILED', failureCode: 'PAYMENT_UNAVAILABLE', payment: { status: 'VOIDED' } });
    expect(h.stripe.state.counts(booking.bookingId)).toMatchObject({ captures: 0, cancels: 1 });
  });

  it('treats a capture timeout like a failure: compensates and leaves nothing open', async () => {
    h.faults.arm({ point: 'payment.capture', mode: 'timeout', times: 50, delayMs: 2000 });
    const res = await invoke(checkout, checkoutEvent(body()));
    expect(res.statusCode).toBe(503);
    const booking = await bookingOf(res.body.error.details.bookingId);
    expect(booking.payment.status).toBe('VOIDED');
  });

  it('sends the saga to the dead-letter queue and marks NEEDS_ATTENTION when a compensation fails too', async () => {
    h.faults.arm({ point: 'payment.capture', mode: 'error', times: 50 });
    h.faults.arm({ point: 'payment.void', mode: 'error', times: 50 });
    const res = await invoke(checkout, checkoutEvent(body()));
    expect(res.statusCode).toBe(503);
    const bookingId = res.body.error.details.bookingId;
    const booking = await bookingOf(bookingId);
    expect(booking.status).toBe('NEEDS_ATTENTION');
    // The authorization is still open: the guest is not told that nothing was charged.
    expect(res.body.error.message).toBe(
      'The payment service is not answering. The amount reserved on your card could not be released yet: the hold on the card will be released, and support has been alerted.',
    );
    expect(booking.steps.find((s: { name: string }) => s.name === 'voidPayment')?.status).toBe('FAILED');
    expect(booking.steps.find((s: { name: string }) => s.name === 'releaseHold')?.status).toBe('SUCCEEDED');
    const letters = h.aws.queues.messages('checkout-saga-dlq').map((m) => JSON.parse(m.body) as { bookingId: string });
    expect(letters.map((l) => l.bookingId)).toContain(bookingId);
  });

  it('answers 410 HOLD_EXPIRED when the hold runs out before confirmation', async () => {
    const short = await startSagaHarnessWithTtl();
    try {
      short.faults.arm({ point: 'payment.authorize', mode: 'latency', times: 1, delayMs: 1500 });
      const res = await invoke(checkout, checkoutEvent(body()));
      expect(res.statusCode).toBe(410);
      expect(res.body.error.code).toBe('HOLD_EXPIRED');
      const booking = await bookingOf(res.body.error.details.bookingId);
      expect(booking.payment.status).toBe('VOIDED');
      await assertInventoryInvariant(short);
    } finally {
      await short.stop();
      // Point the handlers back at the suite's harness.
      useTestConfig(h.container.config);
    }
  });

  it('answers 202 PENDING with the booking id when the saga outlasts the wait, and the saga still completes', async () => {
    const slow = await startSagaHarness({ CHECKOUT_WAIT_MS: '200' });
    try {
      await seed(slow);
      slow.faults.arm({ point: 'payment.authorize', mode: 'latency', times: 1, delayMs: 800 });
      const res = await invoke(checkout, checkoutEvent(body()));
      expect(res.statusCode).toBe(202);
      expect(res.body).toEqual({ success: true, data: { bookingId: expect.stringMatching(/^bk_/), status: 'PENDING' } });
      expect(res.headers.location).toBe(`/api/bookings/${res.body.data.bookingId}`);
      await slow.aws.idle();
      expect((await bookingOf(res.body.data.bookingId)).status).toBe('CONFIRMED');
      await assertInventoryInvariant(slow);
    } finally {
      await slow.stop();
      useTestConfig(h.container.config);
    }
  });

  it('answers 409 SOLD_OUT without starting a saga when a night has no rooms left', async () => {
    const before = h.aws.stepFunctions.list().length;
    const res = await invoke(checkout, checkoutEvent(body({ checkIn: addDays(start, 45), checkOut: addDays(start, 46) })));
    expect(res.statusCode).toBe(409);
    expect(res.body.error.code).toBe('SOLD_OUT');
    expect(h.aws.stepFunctions.list().length).toBe(before);
  });

  it("answers 422 OUTSIDE_BOOKING_WINDOW, not SOLD_OUT, beyond the hotel's selling horizon, without starting a saga", async () => {
    const before = h.aws.stepFunctions.list().length;
    const today = todayIn('Asia/Seoul');
    const far = await invoke(checkout, checkoutEvent(body({ checkIn: addDays(today, 400), checkOut: addDays(today, 402) })));
    expect(far.statusCode).toBe(422);
    expect(far.body.error).toMatchObject({
      code: 'OUTSIDE_BOOKING_WINDOW',
      message: `This hotel sells stays up to 365 days ahead: the last night you can book now is ${addDays(today, 365)}.`,
    });
    // A stay whose last night is the horizon's last day is on sale (here: sold out, as no nights exist).
    const edge = await invoke(checkout, checkoutEvent(body({ checkIn: addDays(today, 364), checkOut: addDays(today, 366) })));
    expect(edge.body.error.code).toBe('SOLD_OUT');
    expect(h.aws.stepFunctions.list().length).toBe(before);
  });

  it("takes the horizon from the hotel's own bookingHorizonDays", async () => {
    await h.container.catalog.putHotel(aHotel({ hotelId: HOTEL, currency: 'KRW', bookingHorizonDays: 25 }));
    try {
      const res = await invoke(checkout, checkoutEvent(body({ checkIn: addDays(start, 10), checkOut: addDays(start, 11) })));
      expect(res.statusCode).toBe(422);
      expect(res.body.error.code).toBe('OUTSIDE_BOOKING_WINDOW');
    } finally {
      await h.container.catalog.putHotel(aHotel({ hotelId: HOTEL, currency: 'KRW' }));
    }
  });

  it('gives one booking, one hold, one authorization and one capture for 20 identical concurrent requests', async () => {
    const payload = body({ checkIn: addDays(start, 33), checkOut: addDays(start, 34) });
    const results = await Promise.all(Array.from({ length: 20 }, () => invoke(checkout, checkoutEvent(payload, 'same-key-20'))));
    const ids = new Set(results.map((r) => r.body.data.bookingId));
    expect(ids.size).toBe(1);
    expect(new Set(results.map((r) => r.statusCode))).toEqual(new Set([201]));
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    const [bookingId] = [...ids] as string[];
    expect(h.stripe.state.counts(bookingId!)).toMatchObject({ creates: 1, captures: 1 });
    expect(h.aws.stepFunctions.list().filter((e) => e.input.includes(bookingId!))).toHaveLength(1);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body, writing nothing', async () => {
    const first = await invoke(checkout, checkoutEvent(body({ checkIn: addDays(start, 35), checkOut: addDays(start, 36) }), 'reused-key'));
    expect(first.statusCode).toBe(201);
    const second = await invoke(checkout, checkoutEvent(body({ checkIn: addDays(start, 35), checkOut: addDays(start, 37) }), 'reused-key'));
    expect(second.statusCode).toBe(422);
    expect(second.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it.each([
    ['a stay of 0 nights', { checkOut: start }, 'body.checkOut'],
    ['31 nights', { checkOut: addDays(start, 31) }, 'body.checkOut'],
    ['10 rooms', { rooms: 10 }, 'body.rooms'],
    ['a date in the past', { checkIn: '2020-01-01', checkOut: '2020-01-02' }, 'body.checkIn'],
    ['too many guests', { guests: 3 }, 'body.guests'],
    ['an amount sent by the client', { amount: 1 }, 'body'],
    ['a card number', { payment: { paymentMethodId: '4242424242424242' } }, 'body.payment.paymentMethodId'],
    ['a bad e-mail', { guestInfo: { firstName: 'a', lastName: 'b', email: 'nope', phone: '+82 10 1234 5678' } }, 'body.guestInfo.email'],
    ['a PMS vendor the hotel does not use', { vendor: 'opera' }, 'body.vendor'],
    ['an unknown PMS vendor', { vendor: 'mews' }, 'body.vendor'],
  ])('refuses %s with 422 and writes nothing', async (_name, overrides, field) => {
    const before = h.aws.stepFunctions.list().length;
    const res = await invoke(checkout, checkoutEvent(body(overrides)));
    expect(res.statusCode).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(h.aws.stepFunctions.list().length).toBe(before);
  });

  it('refuses a missing Idempotency-Key with 422', async () => {
    const res = await invoke(checkout, httpEvent(routes.checkout, { body: body() }));
    expect(res.statusCode).toBe(422);
    expect(res.body.error.details[0].field).toBe('headers.idempotency-key');
  });

  it('answers 404 for an unknown hotel', async () => {
    const res = await invoke(checkout, checkoutEvent(body({ hotelId: 'htl_none' })));
    expect(res.statusCode).toBe(404);
  });

  it('releases expired holds from the schedule, once', async () => {
    const past = new Date(Date.now() - 10 * 60_000);
    await h.container.holds.place(
      { bookingId: 'bk_stale', hotelId: HOTEL, roomTypeId: ROOM, nights: [addDays(start, 38)], rooms: 2, expiresAt: new Date(past.getTime() + 180_000).toISOString() },
      past,
    );
    const [before] = await h.container.inventory.getNights(HOTEL, ROOM, addDays(start, 38), addDays(start, 38));
    expect(before!.reserved).toBe(2);
    const first = (await releaseExpiredHolds({} as never, {} as never)) as { released: number };
    const second = (await releaseExpiredHolds({} as never, {} as never)) as { released: number };
    expect([first.released, second.released]).toEqual([1, 0]);
    const [after] = await h.container.inventory.getNights(HOTEL, ROOM, addDays(start, 38), addDays(start, 38));
    expect(after!.reserved).toBe(0);
  });

  async function startSagaHarnessWithTtl() {
    const harness = await startSagaHarness({ HOLD_TTL_SECONDS: '1' });
    await seed(harness);
    return harness;
  }
});
