/**
 * Key builders: the only place that spells keys, so a write and the delete that compensates it can
 * never disagree on a key (the bug that made sample sagas' compensations silently do nothing).
 * The design is documented in docs/data-model.md.
 */
export const keys = {
  hotel: (hotelId: string) => ({ pk: `HOTEL#${hotelId}`, sk: 'META' }),
  /** gsi1: hotels by city, name order. */
  hotelByCity: (city: string, name: string, hotelId: string) => ({
    gsi1pk: `CITY#${normaliseCity(city)}`,
    gsi1sk: `HOTEL#${name.toLowerCase()}#${hotelId}`,
  }),
  /** gsi2: every hotel, name order. */
  hotelInCatalog: (name: string, hotelId: string) => ({
    gsi2pk: 'CATALOG#HOTEL',
    gsi2sk: `HOTEL#${name.toLowerCase()}#${hotelId}`,
  }),
  roomType: (hotelId: string, roomTypeId: string) => ({ pk: `HOTEL#${hotelId}`, sk: `ROOMTYPE#${roomTypeId}` }),
  roomTypePrefix: 'ROOMTYPE#',
  ratePlan: (hotelId: string, roomTypeId: string, ratePlanId: string) => ({
    pk: `HOTEL#${hotelId}`,
    sk: `RATEPLAN#${roomTypeId}#${ratePlanId}`,
  }),
  ratePlanPrefix: (roomTypeId: string) => `RATEPLAN#${roomTypeId}#`,
  ratePlansPrefix: 'RATEPLAN#',
  inventoryPartition: (hotelId: string, roomTypeId: string) => `INV#${hotelId}#${roomTypeId}`,
  inventoryNight: (hotelId: string, roomTypeId: string, date: string) => ({
    pk: `INV#${hotelId}#${roomTypeId}`,
    sk: `DATE#${date}`,
  }),
  inventorySortKey: (date: string) => `DATE#${date}`,
  /**
   * The ledger of one night, in its own partition (not the nights' own): a busy night's movements
   * never share a partition's write capacity with the nights a checkout must update.
   */
  movementPartition: (hotelId: string, roomTypeId: string, date: string) => `MOV#${hotelId}#${roomTypeId}#${date}`,
  movement: (hotelId: string, roomTypeId: string, date: string, at: string, id: string) => ({
    pk: `MOV#${hotelId}#${roomTypeId}#${date}`,
    sk: `${at}#${id}`,
  }),
} as const;

/** Cities compare case- and accent-insensitively ("Jeju", "JEJU", "jeju" are one city). */
export function normaliseCity(city: string): string {
  return city.normalize('NFKD').replace(/\p{M}/gu, '').trim().toLowerCase();
}

/**
 * The availability summary (issue 9, docs/search.md): one item per hotel and night, beside (not
 * in) the nights' partitions, mirroring every room type's `remaining`, price and restrictions, and
 * the hotel's search facts. Written in the same transaction as the nights it mirrors; found by
 * search through gsi1 (the hotel's city) and gsi2 (its geohash cell), both sorted by date then
 * hotel, so a stay in a city is one `Query` over the stay's dates. Both index keys are present
 * only while the hotel is active and committed (sparse).
 */
export const summaryKeys = {
  partition: (hotelId: string) => `AVAIL#${hotelId}`,
  night: (hotelId: string, date: string) => ({ pk: `AVAIL#${hotelId}`, sk: `NIGHT#${date}` }),
  sortKey: (date: string) => `NIGHT#${date}`,
  byCity: (city: string, date: string, hotelId: string) => ({ gsi1pk: `AVAIL#CITY#${normaliseCity(city)}`, gsi1sk: `${date}#${hotelId}` }),
  cityPartition: (city: string) => `AVAIL#CITY#${normaliseCity(city)}`,
  byCell: (cell: string, date: string, hotelId: string) => ({ gsi2pk: `AVAIL#GEO#${cell}`, gsi2sk: `${date}#${hotelId}` }),
  cellPartition: (cell: string) => `AVAIL#GEO#${cell}`,
  /** The first and last index sort keys of the nights `from`..`to` (both included). */
  dateRange: (from: string, to: string) => ({ from: `${from}#`, to: `${to}#\uffff` }),
} as const;

/** The catalog's audit trail (issue 9): one partition per hotel, newest last by time. */
export const auditKeys = {
  partition: (hotelId: string) => `AUDIT#${hotelId}`,
  entry: (hotelId: string, at: string, auditId: string) => ({ pk: `AUDIT#${hotelId}`, sk: `${at}#${auditId}` }),
} as const;

/** How many partitions the PENDING bookings index is spread over (`bookingKeys.pendingBooking`). */
export const PENDING_BOOKING_SHARDS = 4;

/** A stable shard of `id` in `[0, shards)`: the same id always lands in the same partition. */
export function shardOf(id: string, shards: number): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % shards;
}

