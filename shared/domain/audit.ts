/**
 * The catalog's audit trail (issue 9): who changed what, when. One entry per admin write, stored in
 * the same transaction as the write it records (a calendar call, which spans many nights, writes
 * its entry once its nights are written; each night's counts are in the inventory ledger).
 */
export type AuditAction = 'create' | 'update' | 'deactivate' | 'delete' | 'calendar';

export interface AuditChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry {
  auditId: string;
  hotelId: string;
  /**
   * The resource as the admin API names it, without `/api/admin/`: `hotels/<id>`,
   * `hotels/<id>/room-types/<id>`, `hotels/<id>/room-types/<id>/calendar`,
   * `hotels/<id>/room-types/<id>/rate-plans/<id>`. `GET /api/admin/audit?entity=` takes such a path and answers
   * the entries of it and of everything under it.
   */
  entity: string;
  action: AuditAction;
  /** The token's subject (and e-mail when it has one). */
  actor: { subject: string; email?: string };
  at: string;
  changes: AuditChange[];
  /** What a bulk change did, in a sentence (the calendar's ranges and nights). */
  note?: string;
}

export const auditEntity = {
  hotel: (hotelId: string) => `hotels/${hotelId}`,
  roomType: (hotelId: string, roomTypeId: string) => `hotels/${hotelId}/room-types/${roomTypeId}`,
  calendar: (hotelId: string, roomTypeId: string) => `hotels/${hotelId}/room-types/${roomTypeId}/calendar`,
  ratePlan: (hotelId: string, roomTypeId: string, ratePlanId: string) => `hotels/${hotelId}/room-types/${roomTypeId}/rate-plans/${ratePlanId}`,
};

/** The hotel an audit entity path belongs to (`hotels/<id>/...`), or undefined for a malformed path. */
export function hotelOfEntity(entity: string): string | undefined {
  return /^hotels\/([A-Za-z0-9_.:-]{1,128})(\/|$)/.exec(entity)?.[1];
}

/** The fields whose values differ between two versions of a record, with both values. */
export function changesBetween(before: object | undefined, after: object, fields: readonly string[]): AuditChange[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return fields.flatMap((field) =>
    JSON.stringify(b[field]) === JSON.stringify(a[field])
      ? []
      : [{ field, ...(b[field] !== undefined ? { before: b[field] } : {}), ...(a[field] !== undefined ? { after: a[field] } : {}) }],
  );
}
