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
  /** The client of a hotel's active PMS config; `undefined` when the hotel has no active config. */
  forHotel(hotelId: string): Promise<PmsClient | undefined>;
  /** A client for a stored config, credentials opened (cached briefly per config). */
  forConfig(config: PmsConfig): Promise<PmsClient>;
  /**
   * A client from admin-entered values (import, key rotation). `baseUrl` is the effective API root
   * (the vendor default filled in), which is what a config stores.
   */
  connect(input: PmsConnectionInput): { client: PmsClient; baseUrl: string };
}