/** Saga and booking keys (issue 3). */
export const bookingKeys = {
  booking: (bookingId: string) => ({ pk: `BOOKING#${bookingId}`, sk: 'META' }),
  /** gsi1: a hotel's bookings by check-in date. */
  bookingByHotel: (hotelId: string, checkIn: string, bookingId: string) => ({
    gsi1pk: `BOOKINGS#HOTEL#${hotelId}`,
    gsi1sk: `${checkIn}#${bookingId}`,
  }),
  /** gsi2: every booking by check-in date. */
  bookingInAll: (checkIn: string, bookingId: string) => ({ gsi2pk: 'BOOKINGS#ALL', gsi2sk: `${checkIn}#${bookingId}` }),
  /**
   * gsi3: a guest's bookings, newest booked first. A booking made signed in is filed under its
   * owner's `sub`; one made without an account under the e-mail it was made with (lower case), which
   * a verified token e-mail claims. Each booking is in exactly one of the two partitions.
   */
  bookingForGuest: (owner: { sub: string } | { email: string }, createdAt: string, bookingId: string) => ({
    gsi3pk: 'sub' in owner ? `GUEST#SUB#${owner.sub}` : `GUEST#EMAIL#${owner.email.trim().toLowerCase()}`,
    gsi3sk: `${createdAt}#${bookingId}`,
  }),
  /**
   * Index `pending` while a booking is PENDING (sparse: removed by the write that settles it): the recovery
   * job reads bookings in flight, oldest first. Spread over `PENDING_BOOKING_SHARDS` partitions by
   * booking id, so the index's two writes per checkout never make one hot partition.
   */
  pendingBooking: (createdAt: string, bookingId: string) => ({
    pendingpk: `BOOKINGS#PENDING#${shardOf(bookingId, PENDING_BOOKING_SHARDS)}`,
    pendingsk: `${createdAt}#${bookingId}`,
  }),
  pendingBookingPartition: (shard: number) => `BOOKINGS#PENDING#${shard}`,
  idempotency: (keyHash: string) => ({ pk: `IDEMPOTENCY#${keyHash}`, sk: 'META' }),
  hold: (bookingId: string) => ({ pk: `HOLD#${bookingId}`, sk: 'META' }),
  /** gsi1 while a hold is HELD (sparse): the expiry sweep reads holds in expiry order. */
  activeHold: (expiresAt: string, bookingId: string) => ({ gsi1pk: 'HOLDS#HELD', gsi1sk: `${expiresAt}#${bookingId}` }),
  activeHoldPartition: 'HOLDS#HELD',
  /**
   * The saga dead letters of one booking, one item each (issue 10): a booking's partition, so its
   * resolution finds every letter with one query. The id is derived from the letter's content, so a
   * retried send writes the same item.
   */
  deadLetter: (bookingId: string, letterId: string) => ({ pk: `DEADLETTER#${bookingId}`, sk: `LETTER#${letterId}` }),
  deadLetterPartition: (bookingId: string) => `DEADLETTER#${bookingId}`,
  /** gsi1: the letters of one status (`open`, `resolved`), by the time they were sent; listed newest first. */
  deadLetterListed: (status: 'open' | 'resolved', at: string, bookingId: string, letterId: string) => ({
    gsi1pk: `DEADLETTERS#${status.toUpperCase()}`,
    gsi1sk: `${at}#${bookingId}#${letterId}`,
  }),
  deadLetterListPartition: (status: 'open' | 'resolved') => `DEADLETTERS#${status.toUpperCase()}`,
} as const;

/**
 * Booking search keys (issue 10, docs/data-model.md "Booking search keys"): small items beside the
 * booking (`SEARCHKEY#<bookingId>`), put in the same transaction that creates it and never updated,
 * so the booking's many later writes do not copy into more indexes. They carry only what never
 * changes (`bookingId`, `hotelId`); status and dates are read from the booking itself.
 * - `name`: gsi1, one item per name key, partitioned by the key's first character and sorted by the
 *   key, so a name prefix is one range of one partition.
 * - `email`: gsi1 by the guest's e-mail (newest booked first), and gsi2 by hotel and creation time:
 *   a hotel's checkouts started on a day (the booking measures) are one range of one partition.
 */
export const bookingSearchKeys = {
  partition: (bookingId: string) => `SEARCHKEY#${bookingId}`,
  name: (nameKey: string, bookingId: string, n: number) => ({
    pk: `SEARCHKEY#${bookingId}`,
    sk: `NAME#${n}`,
    gsi1pk: bookingSearchKeys.namePartition(nameKey),
    gsi1sk: `${nameKey}#${bookingId}`,
  }),
  /** The partition of names starting with the first character (code point) of `prefix`. */
  namePartition: (prefix: string) => `BKNAME#${[...prefix][0] ?? ''}`,
  email: (email: string, hotelId: string, createdAt: string, bookingId: string) => ({
    pk: `SEARCHKEY#${bookingId}`,
    sk: 'EMAIL',
    gsi1pk: bookingSearchKeys.emailPartition(email),
    gsi1sk: `${createdAt}#${bookingId}`,
    gsi2pk: bookingSearchKeys.madePartition(hotelId),
    gsi2sk: `${createdAt}#${bookingId}`,
  }),
  emailPartition: (email: string) => `BKEMAIL#${email}`,
  madePartition: (hotelId: string) => `BKMADE#${hotelId}`,
} as const;

