import type { PmsAllowedHosts } from '#domain/pms-egress.ts';

/** The admin's allow-list of generic PMS hosts, one record, replaced whole. */
export interface PmsAllowedHostsRepository {
  /** The list in force; an empty one at version 0 when no admin has set it yet. */
  get(vendor: 'generic'): Promise<PmsAllowedHosts>;
  /**
   * Stores `next` if the stored version is still `expectedVersion` (0: none stored); false when
   * another admin replaced it meanwhile, and nothing was written.
   */
  replace(next: PmsAllowedHosts, expectedVersion: number): Promise<boolean>;
}
