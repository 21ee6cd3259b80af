import type { SQSEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as checkIn } from '../../functions/admin/bookings/check-in.ts';
import { handler as checkOut } from '../../functions/admin/bookings/check-out.ts';
import { handler as noShow } from '../../functions/admin/bookings/no-show.ts';
import { handler as adminRefund } from '../../functions/admin/bookings/refund-booking.ts';
import { handler as markNoShows } from '../../functions/jobs/mark-no-shows.ts';
import { handler as refundOwed } from '../../functions/jobs/refund-owed.ts';
import { handler as processWebhook } from '../../functions/webhooks/process-pms-webhook.ts';
import { genericEvent, startPmsSimulator, type PmsSimulator } from '../../local/simulators/pms/pms-simulator.ts';
import { clock } from '../../shared/composition/runtime.ts';
import { noShowDeadline } from '../../shared/domain/booking-policy.ts';
import { addDays, todayIn } from '../../shared/domain/dates.ts';
import { routes } from '../../shared/http/route-table.ts';
import { httpEvent, invoke } from '../support/events.ts';
import { aHotel, aRatePlan, aRoomType, nights } from '../support/fixtures.ts';
import { ADMIN, adminView, assertPaymentLedger, book } from '../support/lifecycle.ts';
import { assertInventoryInvariant, connectToSimulatedPms, startSagaHarness, type SagaHarness } from '../support/saga-harness.ts';

const OWN = { hotelId: 'htl_ops', roomTypeId: 'rt_std' };
const PMS = { hotelId: 'htl_ops_pms', roomTypeId: 'rt_ocean', pmsRoomTypeId: 'ocean-double' };
const today = todayIn('Asia/Seoul');
const day = (n: number) => addDays(today, n);
const admin = (route: (typeof routes)[keyof typeof routes], bookingId: string) => httpEvent(route, { params: { bookingId }, claims: ADMIN });

