import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as checkout } from '../../functions/booking/checkout.ts';
import { startPmsSimulator, type PmsSimulator } from '../../local/simulators/pms/pms-simulator.ts';
import { addDays, todayIn } from '../../shared/domain/dates.ts';
import type { PmsVendor } from '../../shared/domain/pms.ts';
import { routes } from '../../shared/http/route-table.ts';
import { httpEvent, invoke } from '../support/events.ts';
import { aHotel, aRatePlan, aRoomType, nights } from '../support/fixtures.ts';
import { assertInventoryInvariant, connectToSimulatedPms, startSagaHarness, type SagaHarness } from '../support/saga-harness.ts';

/**
 * Issue 12: "the call times out but its effect happens", at every PMS and payment step of the
 * checkout, for every vendor. The simulators carry out each request at once and hold the answer
 * past the client's timeout (`late`), on every attempt. Afterwards, per booking: a terminal state;
 * exactly one live PMS reservation when CONFIRMED and none otherwise; no open authorization, and
 * money kept only by a CONFIRMED booking (checked against the payment simulator's ledger); the
 * inventory invariant.
 */
const start = addDays(todayIn('Asia/Seoul'), 12);
let seq = 0;

const HOTELS: Record<PmsVendor, { hotelId: string; roomTypeId: string; pmsRoomTypeId: string }> = {
  generic: { hotelId: 'htl_late_generic', roomTypeId: 'rt_ocean', pmsRoomTypeId: 'ocean-double' },
  cloudbeds: { hotelId: 'htl_late_cb', roomTypeId: 'rt_deluxe', pmsRoomTypeId: '501101' },
  opera: { hotelId: 'htl_late_opera', roomTypeId: 'rt_twin', pmsRoomTypeId: 'STDT' },
};

/** Every point a checkout reaches without another failure (`pms.hold`: only generic hotels hold in the PMS). */
const CASES: [PmsVendor, string][] = [
  ['generic', 'pms.hold'],
  ...(['generic', 'cloudbeds', 'opera'] as const).flatMap((vendor) =>
    ['pms.confirm', 'payment.authorize', 'payment.capture'].map((point) => [vendor, point] as [PmsVendor, string]),
  ),
];

describe('late effects: every call times out after it took effect', () => {
  let h: SagaHarness;
  let sim: PmsSimulator;

  beforeAll(async () => {
    h = await startSagaHarness();
    sim = await startPmsSimulator({ faults: h.faults });
    for (const [vendor, target] of Object.entries(HOTELS) as [PmsVendor, (typeof HOTELS)[PmsVendor]][]) {
      await h.container.catalog.putHotel(aHotel({ hotelId: target.hotelId }));
      await h.container.catalog.putRoomType(aRoomType({ hotelId: target.hotelId, roomTypeId: target.roomTypeId }));
      await h.container.catalog.putRatePlan(aRatePlan({ hotelId: target.hotelId, roomTypeId: target.roomTypeId }));
      await h.container.inventory.createNights(nights(target.hotelId, target.roomTypeId, start, addDays(start, 10), 10));
      await connectToSimulatedPms(h, sim, vendor, target.hotelId, { [target.roomTypeId]: target.pmsRoomTypeId });
    }
  });

  afterAll(async () => {
    await h.stop();
    await sim.stop();
  });

  beforeEach(() => h.faults.clear());
  afterEach(async () => assertInventoryInvariant(h));

  it.each(CASES)('%s, %s: one live reservation per CONFIRMED booking, none otherwise, no open authorization', async (vendor, point) => {
    // Prepare: every attempt at this point is carried out, its answer lost.
    const target = HOTELS[vendor];
    h.faults.arm({ point, mode: 'late', times: 30, delayMs: 3_000, ...(point.startsWith('pms.') ? { vendor } : {}) });

    // Act
    const res = await invoke(
      checkout,
      httpEvent(routes.checkout, {
        headers: { 'idempotency-key': `late-${++seq}` },
        body: {
          hotelId: target.hotelId,
          roomTypeId: target.roomTypeId,
          checkIn: start,
          checkOut: addDays(start, 2),
          rooms: 1,
          guests: 2,
          guestInfo: { firstName: 'Min', lastName: 'Kim', email: 'min@example.com', phone: '+82 10 5555 0000' },
          payment: { paymentMethodId: 'pm_card_visa' },
        },
      }),
    );
    await h.aws.idle();
    const bookingId = (res.body.data?.bookingId ?? res.body.error?.details?.bookingId) as string;
    const booking = await h.container.bookings.get(bookingId);

    // Assess
    expect(['CONFIRMED', 'FAILED']).toContain(booking?.status);
    const live = sim.state.reservations.filter((r) => r.externalId === bookingId && r.status !== 'cancelled');
    const ledger = h.stripe.state.ledger(bookingId);
    expect(ledger.heldMinor).toBe(0);
    if (booking?.status === 'CONFIRMED') {
      expect(live).toHaveLength(1);
      expect(ledger.netMinor).toBe(booking.totalMinor);
    } else {
      expect(live).toHaveLength(0);
      expect(ledger.netMinor).toBe(0);
    }
  });
});
