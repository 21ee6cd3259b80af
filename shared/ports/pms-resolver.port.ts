import type { PmsClient } from './pms.port.ts';

/** The PMS a hotel's rooms live in, if any; hotels without a PMS are confirmed by us alone. */
export interface PmsResolver {
  forHotel(hotelId: string): Promise<PmsClient | undefined>;
}
