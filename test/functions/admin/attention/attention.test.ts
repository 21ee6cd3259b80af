import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as getAttention } from '../../../../functions/admin/attention/get-attention.ts';
import { handler as listDeadLetters } from '../../../../functions/admin/dead-letters/list-dead-letters.ts';
import { handler as resolve } from '../../../../functions/admin/attention/resolve-booking.ts';
import { handler as retry } from '../../../../functions/admin/attention/retry-compensation.ts';
import { handler as checkout } from '../../../../functions/booking/checkout.ts';
import { handler as guestGetBooking } from '../../../../functions/bookings/get-booking.ts';
import { addDays, todayIn } from '../../../../shared/domain/dates.ts';
import { routes } from '../../../../shared/http/route-table.ts';
import { SAGA_DLQ_NAME } from '../../../../local/aws/local-aws.ts';
import { httpEvent, invoke } from '../../../support/events.ts';
import { aHotel, aRatePlan, aRoomType, nights } from '../../../support/fixtures.ts';
import { assertInventoryInvariant, startSagaHarness, type SagaHarness } from '../../../support/saga-harness.ts';

/**
 * The "Needs attention" routes for real: a checkout whose capture and void both keep failing ends
 * NEEDS_ATTENTION with its authorization still open (the local state machine, DynamoDB Local, the
 * Stripe simulator); then an admin reads what is held, retries the compensation or resolves it.
 */
const HOTEL = 'htl_attention';
const ROOM = 'rt_att';
const start = addDays(todayIn('Asia/Seoul'), 30);
const admin = { sub: 'admin-att-1', 'cognito:groups': '[admin]' };
const guest = { sub: 'guest-1', email: 'jiwoo@example.com', email_verified: 'true', 'cognito:groups': '[guest]' };
let seq = 0;

