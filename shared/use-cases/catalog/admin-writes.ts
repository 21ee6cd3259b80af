import { randomUUID } from 'node:crypto';
import { changesBetween, type AuditAction, type AuditEntry } from '#domain/audit.ts';
import { PreconditionFailedError } from '#domain/catalog-errors.ts';
import type { Hotel } from '#domain/hotel.ts';
import type { CatalogAdminRepository } from '#ports/catalog-admin.repository.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { SearchIndexWriter } from '#ports/hotel-search.port.ts';

/** Who makes an admin change: the token's subject, and its e-mail when it has one. */
export type Actor = AuditEntry['actor'];

/**
 * A change to a catalog record (hotel, room type, rate plan): absent leaves a field, `null` removes
 * an optional one; `isActive` (de)activates the record.
 */
export type CatalogPatch<Fields> = { [K in keyof Fields]?: Fields[K] | null } & { isActive?: boolean };

/** What the catalog's admin use cases need. */
export interface CatalogAdminDeps {
  catalog: HotelCatalogReader;
  admin: CatalogAdminRepository;
  /** Keeps the search's copy of the hotel's facts in step after each write. */
  search: SearchIndexWriter;
  events: EventPublisher;
  clock: () => Date;
}

/**
 * The version a client read, from `If-Match`: a version number (our `ETag`), the record's
 * `updatedAt`, or `*` (any version). Absent: the write is still conditional on what the server
 * read, and retried on a conflict, but never refused with 412.
 */
export type Precondition = { version: number } | { updatedAt: string } | { any: true };

/** Conflicts a write without `If-Match` retries (each one a fresh read) before giving up with 412. */
export const WRITE_ATTEMPTS = 3;

/** Refuses with 412 when the record is no longer what the client read. */
export function checkPrecondition(entity: string, current: { version?: number; updatedAt?: string }, expected: Precondition | undefined): void {
  if (!expected || 'any' in expected) return;
  const version = current.version ?? 0;
  const matches = 'version' in expected ? expected.version === version : expected.updatedAt === current.updatedAt;
  if (!matches) throw new PreconditionFailedError(entity, { version, updatedAt: current.updatedAt });
}

/** A record after a JSON-merge-patch style change: `null` removes an optional field, absent leaves it. */
export function applyPatch<T extends object>(record: T, patch: Record<string, unknown>): T {
  const out = { ...record } as Record<string, unknown>;
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete out[field];
    else out[field] = value;
  }
  return out as T;
}

/** The fields a patch really changes (same value again is no change: forms send everything back). */
export function changedFields(before: object, after: object, fields: readonly string[]): string[] {
  return changesBetween(before, after, fields).map((c) => c.field);
}

export function auditEntry(input: {
  hotelId: string;
  entity: string;
  action: AuditAction;
  actor: Actor;
  at: string;
  before?: object;
  after: object;
  fields: readonly string[];
  note?: string;
}): AuditEntry {
  return {
    auditId: randomUUID().replaceAll('-', '').slice(0, 16),
    hotelId: input.hotelId,
    entity: input.entity,
    action: input.action,
    actor: input.actor,
    at: input.at,
    changes: changesBetween(input.before, input.after, input.fields),
    ...(input.note ? { note: input.note } : {}),
  };
}

/** Fields an admin changed that the PMS does not own, added to the record's `adminEdited`. */
export function withAdminEdits<T extends { adminEdited?: string[] }>(record: T, hotel: Pick<Hotel, 'pms'>, changed: readonly string[], owned: readonly string[]): T {
  if (!hotel.pms) return record;
  const edited = new Set([...(record.adminEdited ?? []), ...changed.filter((f) => !owned.includes(f))]);
  return edited.size > 0 ? { ...record, adminEdited: [...edited].sort() } : record;
}

/** A new id: a readable prefix and 16 random hex digits. */
export function newCatalogId(prefix: 'htl' | 'rt' | 'rp'): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}
