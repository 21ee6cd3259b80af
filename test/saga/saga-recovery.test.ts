import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as checkout } from '../../functions/booking/checkout.ts';
import { FaultRegistry } from '../../local/faults/fault-registry.ts';
import { startLocalAws, type LocalAws } from '../../local/aws/local-aws.ts';
import { createFunctionInvoker } from '../../local/handlers/function-invoker.ts';
import { startStripeSimulator, type StripeSimulator } from '../../local/simulators/payment/stripe-simulator.ts';
import { recoveryDeps } from '../../shared/composition/recovery.deps.ts';
import { addDays, todayIn } from '../../shared/domain/dates.ts';
import { routes } from '../../shared/http/route-table.ts';
import { recoverStaleBookings } from '../../shared/use-cases/checkout/recover-stale-bookings.use-case.ts';
import { resetTestConfig, useTestConfig, type TestAdapters } from '../support/composition.ts';
import { createTestTable, testConfig } from '../support/dynamodb.ts';
import { httpEvent, invoke } from '../support/events.ts';
import { aHotel, aRatePlan, aRoomType, nights } from '../support/fixtures.ts';
import { assertInventoryInvariant } from '../support/saga-harness.ts';

/**
 * Issue 12, "no saga dies silently", for real: the checkout ASL in the local Step Functions
 * emulator on a data directory, DynamoDB Local and the Stripe simulator. The runner is killed just
 * as it hands a chosen Task to its Lambda (the Lambda still runs, late, as one does on AWS); a new
 * runner starts on the same directory (the dead execution is ABORTED there) and the recovery job,
 * its clock moved past the grace time, brings the booking to a terminal state through a recovery
 * execution of the same state machine.
 */
const HOTEL = 'htl_recover';
const ROOM = 'rt_five';
const start = addDays(todayIn('Asia/Seoul'), 25);
let keySeq = 0;

function checkoutEvent() {
  return httpEvent(routes.checkout, {
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
    headers: { 'idempotency-key': `recover-key-${++keySeq}` },
  });
}