describe('hotel operations: check-in, check-out, no-shows, and status changes made in the PMS', () => {
  let h: SagaHarness;
  let sim: PmsSimulator;
  let seq = 0;

  /** A generic `reservation_update` for our booking, stored and handed to the webhook processor as SQS would. */
  async function pmsSays(bookingId: string, status: string) {
    const reservation = sim.state.reservations.find((r) => r.externalId === bookingId)!;
    const event = genericEvent({
      eventType: 'reservation_update',
      hotelId: reservation.pmsHotelId,
      roomTypeId: reservation.pmsRoomTypeId,
      data: { reservationId: reservation.reservationId, externalId: bookingId, status: status as 'cancelled', checkIn: reservation.checkIn, checkOut: reservation.checkOut, rooms: reservation.rooms },
    });
    await h.container.webhookEvents.create({
      vendor: 'generic',
      eventId: event.eventId,
      eventType: event.eventType,
      pmsHotelId: event.hotelId,
      roomTypeId: event.roomTypeId,
      payload: JSON.stringify(event),
      receivedAt: new Date().toISOString(),
      status: 'RECEIVED',
    } as never);
    const sqs = { Records: [{ messageId: `m-${++seq}`, body: JSON.stringify({ vendor: 'generic', eventId: event.eventId }) }] } as unknown as SQSEvent;
    const result = (await processWebhook(sqs, {} as never)) as { batchItemFailures: unknown[] };
    expect(result.batchItemFailures).toEqual([]);
    await h.aws.idle();
  }

  beforeAll(async () => {
    h = await startSagaHarness();
    sim = await startPmsSimulator({ faults: h.faults });
    for (const target of [OWN, PMS]) {
      await h.container.catalog.putHotel(aHotel({ hotelId: target.hotelId }));
      await h.container.catalog.putRoomType(aRoomType({ hotelId: target.hotelId, roomTypeId: target.roomTypeId }));
      await h.container.catalog.putRatePlan(aRatePlan({ hotelId: target.hotelId, roomTypeId: target.roomTypeId, isRefundable: true, cancellationHours: 48, cancellationFeePercent: 30 }));
      await h.container.inventory.createNights(nights(target.hotelId, target.roomTypeId, day(0), day(40), 5, 100_000));
    }
    await connectToSimulatedPms(h, sim, 'generic', PMS.hotelId, { [PMS.roomTypeId]: PMS.pmsRoomTypeId });
  });
  afterAll(async () => {
    await h.stop();
    await sim.stop();
  });
  beforeEach(() => h.faults.clear());
  afterEach(async () => {
    clock.override(undefined);
    await assertInventoryInvariant(h);
  });

  it('checks a guest in and out (admin), each once, with its event; other orders are refused with 409', async () => {
    const bookingId = await book({ ...OWN, checkIn: day(2), checkOut: day(4) });
    const early = await invoke(checkOut, admin(routes.adminCheckOut, bookingId));
    const inRes = await invoke(checkIn, admin(routes.adminCheckIn, bookingId));
    const again = await invoke(checkIn, admin(routes.adminCheckIn, bookingId));
    const outRes = await invoke(checkOut, admin(routes.adminCheckOut, bookingId));

    expect(early.body.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { from: 'CONFIRMED', to: 'CHECKED_OUT' } });
    expect(inRes.body.data.status).toBe('CHECKED_IN');
    expect(again.body.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { from: 'CHECKED_IN', to: 'CHECKED_IN' } });
    expect(outRes.body.data.status).toBe('CHECKED_OUT');
    await h.aws.idle();
    const events = h.aws.eventBus.events.filter((e) => (e.detail as { bookingId?: string }).bookingId === bookingId).map((e) => [e['detail-type'], (e.detail as { source?: string }).source]);
    expect(events).toEqual(expect.arrayContaining([['booking.checked_in', 'admin'], ['booking.checked_out', 'admin']]));
    await assertPaymentLedger(h, bookingId);
  });

  it('marks a no-show (admin): nights back, 30% kept, the rest refunded; the booking stays NO_SHOW', async () => {
    const bookingId = await book({ ...OWN, checkIn: day(5), checkOut: day(7) });
    const res = await invoke(noShow, admin(routes.adminNoShow, bookingId));
    expect(res.body.data).toMatchObject({ status: 'NO_SHOW', refundAmount: 140_000, feeAmount: 60_000 });
    const [night] = await h.container.inventory.getNights(OWN.hotelId, OWN.roomTypeId, day(5), day(5));
    expect(night!.reserved).toBe(0);
    expect(await assertPaymentLedger(h, bookingId)).toEqual({ capturedMinor: 200_000, refundedMinor: 140_000, netMinor: 60_000 });
    const again = await invoke(checkIn, admin(routes.adminCheckIn, bookingId));
    expect(again.statusCode).toBe(409);
  });

  it('the no-show job marks bookings past the no-show cut-off on their arrival day, and only those', async () => {
    const due = await book({ ...OWN, checkIn: day(1), checkOut: day(2) });
    const later = await book({ ...OWN, checkIn: day(2), checkOut: day(3) });
    const hotel = (await h.container.catalog.getHotel(OWN.hotelId))!;
    // 23:01 hotel time on the first booking's arrival day.
    clock.override(() => new Date(noShowDeadline(hotel, day(1)).getTime() + 60_000));
    const result = (await markNoShows({} as never, {} as never)) as { marked: number };
    await h.aws.idle();

    expect(result.marked).toBe(1);
    expect((await adminView(due)).status).toBe('NO_SHOW');
    expect((await adminView(later)).status).toBe('CONFIRMED');
    await assertPaymentLedger(h, due);
  });

  it('a hotel-side cancellation from a PMS webhook: CANCELLED_BY_HOTEL, nights back once, then refunded in full by the job', async () => {
    const bookingId = await book({ hotelId: PMS.hotelId, roomTypeId: PMS.roomTypeId, checkIn: day(10), checkOut: day(12) });
    const reservation = sim.state.reservations.find((r) => r.externalId === bookingId)!;
    await sim.cancelReservation(reservation.pmsHotelId, reservation.reservationId, { notify: false });
    await pmsSays(bookingId, 'cancelled');
    await pmsSays(bookingId, 'cancelled'); // redelivered: nothing twice

    expect(await adminView(bookingId)).toMatchObject({ status: 'CANCELLED_BY_HOTEL' });
    const [night] = await h.container.inventory.getNights(PMS.hotelId, PMS.roomTypeId, day(10), day(10));
    expect(night!.reserved).toBe(0);
    const first = (await refundOwed({} as never, {} as never)) as { started: number };
    await h.aws.idle();
    const second = (await refundOwed({} as never, {} as never)) as { started: number; resolved: number };

    expect(first.started).toBe(1);
    expect(second).toMatchObject({ started: 0, resolved: 1 });
    const booking = await adminView(bookingId);
    expect(booking).toMatchObject({ status: 'REFUNDED', payment: { refundedAmount: 200_000 } });
    expect(booking.changes.at(-1)).toMatchObject({ kind: 'refund', outcome: 'SUCCEEDED', refundedAmount: 200_000 });
    expect(await h.container.findings.get(`HOTEL_CANCELLED:${bookingId}`)).toMatchObject({ status: 'resolved' });
    expect(await assertPaymentLedger(h, bookingId)).toEqual({ capturedMinor: 200_000, refundedMinor: 200_000, netMinor: 0 });
  });

  it('check-in and check-out made in the PMS apply through the same transitions; one the machine refuses becomes a finding', async () => {
    const bookingId = await book({ hotelId: PMS.hotelId, roomTypeId: PMS.roomTypeId, checkIn: day(14), checkOut: day(15) });
    await pmsSays(bookingId, 'checked_in');
    expect((await adminView(bookingId)).status).toBe('CHECKED_IN');
    await pmsSays(bookingId, 'checked_out');
    expect((await adminView(bookingId)).status).toBe('CHECKED_OUT');

    await pmsSays(bookingId, 'cancelled');
    expect((await adminView(bookingId)).status).toBe('CHECKED_OUT');
    expect(await h.container.findings.get(`PMS_STATUS_REFUSED:${bookingId}:cancelled`)).toMatchObject({
      type: 'PMS_STATUS_REFUSED',
      status: 'open',
      bookingId,
      detail: expect.stringContaining('a CHECKED_OUT booking cannot become CANCELLED_BY_HOTEL'),
    });
  });

  it('a no-show reported by the PMS: NO_SHOW, nights back, what the terms give back refunded by an admin or the job', async () => {
    const bookingId = await book({ hotelId: PMS.hotelId, roomTypeId: PMS.roomTypeId, checkIn: day(17), checkOut: day(18) });
    await pmsSays(bookingId, 'no_show');
    expect(await adminView(bookingId)).toMatchObject({ status: 'NO_SHOW', cancellation: { reason: 'no-show', refundAmount: 70_000, feeAmount: 30_000 } });
    expect(await h.container.findings.get(`REFUND_DUE:${bookingId}`)).toMatchObject({ status: 'open' });
    const res = await invoke(adminRefund, admin(routes.adminRefundBooking, bookingId));
    expect(res.body.data).toMatchObject({ status: 'NO_SHOW', refundAmount: 70_000 });
    expect(await assertPaymentLedger(h, bookingId)).toEqual({ capturedMinor: 100_000, refundedMinor: 70_000, netMinor: 30_000 });
    const again = await invoke(adminRefund, admin(routes.adminRefundBooking, bookingId));
    expect(again.statusCode).toBe(409);
  });
});