describe('POST /api/admin/bookings/{id}/retry-compensation and /resolve, GET .../attention', () => {
  let h: SagaHarness;

  async function escalated(): Promise<string> {
    h.faults.arm({ point: 'payment.capture', mode: 'error', times: 50 });
    h.faults.arm({ point: 'payment.void', mode: 'error', times: 50 });
    const res = await invoke(
      checkout,
      httpEvent(routes.checkout, {
        headers: { 'idempotency-key': `attention-${++seq}` },
        body: {
          hotelId: HOTEL,
          roomTypeId: ROOM,
          checkIn: start,
          checkOut: addDays(start, 2),
          rooms: 1,
          guests: 2,
          guestInfo: { firstName: 'Ji-woo', lastName: 'Park', email: 'jiwoo@example.com', phone: '+82 10 1234 5678' },
          payment: { paymentMethodId: 'pm_card_visa' },
        },
      }),
    );
    await h.aws.idle();
    h.faults.clear();
    return res.body.error.details.bookingId as string;
  }

  const letters = async (status: 'open' | 'resolved', bookingId: string, claims: Record<string, unknown> = admin) => {
    const res = await invoke(listDeadLetters, httpEvent(routes.adminListDeadLetters, { query: { status, limit: '100' }, claims }));
    return { statusCode: res.statusCode, mine: res.statusCode === 200 ? (res.body.data as Array<Record<string, unknown>>).filter((l) => l.bookingId === bookingId) : [] };
  };

  const call = (handler: typeof retry, route: (typeof routes)[keyof typeof routes], bookingId: string, extra: { body?: unknown; claims?: Record<string, unknown> } = {}) =>
    invoke(handler, httpEvent(route, { params: { bookingId }, claims: extra.claims ?? admin, ...(extra.body !== undefined ? { body: extra.body } : {}) }));

  beforeAll(async () => {
    h = await startSagaHarness();
    await h.container.catalog.putHotel(aHotel({ hotelId: HOTEL, currency: 'KRW' }));
    await h.container.catalog.putRoomType(aRoomType({ hotelId: HOTEL, roomTypeId: ROOM, maxOccupancy: 2 }));
    await h.container.catalog.putRatePlan(aRatePlan({ hotelId: HOTEL, roomTypeId: ROOM }));
    await h.container.inventory.createNights(nights(HOTEL, ROOM, start, addDays(start, 10), 10, 100_000, 'KRW'));
  });

  afterAll(async () => {
    await h.stop();
  });

  beforeEach(() => h.faults.clear());

  it('shows the open authorization, then a retry voids it once and closes the booking; a second retry answers ALREADY_RESOLVED', async () => {
    // Prepare
    const bookingId = await escalated();

    // Act
    const held = await call(getAttention, routes.adminGetBookingAttention, bookingId);
    const first = await call(retry, routes.adminRetryCompensation, bookingId);
    const second = await call(retry, routes.adminRetryCompensation, bookingId);
    const asGuest = await invoke(guestGetBooking, httpEvent(routes.getBooking, { params: { bookingId }, claims: guest }));

    // Assess
    expect(held.statusCode).toBe(200);
    expect(held.body.data).toMatchObject({
      booking: { status: 'NEEDS_ATTENTION' },
      held: { payments: { reachable: true, items: [expect.objectContaining({ status: 'AUTHORIZED' })] } },
    });
    expect(held.body.data.unsettled).toContain('voidPayment');
    expect(first.statusCode).toBe(200);
    expect(first.body.data).toMatchObject({ outcome: 'RESOLVED', booking: { status: 'FAILED', resolution: { via: 'retry-compensation', by: admin.sub } } });
    expect(first.body.data.ran).toContainEqual({ name: 'voidPayment', status: 'SUCCEEDED' });
    expect(second.body.data).toMatchObject({ outcome: 'ALREADY_RESOLVED', ran: [] });
    expect(h.stripe.state.ledger(bookingId)).toMatchObject({ heldMinor: 0, capturedMinor: 0 });
    expect(h.stripe.state.counts(bookingId)).toMatchObject({ cancels: 1 });
    expect(asGuest.body.data.steps.some((s: Record<string, unknown>) => 'by' in s || 'note' in s)).toBe(false);
    await assertInventoryInvariant(h);
  });

  it('resolves with a required note (422 without one, nothing written), once; 409 for a booking that never needed attention; 403 for a guest', async () => {
    const bookingId = await escalated();

    const noNote = await call(resolve, routes.adminResolveBooking, bookingId, { body: { note: '   ' } });
    const asGuest = await call(resolve, routes.adminResolveBooking, bookingId, { body: { note: 'x' }, claims: guest });
    const resolved = await call(resolve, routes.adminResolveBooking, bookingId, { body: { note: 'Voided pi_ in the Stripe dashboard.' } });
    const again = await call(resolve, routes.adminResolveBooking, bookingId, { body: { note: 'another' } });
    const confirmedId = (
      await invoke(
        checkout,
        httpEvent(routes.checkout, {
          headers: { 'idempotency-key': `attention-${++seq}` },
          body: {
            hotelId: HOTEL,
            roomTypeId: ROOM,
            checkIn: start,
            checkOut: addDays(start, 1),
            rooms: 1,
            guests: 1,
            guestInfo: { firstName: 'Min', lastName: 'Kim', email: 'min@example.com', phone: '+82 10 5555 0000' },
            payment: { paymentMethodId: 'pm_card_visa' },
          },
        }),
      )
    ).body.data.bookingId as string;
    const notInAttention = await call(retry, routes.adminRetryCompensation, confirmedId);

    expect(noNote.statusCode).toBe(422);
    expect(asGuest.statusCode).toBe(403);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.body.data).toMatchObject({ outcome: 'RESOLVED', booking: { status: 'FAILED', resolution: { via: 'resolve', by: admin.sub, note: 'Voided pi_ in the Stripe dashboard.' } } });
    expect(again.body.data).toMatchObject({ outcome: 'ALREADY_RESOLVED', booking: { resolution: { note: 'Voided pi_ in the Stripe dashboard.' } } });
    expect(notInAttention.statusCode).toBe(409);
    expect(notInAttention.body.error.code).toBe('BOOKING_NOT_IN_ATTENTION');
    // Resolving by hand undoes nothing: the authorization the admin says they voided is left to them.
    expect(h.stripe.state.counts(bookingId)).toMatchObject({ cancels: 0 });
    expect((await letters('resolved', bookingId)).mine).toEqual([expect.objectContaining({ resolution: expect.objectContaining({ via: 'resolve', by: admin.sub }) })]);
  });
  it('lists the dead letter the escalation recorded (still in the SQS queue for the alarm), then shows it resolved once the retry resolved the booking; 403 for a hotel manager', async () => {
    // Prepare
    const bookingId = await escalated();

    // Act
    const before = await letters('open', bookingId);
    const asManager = await letters('open', bookingId, { sub: 'hm_att', 'cognito:groups': '[hotel_manager]', 'custom:hotel_ids': HOTEL });
    const retried = await call(retry, routes.adminRetryCompensation, bookingId);
    const openAfter = await letters('open', bookingId);
    const resolvedAfter = await letters('resolved', bookingId);

    // Assess
    expect(before.statusCode).toBe(200);
    expect(before.mine).toEqual([
      expect.objectContaining({ bookingId, hotelId: HOTEL, kind: 'checkout', status: 'open', reason: expect.stringContaining('voidPayment'), failures: expect.arrayContaining([expect.objectContaining({ step: 'voidPayment' })]) }),
    ]);
    expect(JSON.stringify(before.mine)).not.toContain('pm_card_visa');
    expect(h.aws.queues.messages(SAGA_DLQ_NAME).some((m) => m.body.includes(bookingId))).toBe(true);
    expect(asManager.statusCode).toBe(403);
    expect(retried.body.data.outcome).toBe('RESOLVED');
    expect(openAfter.mine).toEqual([]);
    expect(resolvedAfter.mine).toEqual([expect.objectContaining({ status: 'resolved', resolution: { via: 'retry-compensation', by: admin.sub, at: expect.any(String) } })]);
  });
});
