import type { FaultMode } from '../../faults/fault-registry.ts';
import { bookingLedger, bookingLedgers, type BookingLedger, type LedgerSource } from './stripe-ledger.ts';
import type { QuerySource } from './stripe-list-search.ts';
import type { SimCharge, SimPaymentIntent, SimRefund } from './stripe-objects.ts';
import { clone } from './stripe-replies.ts';

/**
 * The payment simulator's memory: intents, charges, refunds, what search has indexed of them,
 * stored idempotent replies, per-booking counts of what executed, and a short log of requests;
 * and the clock every `created` and `canceled_at` reads. Tests read it through `state`
 * (`simulatorState`), each booking's money included (`stripe-ledger.ts`).
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
  /** What moved for the booking: authorized, captured, refunded, voided and still-held amounts. */
  ledger(bookingId: string): BookingLedger;
  /** Every booking's ledger. */
  ledgers(): BookingLedger[];
  /** With `searchIndexing: 'manual'`: makes every intent searchable as it is now. */
  indexSearch(): void;
  /** Forgets every stored Idempotency-Key, as Stripe does after 24 hours; objects stay. */
  expireIdempotencyKeys(): void;
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

export class SimulatorStore implements QuerySource, LedgerSource {
  readonly intents = new Map<string, SimPaymentIntent>();
  /** With manual search indexing: what search sees of each intent. */
  readonly searchIndex = new Map<string, SimPaymentIntent>();
  readonly charges = new Map<string, SimCharge>();
  readonly refunds = new Map<string, SimRefund>();
  readonly idempotency = new Map<string, StoredReply>();
  readonly counts = new Map<string, BookingCounts>();
  readonly log: RecordedRequest[] = [];

  /**
   * @param clock epoch milliseconds (the simulator's `now` option).
   * @param manualIndexing search sees an intent only as `indexSearch()` last copied it, as
   *   Stripe's search lags behind writes; otherwise it sees every write at once.
   */
  constructor(
    private readonly clock: () => number = Date.now,
    private readonly manualIndexing = false,
  ) {}

  /** Unix seconds, Stripe's unit for `created`. */
  now(): number {
    return Math.floor(this.clock() / 1000);
  }

  indexed(id: string): SimPaymentIntent | undefined {
    return this.manualIndexing ? this.searchIndex.get(id) : this.intents.get(id);
  }

  indexSearch(): void {
    for (const intent of this.intents.values()) this.searchIndex.set(intent.id, clone(intent));
  }

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
    this.searchIndex.clear();
    this.idempotency.clear();
    this.counts.clear();
    this.log.length = 0;
  }
}

/** The in-process view of the store that tests read: copies, never the live objects. */
export function simulatorState(store: SimulatorStore): StripeSimulatorState {
  return {
    intent: (id) => {
      const intent = store.intents.get(id);
      return intent ? clone(intent) : undefined;
    },
    intents: () => [...store.intents.values()].map(clone),
    intentsForBooking: (bookingId) => [...store.intents.values()].filter((i) => i.metadata.bookingId === bookingId).map(clone),
    refunds: () => [...store.refunds.values()].map(clone),
    counts: (bookingId) => ({ ...(store.counts.get(bookingId) ?? { creates: 0, captures: 0, cancels: 0, refunds: 0 }) }),
    ledger: (bookingId) => bookingLedger(store, bookingId),
    ledgers: () => [...bookingLedgers(store).values()],
    indexSearch: () => store.indexSearch(),
    expireIdempotencyKeys: () => store.idempotency.clear(),
    requests: () => store.log.map((r) => ({ ...r })),
    reset: () => store.reset(),
  };
}
