/**
 * Where a keyset-paginated list stopped: the storage's own position (for DynamoDB, the key of the
 * last item returned). Opaque above the adapter that made it; the HTTP layer seals it into a cursor
 * (`shared/http/cursor.ts`) so clients can neither read nor change it.
 */
export type PagePosition = Readonly<Record<string, string | number>>;

/** One page of a keyset-paginated list; `next` is absent on the last page. */
export interface KeysetPage<T> {
  items: T[];
  next?: PagePosition;
}