describe('recovery of a saga whose runner died (local stack on a data directory)', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let stripe: StripeSimulator;
  let container: TestAdapters;
  const dirs: string[] = [];

  beforeAll(async () => {
    table = await createTestTable();
    stripe = await startStripeSimulator({ faults: new FaultRegistry() });
    container = useTestConfig(testConfig(table.tableName, table.endpoint, {}));
    await container.catalog.putHotel(aHotel({ hotelId: HOTEL, currency: 'KRW' }));
    await container.catalog.putRoomType(aRoomType({ hotelId: HOTEL, roomTypeId: ROOM, maxOccupancy: 2 }));
    await container.catalog.putRatePlan(aRatePlan({ hotelId: HOTEL, roomTypeId: ROOM }));
    await container.inventory.createNights(nights(HOTEL, ROOM, start, addDays(start, 5), 5, 100_000, 'KRW'));
  });

  afterAll(async () => {
    await stripe.stop();
    resetTestConfig();
    await table.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** A runner on `dataDir` whose composition points at it; `dieAt` kills it as that Task starts. */
  async function runner(dataDir: string, dieAt?: string): Promise<{ aws: LocalAws; died: Promise<unknown> }> {
    const real = createFunctionInvoker({ region: 'local' });
    let diedWith: (late: Promise<unknown>) => void = () => undefined;
    // Resolves once the runner died, with the late Task's own end (awaiting it awaits both).
    const died = new Promise<Promise<unknown>>((resolve) => (diedWith = resolve)).then((late) => late);
    let aws: LocalAws | undefined;
    const invokeTask = async (handler: string, input: unknown) => {
      if (handler === dieAt && aws) {
        aws.stepFunctions.kill();
        diedWith(real(handler, input).catch((error: unknown) => error));
        return new Promise(() => undefined);
      }
      return real(handler, input);
    };
    aws = await startLocalAws({ invoke: invokeTask, retryIntervalMs: 5, waitMs: 20, dataDir });
    container = useTestConfig(
      testConfig(table.tableName, table.endpoint, {
        ...aws.env,
        STRIPE_SECRET_KEY: stripe.secretKey,
        STRIPE_API_BASE: stripe.url,
        STRIPE_TIMEOUT_MS: '2000',
        CHECKOUT_WAIT_MS: '300',
      }),
    );
    return { aws, died };
  }

  async function dieAt(task: string) {
    const dataDir = mkdtempSync(join(tmpdir(), 'saga-recovery-'));
    dirs.push(dataDir);
    const first = await runner(dataDir, task);
    const res = await invoke(checkout, checkoutEvent());
    expect(res.statusCode).toBe(202);
    const bookingId = res.body.data.bookingId as string;
    await first.died;
    await first.aws.stop();
    const second = await runner(dataDir);
    return { bookingId, aws: second.aws };
  }

  /** One run of the job, its clock past the grace time, then the recovery execution to its end. */
  async function recover(aws: LocalAws) {
    const deps = recoveryDeps();
    const report = await recoverStaleBookings({ ...deps, clock: () => new Date(Date.now() + (deps.graceSeconds + 60) * 1000) });
    await aws.stepFunctions.idle();
    return report;
  }

  it('compensates a booking whose runner died before the authorization: nothing authorized, rooms back, FAILED, one recovery', async () => {
    // The checkout placed the hold in the booking's own write; the runner dies as the saga begins.
    const { bookingId, aws } = await dieAt('saga/hold-rooms');
    try {
      const executions = aws.stepFunctions.list().map((e) => [e.name.split('-')[0], e.status]);

      const report = await recover(aws);
      const again = await recover(aws);

      expect(executions).toEqual([['checkout', 'ABORTED']]);
      expect(report.outcomes).toEqual({ compensating: [bookingId] });
      expect(again.examined).toBe(0);
      expect(await container.bookings.get(bookingId)).toMatchObject({ status: 'FAILED', payment: { status: 'NONE' } });
      expect(stripe.state.ledger(bookingId)).toMatchObject({ authorizedMinor: 0, heldMinor: 0, capturedMinor: 0 });
      expect(await container.holds.get(bookingId)).toMatchObject({ status: 'RELEASED' });
      expect(aws.stepFunctions.list().find((e) => e.name.startsWith('recover-'))?.status).toBe('FAILED');
      await assertInventoryInvariant({ table, aws } as never);
    } finally {
      await aws.stop();
    }
  });

  it('finishes a booking whose runner died at the authorization that still happened (which, without a PMS, also confirmed it): CONFIRMED, captured once', async () => {
    const { bookingId, aws } = await dieAt('saga/authorize-payment');
    try {
      const report = await recover(aws);
      const again = await recover(aws);

      expect(report.outcomes).toEqual({ resumed: [bookingId] });
      expect(again.examined).toBe(0);
      const booking = await container.bookings.get(bookingId);
      expect(booking).toMatchObject({ status: 'CONFIRMED', payment: { status: 'CAPTURED' } });
      expect(stripe.state.ledger(bookingId)).toMatchObject({ authorizedMinor: booking!.totalMinor, capturedMinor: booking!.totalMinor, heldMinor: 0, voidedMinor: 0 });
      expect(await container.holds.get(bookingId)).toMatchObject({ status: 'CONVERTED' });
      await assertInventoryInvariant({ table, aws } as never);
    } finally {
      await aws.stop();
    }
  });

  it('finishes a booking whose runner died at the capture that still happened: CONFIRMED, captured once', async () => {
    const { bookingId, aws } = await dieAt('saga/capture-payment');
    try {
      const report = await recover(aws);

      expect(report.outcomes).toEqual({ resumed: [bookingId] });
      const booking = await container.bookings.get(bookingId);
      expect(booking).toMatchObject({ status: 'CONFIRMED', payment: { status: 'CAPTURED' } });
      expect(stripe.state.ledger(bookingId)).toMatchObject({ capturedMinor: booking!.totalMinor, heldMinor: 0, refundedMinor: 0 });
      expect(await container.holds.get(bookingId)).toMatchObject({ status: 'CONVERTED' });
      expect(aws.stepFunctions.list().find((e) => e.name.startsWith('recover-'))?.status).toBe('SUCCEEDED');
      await assertInventoryInvariant({ table, aws } as never);
    } finally {
      await aws.stop();
    }
  });
});
