import type { AuditEntry } from '#domain/audit.ts';
import type { Hotel, RatePlan, RoomType } from '#domain/hotel.ts';
import type { KeysetPage, PagePosition } from './pagination.ts';

/** A catalog record an admin writes. */
export type CatalogRecord = { kind: 'hotel'; value: Hotel } | { kind: 'roomType'; value: RoomType } | { kind: 'ratePlan'; value: RatePlan };

/**
 * What the writer expects to find: nothing (a create), or the version it read (an update: the write
 * happens only if nobody wrote in between; version 0 is a record no admin has written yet).
 */
export type WriteExpectation = { kind: 'new' } | { kind: 'version'; version: number };

export type CatalogWriteOutcome = 'written' | 'exists' | 'conflict';

/**
 * The catalog's admin writes (issue 9): each record with its audit entry in one transaction,
 * conditional on what the writer read, so an admin never overwrites a change they did not see
 * (`If-Match`), and no change goes unaudited.
 */
export interface CatalogAdminRepository {
  write(record: CatalogRecord, expect: WriteExpectation, audit: AuditEntry): Promise<CatalogWriteOutcome>;
  /** Removes a room type and its rate plans for good, if it is still at `version`. */
  deleteRoomType(hotelId: string, roomTypeId: string, version: number, audit: AuditEntry): Promise<'written' | 'conflict'>;
  /** Records an entry on its own (a calendar call, whose nights are written in many transactions). */
  recordAudit(audit: AuditEntry): Promise<void>;
  /** A hotel's audit entries under `entity` (the entity and everything below it), newest first. */
  listAudit(hotelId: string, entity: string, page: { limit: number; after?: PagePosition }): Promise<KeysetPage<AuditEntry>>;
}
