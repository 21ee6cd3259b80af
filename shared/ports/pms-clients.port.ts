import type { PmsConfig } from '#domain/pms-config.ts';
import type { PmsVendor } from '#domain/pms.ts';
import type { PmsClient } from './pms.port.ts';

/** What an admin types to reach one hotel's PMS (seed 000's `PMSIntegrationModal`). */
export interface PmsConnectionInput {
  vendor: PmsVendor;
  pmsHotelId: string;
  /** The vendor's API root; Cloudbeds has a public default, the others need one. */
  baseUrl?: string;
  /** The one secret string (`parsePmsSecret` explains its forms per vendor). */
  secret: string;
}

/**
 * The one way to get a PMS client. Use cases name the part they use (`Pick<PmsClients, 'forHotel'>`),
 * so a test hands them a fake and the composition root the real directory.
 */
export interface PmsClients {
  /**
   * The client and config of a hotel's PMS; `undefined` only when the hotel has no PMS config at
   * all. A config that is turned off, or paused because the PMS refused our credentials, throws
   * `PmsUnavailableError`: such a hotel takes no bookings through us, rather than bookings its PMS
   * never hears of. `purpose: 'undo'` (compensations, the recovery job) gets the client anyway:
   * what we made in a PMS before its config was turned off must still be cancelled there.
   */
  forHotel(hotelId: string, options?: { purpose?: 'book' | 'undo' }): Promise<{ client: PmsClient; config: PmsConfig } | undefined>;
  /**
   * A client for a stored config, credentials opened (cached briefly per config). A stored address
   * the egress rules now refuse throws `PmsUnavailableError` saying why.
   */
  forConfig(config: PmsConfig): Promise<PmsClient>;
  /**
   * A client from admin-entered values (import, key rotation). `baseUrl` is the effective API root
   * (the vendor default filled in), which is what a config stores. Rejects with
   * `PmsHostNotAllowedError` (422, field `apiBaseUrl`) for an address the egress rules refuse
   * (HTTPS, the vendor's allowed hosts, public addresses after DNS), before anything is sent.
   */
  connect(input: PmsConnectionInput): Promise<{ client: PmsClient; baseUrl: string }>;
}
