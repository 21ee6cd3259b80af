import type { SimCharge, SimPaymentIntent, SimRefund } from './stripe-objects.ts';

/**
 * The money of each booking as the Stripe simulator saw it move, for tests and people checking
 * invariants ("no open authorization on a booking that is not CONFIRMED", "captured minus refunded
 * equals what the booking kept"). Computed from the simulator's intents, charges and refunds,
 * whatever path changed them (the adapter, a late-effect fault, a raw request), by the booking id
 * in each intent's `metadata[bookingId]`; a refund counts for the booking of its intent.
 *
 * For every booking: `authorizedMinor = capturedMinor + voidedMinor + heldMinor`.
 */
export interface BookingLedger {
  bookingId: string;
  /** ISO 4217, upper case, of the booking's payments (null when it has none that held funds). */
  currency: string | null;
  /** Every amount that was ever held on the card (authorized or captured at once). */
  authorizedMinor: number;
  /** What was captured. */
  capturedMinor: number;
  /** What was given back of the captured money. */
  refundedMinor: number;
  /** Holds released without capture: canceled authorizations, and the uncaptured rest of a partial capture. */
  voidedMinor: number;
  /** Holds still open (`requires_capture`). */
  heldMinor: number;
  /** `capturedMinor - refundedMinor`: what the guest has paid in the end. */
  netMinor: number;
  /** The intents still holding funds; a booking that is not CONFIRMED must have none. */
  openPaymentIds: string[];
  /** Every intent of the booking, declined ones included. */
  paymentIds: string[];
}

export interface LedgerSource {
  intents: ReadonlyMap<string, SimPaymentIntent>;
  charges: ReadonlyMap<string, SimCharge>;
  refunds: ReadonlyMap<string, SimRefund>;
}

function emptyLedger(bookingId: string): BookingLedger {
  return {
    bookingId,
    currency: null,
    authorizedMinor: 0,
    capturedMinor: 0,
    refundedMinor: 0,
    voidedMinor: 0,
    heldMinor: 0,
    netMinor: 0,
    openPaymentIds: [],
    paymentIds: [],
  };
}

/** Every booking's ledger, keyed by booking id (intents without a booking id are left out). */
export function bookingLedgers(source: LedgerSource): Map<string, BookingLedger> {
  const ledgers = new Map<string, BookingLedger>();
  const bookingOfIntent = new Map<string, string>();
  for (const intent of source.intents.values()) {
    const bookingId = intent.metadata.bookingId;
    if (!bookingId) continue;
    bookingOfIntent.set(intent.id, bookingId);
    const ledger = ledgers.get(bookingId) ?? emptyLedger(bookingId);
    ledgers.set(bookingId, ledger);
    ledger.paymentIds.push(intent.id);
    // A charge is kept only when the card accepted it: that is what "funds were held" means here.
    const held = intent.latest_charge !== null && source.charges.has(intent.latest_charge);
    if (!held) continue;
    ledger.currency ??= intent.currency.toUpperCase();
    ledger.authorizedMinor += intent.amount;
    if (intent.status === 'succeeded') {
      ledger.capturedMinor += intent.amount_received;
      ledger.voidedMinor += intent.amount - intent.amount_received;
    } else if (intent.status === 'canceled') {
      ledger.voidedMinor += intent.amount;
    } else {
      ledger.heldMinor += intent.amount;
      ledger.openPaymentIds.push(intent.id);
    }
  }
  for (const refund of source.refunds.values()) {
    const ledger = ledgers.get(bookingOfIntent.get(refund.payment_intent) ?? '');
    if (ledger && refund.status === 'succeeded') ledger.refundedMinor += refund.amount;
  }
  for (const ledger of ledgers.values()) ledger.netMinor = ledger.capturedMinor - ledger.refundedMinor;
  return ledgers;
}

/** One booking's ledger; all zero for a booking the simulator never saw. */
export function bookingLedger(source: LedgerSource, bookingId: string): BookingLedger {
  return bookingLedgers(source).get(bookingId) ?? emptyLedger(bookingId);
}