/** PMS integration keys (issue 4). */
export const pmsKeys = {
  config: (configId: string) => ({ pk: `PMSCONFIG#${configId}`, sk: 'META' }),
  /** gsi1: configs of one vendor by the PMS's hotel id (webhooks and imports find theirs here). */
  configByVendor: (vendor: string, pmsHotelId: string) => ({ gsi1pk: `PMSCONFIG#VENDOR#${vendor}`, gsi1sk: pmsHotelId }),
  /** gsi2: the config of one of our hotels. */
  configByHotel: (hotelId: string, configId: string) => ({ gsi2pk: `PMSCONFIG#HOTEL#${hotelId}`, gsi2sk: configId }),
  webhookEvent: (vendor: string, eventId: string) => ({ pk: `WEBHOOK#${vendor}#${eventId}`, sk: 'META' }),
  /** gsi1 while an event is FAILED (sparse): the admin's list of dropped webhooks, newest failure first. */
  failedWebhookEvent: (failedAt: string, vendor: string, eventId: string) => ({ gsi1pk: 'WEBHOOKS#FAILED', gsi1sk: `${failedAt}#${vendor}#${eventId}` }),
  failedWebhookPartition: 'WEBHOOKS#FAILED',
  /** gsi1 while a RECEIVED event is not queued yet (sparse: the outbox), oldest first. */
  unqueuedWebhook: (receivedAt: string, vendor: string, eventId: string) => ({ gsi1pk: 'WEBHOOKS#UNQUEUED', gsi1sk: `${receivedAt}#${vendor}#${eventId}` }),
} as const;

/** Reconciliation findings (issue 7): the admin's inbox of disagreements with the PMSs. */
export const findingKeys = {
  finding: (findingId: string) => ({ pk: `FINDING#${findingId}`, sk: 'META' }),
  /** gsi1: findings by status, newest first. */
  byStatus: (status: string, at: string, findingId: string) => ({ gsi1pk: `FINDINGS#${status}`, gsi1sk: `${at}#${findingId}` }),
  /** gsi2: one hotel's findings by status. */
  byHotel: (hotelId: string, status: string, at: string, findingId: string) => ({
    gsi2pk: `FINDINGS#HOTEL#${hotelId}#${status}`,
    gsi2sk: `${at}#${findingId}`,
  }),
} as const;

/** PMS egress (issue 7, items 8 and 9): the shared request slots and the admin's host allow-list. */
export const pmsEgressKeys = {
  /** One record per rate-limit key (vendor + property or environment): its first free request slot. */
  rateSlots: (limitKey: string) => ({ pk: `PMSRATE#${limitKey}`, sk: 'SLOTS' }),
  /** The hosts an admin allows for a vendor without a built-in list (the generic protocol). */
  allowedHosts: (vendor: string) => ({ pk: `PMSHOSTS#${vendor}`, sk: 'META' }),
} as const;

/** Physical rooms and their nights (issue 8, deferred room assignment). */
export const roomKeys = {
  /** A hotel's rooms live in their own partition, so reading a hotel with its room types stays one small query. */
  room: (hotelId: string, roomId: string) => ({ pk: `ROOMS#${hotelId}`, sk: `ROOM#${roomId}` }),
  roomsPartition: (hotelId: string) => `ROOMS#${hotelId}`,
  roomPrefix: 'ROOM#',
  /**
   * One item per room x night a stay holds, written with `attribute_not_exists(pk) OR bookingId =
   * :me`: two stays can never hold one room on one night. Keyed by night, so the rooms taken on a
   * night are one query (what the assignment reads to pick candidates).
   */
  roomNight: (hotelId: string, date: string, roomId: string) => ({ pk: `ROOMNIGHTS#${hotelId}#${date}`, sk: `ROOM#${roomId}` }),
  roomNightsPartition: (hotelId: string, date: string) => `ROOMNIGHTS#${hotelId}#${date}`,
  /** gsi1: one room's nights by date (whether a room about to be deleted still holds stays). */
  roomNightByRoom: (hotelId: string, roomId: string, date: string) => ({ gsi1pk: `ROOMNIGHTS#ROOM#${hotelId}#${roomId}`, gsi1sk: date }),
} as const;

/** Guest mail (issue 8): one item per event id, so each event is mailed once. */
export const mailKeys = {
  sent: (dedupeId: string) => ({ pk: `MAIL#${dedupeId}`, sk: 'META' }),
} as const;
