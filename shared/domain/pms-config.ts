import type { PmsVendor } from './pms.ts';

/** A sealed secret: what is stored instead of a PMS API key (see `ports/secret-cipher.port.ts`). */
export interface SealedSecret {
  /** Format version. */
  v: 1;
  /** Data key, wrapped by the master key (KMS on AWS, a local key file on a laptop). */
  wrappedKey: string;
  /** Which master key wrapped it: a KMS key ARN, or `local`. */
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/**
 * How we reach one hotel's PMS and how in sync we are with it: seed 000's `pms_configs`, plus the
 * polling health the issue asks for (failures, pause, circuit).
 */
export interface PmsConfig {
  configId: string;
  /** Our hotel (listing) this PMS feeds. */
  hotelId: string;
  vendor: PmsVendor;
  pmsHotelId: string;
  apiBaseUrl: string;
  credentials: SealedSecret;
  /** Per-config webhook signing secret; `PMS_WEBHOOK_SECRET` applies when absent. */
  webhookSecret?: SealedSecret;
  webhookEnabled: boolean;
  pollingEnabled: boolean;
  pollingIntervalSeconds: number;
  /** Days ahead that polling refreshes. */
  pollingHorizonDays: number;
  isActive: boolean;
  /**
   * Whether this PMS takes reservations beyond its own availability (its overbooking setting).
   * Unless an admin says it does, we never sell beyond what it accepts: the limit is `total`.
   */
  acceptsOverbooking?: boolean;
  lastSyncAt?: string;
  lastPollAt?: string;
  /** When reconciliation last compared our bookings with the PMS's reservations and finished. */
  lastReconciledAt?: string;
  /** When a reconciliation run last started (claimed the config), finished or not. */
  lastReconcileAttemptAt?: string;
  lastError?: string;
  consecutiveFailures: number;
  paused: boolean;
  circuit: { state: CircuitState; failures: number; openedAt?: string };
  createdAt: string;
  updatedAt: string;
}

/**
 * Why a hotel with this PMS config takes no bookings through us now, or `undefined` when it does:
 * the config is missing, turned off by an admin, or paused because the PMS refused our
 * credentials. Such a hotel answers `503 PMS_UNAVAILABLE` at checkout, before any booking exists,
 * rather than a booking its PMS never hears of (issue 12). One rule for the checkout's early answer
 * and the PMS directory (`PmsClients.forHotel`).
 */
export function unbookableReason(config: PmsConfig | undefined): string | undefined {
  if (!config) return "The hotel's PMS connection is gone, so it takes no bookings until an admin connects it again.";
  if (!config.isActive) return "The hotel's PMS connection is turned off, so it takes no bookings until an admin turns it back on.";
  if (config.paused && config.lastError?.startsWith('PMS_AUTH_FAILED')) {
    return "The hotel's PMS refuses our credentials, so it takes no bookings until an admin renews them.";
  }
  return undefined;
}

export const DEFAULT_POLLING_INTERVAL_SECONDS = 300;
export const DEFAULT_POLLING_HORIZON_DAYS = 30;

/** Deterministic, so importing the same PMS hotel twice updates one config instead of adding one. */
export function pmsConfigIdFor(vendor: PmsVendor, pmsHotelId: string): string {
  return `pms_${vendor}_${pmsHotelId.replace(/[^A-Za-z0-9_.:-]/g, '_')}`.slice(0, 128);
}

/** The encryption context of a config's credentials: a sealed key only opens for its own config. */
export function credentialContext(configId: string): Record<string, string> {
  return { purpose: 'pms-credentials', configId };
}
