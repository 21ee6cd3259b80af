import type { FaultMode } from '../../faults/fault-registry.ts';
import type { SimCharge, SimPaymentIntent, SimRefund } from './stripe-objects.ts';

/**
 * The payment simulator's memory: intents, charges, refunds, stored idempotent replies, per-booking
 * counts of what executed, and a short log of requests. Tests read it through `state`.
 */

/** Operations that executed (replays and rejected requests are not counted). */
export interface BookingCounts {
  creates: number;
  captures: number;
  cancels: number;
  refunds: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  idempotencyKey?: string;
  stripeVersion?: string;
  replayed: boolean;
  /** The fault that answered this request, if one did. */
  fault?: FaultMode;
}

export interface StripeSimulatorState {
  intent(id: string): SimPaymentIntent | undefined;
  intents(): SimPaymentIntent[];
  intentsForBooking(bookingId: string): SimPaymentIntent[];
  refunds(): SimRefund[];
  counts(bookingId: string): BookingCounts;
  /** The last 1,000 requests, oldest first. */
  requests(): RecordedRequest[];
  /** Forgets everything: intents, refunds, idempotency keys, counters, the request log. */
  reset(): void;
}

/** The first response to an Idempotency-Key, replayed to every repeat. */
export interface StoredReply {
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
}

const REQUEST_LOG_LIMIT = 1_000;

export class SimulatorStore {
  readonly intents = new Map<string, SimPaymentIntent>();
  readonly charges = new Map<string, SimCharge>();
  readonly refunds = new Map<string, SimRefund>();
  readonly idempotency = new Map<string, StoredReply>();
  readonly counts = new Map<string, BookingCounts>();
  readonly log: RecordedRequest[] = [];

  count(bookingId: string | undefined, field: keyof BookingCounts): void {
    if (!bookingId) return;
    const c = this.counts.get(bookingId) ?? { creates: 0, captures: 0, cancels: 0, refunds: 0 };
    c[field] += 1;
    this.counts.set(bookingId, c);
  }

  record(entry: RecordedRequest): void {
    this.log.push(entry);
    if (this.log.length > REQUEST_LOG_LIMIT) this.log.shift();
  }

  reset(): void {
    this.intents.clear();
    this.charges.clear();
    this.refunds.clear();
    this.idempotency.clear();
    this.counts.clear();
    this.log.length = 0;
  }
}
