import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as checkout } from '../../functions/booking/checkout.ts';
import { startPmsSimulator, type PmsSimulator } from '../../local/simulators/pms/pms-simulator.ts';
import { recoveryDeps } from '../../shared/composition/recovery.deps.ts';
import { addDays, todayIn } from '../../shared/domain/dates.ts';
import type { HttpApiEvent } from '../../shared/http/api-handler.ts';
import { routes } from '../../shared/http/route-table.ts';
import { recoverStaleBookings } from '../../shared/use-cases/checkout/recover-stale-bookings.use-case.ts';
import { httpEvent, invoke } from '../support/events.ts';
import { aHotel, aRatePlan, aRoomType, nights } from '../support/fixtures.ts';
import { assertInventoryInvariant, connectToSimulatedPms, startSagaHarness, type SagaHarness } from '../support/saga-harness.ts';
import { storageStall } from '../support/storage-stall.ts';

/**
 * Issue 12: a storage stall longer than every step timeout in the middle of checkouts. Checkouts
 * start (a hotel on the generic PMS, a hotel without PMS); once their sagas run, DynamoDB stops
 * answering: every saga Task times out (the emulator's Task timeouts are cut to 1 s; the Lambdas
 * go on, their writes held), the sagas give up, and the API handler, its remaining time short,
 * answers before its deadline. Two more checkouts arrive during the stall. Once every saga has
 * ended the stall is lifted: the held writes land late, the clients repeat their keys, and the
 * recovery job (its clock past the grace time) settles what is left. Then: no bare 500s, every
 * booking terminal, no open authorization or PMS reservation outside a CONFIRMED booking, one PMS
 * reservation per CONFIRMED booking on the PMS hotel, and the inventory invariant.
 */
const start = addDays(todayIn('Asia/Seoul'), 14);
const GENERIC = { hotelId: 'htl_stall_generic', roomTypeId: 'rt_ocean', pmsRoomTypeId: 'ocean-double' };
const PLAIN = { hotelId: 'htl_stall_plain', roomTypeId: 'rt_plain' };
const TERMINAL = ['CONFIRMED', 'FAILED', 'NEEDS_ATTENTION'];

function checkoutEvent(target: { hotelId: string; roomTypeId: string }, key: string): HttpApiEvent {
  return httpEvent(routes.checkout, {
    headers: { 'idempotency-key': key },
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
  });
}

/** The checkout as API Gateway's Lambda runs it, with little time left: the answer-before-deadline path. */
async function checkoutWithDeadline(event: HttpApiEvent): Promise<{ statusCode: number; body: any }> {
  const context = { getRemainingTimeInMillis: () => 2_500, functionName: 'checkout', awsRequestId: 'req-stall' };
  const result = (await (checkout as unknown as (e: HttpApiEvent, c: unknown) => Promise<{ statusCode: number; body: string }>)(event, context));
  return { statusCode: result.statusCode, body: JSON.parse(result.body) };
}

/** Polls an outcome (never a wall-clock margin): the wait ends when it holds. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await sleep(20);
}

describe('a storage stall longer than every step timeout, in the middle of checkouts', () => {
  let h: SagaHarness;
  let sim: PmsSimulator;
  const stall = storageStall();

  beforeAll(async () => {
    h = await startSagaHarness({ CHECKOUT_WAIT_MS: '20000' }, { taskTimeoutSeconds: 1 });
    sim = await startPmsSimulator({ faults: h.faults });
    for (const target of [GENERIC, PLAIN]) {
      await h.container.catalog.putHotel(aHotel({ hotelId: target.hotelId }));
      await h.container.catalog.putRoomType(aRoomType({ hotelId: target.hotelId, roomTypeId: target.roomTypeId }));
      await h.container.catalog.putRatePlan(aRatePlan({ hotelId: target.hotelId, roomTypeId: target.roomTypeId }));
      await h.container.inventory.createNights(nights(target.hotelId, target.roomTypeId, start, addDays(start, 10), 10));
    }
    await connectToSimulatedPms(h, sim, 'generic', GENERIC.hotelId, { [GENERIC.roomTypeId]: GENERIC.pmsRoomTypeId });
  });

  afterAll(async () => {
    stall.lift();
    await stall.quiet();
    await h?.lambdasIdle();
    await h?.stop();
    await sim?.stop();
  });

  it('answers in our envelope, settles every booking, leaves no open authorization or stray PMS reservation, keeps the inventory invariant', async () => {
    // Prepare: four checkouts whose sagas are running, then DynamoDB stops answering.
    const targets = [GENERIC, PLAIN, GENERIC, PLAIN, GENERIC, PLAIN];
    const keys = targets.map((_, i) => `stall-${i}`);
    const answers: Promise<{ statusCode: number; body: any }>[] = targets.slice(0, 4).map((t, i) => checkoutWithDeadline(checkoutEvent(t, keys[i]!)));
    await until(() => h.aws.stepFunctions.list().length >= 4);
    stall.arm();

    // Act: two more arrive during the stall; the stall outlasts every step's timeout (every saga ends).
    answers.push(...targets.slice(4).map((t, i) => checkoutWithDeadline(checkoutEvent(t, keys[4 + i]!))));
    const first = await Promise.all(answers);
    await h.aws.stepFunctions.idle();
    const heldAtLift = stall.held();
    stall.lift();
    await settle();
    // The clients repeat their keys; the recovery job runs until nothing is left PENDING.
    const rejoined = await Promise.all(targets.map((t, i) => invoke(checkout, checkoutEvent(t, keys[i]!))));
    const bookingIds = rejoined.map((res) => (res.body.data?.bookingId ?? res.body.error?.details?.bookingId) as string);
    for (let round = 0; round < 5; round++) {
      const statuses = await Promise.all(bookingIds.map(async (id) => (await h.container.bookings.get(id))?.status));
      if (statuses.every((s) => s !== undefined && TERMINAL.includes(s))) break;
      const deps = recoveryDeps();
      await recoverStaleBookings({ ...deps, clock: () => new Date(Date.now() + (deps.graceSeconds + 60 * (round + 1)) * 1000) });
      await settle();
    }
    const final = await Promise.all(targets.map((t, i) => invoke(checkout, checkoutEvent(t, keys[i]!))));

    // Assess
    expect(heldAtLift).toBeGreaterThan(0);
    // While the outcome is unknown: 202 PENDING once the booking is stored, 503 in our envelope before.
    for (const res of first) {
      if (res.statusCode === 202) expect(res.body).toMatchObject({ success: true, data: { status: 'PENDING' } });
      else expect({ status: res.statusCode, code: res.body.error?.code }).toEqual({ status: 503, code: expect.stringMatching(/^(TIMED_OUT|STORAGE_UNAVAILABLE)$/) });
    }
    expect(first.filter((res) => res.statusCode === 202).length).toBeGreaterThan(0);
    for (const res of rejoined) {
      expect(res.statusCode).not.toBe(500);
      expect(res.body.success === true || typeof res.body.error?.code === 'string').toBe(true);
    }
    expect(new Set(bookingIds).size).toBe(targets.length);
    for (const [i, bookingId] of bookingIds.entries()) {
      const booking = await h.container.bookings.get(bookingId);
      expect(TERMINAL).toContain(booking?.status);
      // The repeated key answers the booking's real outcome: 201, or the error its failure code stands for (never a 500).
      const answer = final[i]!;
      if (booking?.status === 'CONFIRMED') expect(answer.statusCode).toBe(201);
      else expect({ status: answer.statusCode, code: answer.body.error?.code }).toEqual({ status: expect.any(Number), code: booking?.failureCode });
      expect(answer.statusCode).not.toBe(500);
      const ledger = h.stripe.state.ledger(bookingId);
      const live = sim.state.reservations.filter((r) => r.externalId === bookingId && r.status !== 'cancelled');
      if (booking?.status === 'CONFIRMED') {
        expect({ bookingId, held: ledger.heldMinor, net: ledger.netMinor }).toEqual({ bookingId, held: 0, net: booking.totalMinor });
        expect(live).toHaveLength(targets[i] === GENERIC ? 1 : 0);
      } else {
        expect({ bookingId, held: ledger.heldMinor }).toEqual({ bookingId, held: 0 });
        expect(live).toHaveLength(0);
      }
    }
    await assertInventoryInvariant(h);
  });

  /** Waits until every late write, Lambda and execution has finished. */
  async function settle(): Promise<void> {
    for (;;) {
      await stall.quiet();
      await h.lambdasIdle();
      await h.aws.idle();
      if (h.aws.stepFunctions.list().every((e) => e.status !== 'RUNNING')) return;
    }
  }
});
