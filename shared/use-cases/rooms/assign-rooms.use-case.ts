import type { GuestEventDetail } from '#use-cases/notifications/guest-event-schemas.ts';
import type { HotelAccess } from '#domain/access.ts';
import type { Booking } from '#domain/booking.ts';
import { StorageContentionError } from '#domain/booking-errors.ts';
import { NotFoundError, ValidationError } from '#domain/errors.ts';
import { findingIdFor } from '#domain/reconciliation.ts';
import {
  parsePreferences,
  REGULAR_VIP_LEVEL,
  ROOM_HOLDING_STATUSES,
  roomScore,
  type AssignedRoom,
  type AssignmentSource,
  type Room,
  type RoomAssignment,
} from '#domain/room.ts';
import { BookingNotAssignableError, RoomUnavailableError } from '#domain/room-errors.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { FindingRepository } from '#ports/finding.repository.ts';
import type { RoomAssignmentStore, RoomRepository } from '#ports/room.repository.ts';
import { getBookingForStaff } from '../bookings.use-cases.ts';

export interface RoomAssignmentDeps {
  bookings: Pick<BookingRepository, 'get'>;
  rooms: Pick<RoomRepository, 'list'>;
  store: RoomAssignmentStore;
  findings: Pick<FindingRepository, 'record' | 'resolve'>;
  events: EventPublisher;
  clock: () => Date;
}

/**
 * How long an assignment run may hold a booking's journal before another run treats it as dead and
 * undoes its claims: far beyond one run (a few DynamoDB writes per room), so a live run is never
 * undone under its feet.
 */
export const JOURNAL_LEASE_MS = 2 * 60_000;

export interface AssignRoomsRequest {
  bookingId: string;
  /** `auto`: the job picks rooms by priority and requests; `admin`: staff name them (`roomIds`). */
  source: AssignmentSource;
  /** Who assigns: `job`, or the staff member's `sub`. */
  by: string;
  /** `admin` only: one room per booked room. */
  roomIds?: readonly string[];
  /** `admin` only: the caller's hotels; another hotel's booking is 404. */
  access?: HotelAccess;
}

export type AssignRoomsOutcome =
  | { status: 'assigned'; assignment: RoomAssignment }
  /** `auto`: not enough rooms of the type are free on every night; an admin task (finding) names the booking. */
  | { status: 'unplaceable'; needed: number; free: number }
  /** Another run is assigning this booking right now. */
  | { status: 'busy' }
  /** `auto`: the booking is not one that holds rooms (cancelled, failed, ...). */
  | { status: 'not_assignable' }
  /** `auto`: the hotel keeps no rooms of this type with us (its front desk or PMS assigns them): nothing to do. */
  | { status: 'unmanaged' };

/** The finding that tells staff an arrival has no room. */
export function unassignedFindingId(bookingId: string): string {
  return findingIdFor('ROOM_UNASSIGNED', bookingId);
}

/**
 * Gives a booking one physical room per booked room for every night of its stay (seed 001's
 * deferred assignment). A room is taken by a conditional write per room x night (`claim`), never
 * by reading first: two runs that pick the same room for overlapping stays cannot both win, and the
 * loser moves on to the next room (`auto`) or is refused with 409 (`admin`).
 *
 * The booking's journal makes every run undoable: it is opened before the first claim, lists each
 * room as it is claimed (in the claim's own transaction), and becomes `releasing` the replaced
 * rooms when the assignment is recorded. A run that dies leaves a journal the next run (after
 * `JOURNAL_LEASE_MS`) undoes or finishes first. The assignment is recorded only while the booking
 * still holds rooms, so a cancellation racing it wins and the claims go back.
 *
 * Once assigned, an open `ROOM_UNASSIGNED` finding is resolved and `room.assigned` is published
 * (again by the job until it was: `announced`).
 */
export async function assignRooms(deps: RoomAssignmentDeps, request: AssignRoomsRequest): Promise<AssignRoomsOutcome> {
  const staff = request.source === 'admin';
  const found = request.access ? await getBookingForStaff(deps.bookings, request.bookingId, request.access) : await deps.bookings.get(request.bookingId);
  if (!found || !ROOM_HOLDING_STATUSES.has(found.status)) {
    if (staff) {
      throw new BookingNotAssignableError(`Booking ${request.bookingId} is ${found?.status ?? 'unknown'}: only a confirmed or checked-in stay gets rooms.`);
    }
    return { status: 'not_assignable' };
  }
  const booking = await recoverJournal(deps, found);
  if (!booking) {
    if (staff) throw new StorageContentionError('Rooms are being assigned to this booking right now. Try again in a moment.');
    return { status: 'busy' };
  }

  const rooms = await deps.rooms.list(booking.hotelId, { roomTypeId: booking.roomTypeId });
  if (!staff && rooms.length === 0) return { status: 'unmanaged' };
  const held = await deps.store.heldOn(booking.hotelId, booking.nights);
  const takenOn = (room: Pick<Room, 'roomId'>) =>
    booking.nights.find((night) => {
      const holder = held.get(night)?.get(room.roomId);
      return holder !== undefined && holder !== booking.bookingId;
    });

  const candidates = staff ? chosenRooms(booking, rooms, request.roomIds ?? [], takenOn) : rankedFreeRooms(booking, rooms, takenOn);
  if (!staff && candidates.length < booking.rooms) {
    await recordUnplaceable(deps, booking, rooms.length, candidates.length);
    return { status: 'unplaceable', needed: booking.rooms, free: candidates.length };
  }

  const revision = (booking.roomAssignment?.revision ?? 0) + 1;
  const now = deps.clock();
  const opened = await deps.store.openJournal(
    booking.bookingId,
    { phase: 'claiming', revision, roomIds: [], nights: [...booking.nights], startedAt: now.toISOString() },
    booking.roomAssignment?.revision ?? 0,
  );
  if (!opened) {
    if (staff) throw new StorageContentionError('Rooms are being assigned to this booking right now. Try again in a moment.');
    return { status: 'busy' };
  }

  const kept = new Set(booking.roomAssignment?.rooms.map((r) => r.roomId) ?? []);
  const claimed: AssignedRoom[] = [];
  const undo = async () => {
    for (const room of claimed) {
      if (!kept.has(room.roomId)) await deps.store.release({ bookingId: booking.bookingId, hotelId: booking.hotelId, roomId: room.roomId, nights: booking.nights });
    }
    await deps.store.closeJournal(booking.bookingId, revision);
  };

  for (const room of candidates) {
    if (claimed.length === booking.rooms) break;
    const assigned: AssignedRoom = { roomId: room.roomId, number: room.number, floor: room.floor };
    const outcome = await deps.store.claim({ bookingId: booking.bookingId, hotelId: booking.hotelId, room: assigned, nights: booking.nights, revision });
    if (outcome.claimed) {
      claimed.push(assigned);
    } else if (outcome.reason === 'journal') {
      // Another run took the journal over (ours outlived its lease): it owns the clean-up now.
      if (staff) throw new StorageContentionError('Rooms are being assigned to this booking right now. Try again in a moment.');
      return { status: 'busy' };
    } else if (staff) {
      await undo();
      throw new RoomUnavailableError(`Room ${room.number} is held by another stay on ${outcome.date}.`, {
        details: [{ field: 'body.roomId', message: `room ${room.number} is taken on ${outcome.date}` }],
      });
    }
  }
  if (claimed.length < booking.rooms) {
    await undo();
    await recordUnplaceable(deps, booking, rooms.length, claimed.length);
    return { status: 'unplaceable', needed: booking.rooms, free: claimed.length };
  }

  const assignment: RoomAssignment = {
    rooms: claimed,
    nights: [...booking.nights],
    source: request.source,
    by: request.by,
    assignedAt: now.toISOString(),
    revision,
  };
  const claimedIds = new Set(claimed.map((r) => r.roomId));
  const replaced = booking.roomAssignment ? booking.roomAssignment.rooms.filter((r) => !claimedIds.has(r.roomId)).map((r) => r.roomId) : [];
  const replacedNights = booking.roomAssignment?.nights ?? booking.nights;
  const completed = await deps.store.complete(booking.bookingId, assignment, replaced.length > 0 ? { roomIds: replaced, nights: replacedNights } : undefined);
  if (!completed) {
    await undo();
    const latest = await deps.bookings.get(booking.bookingId);
    if (!latest || !ROOM_HOLDING_STATUSES.has(latest.status)) {
      if (staff) throw new BookingNotAssignableError(`Booking ${booking.bookingId} stopped holding rooms (${latest?.status ?? 'gone'}) while they were assigned.`);
      return { status: 'not_assignable' };
    }
    if (staff) throw new StorageContentionError('Rooms are being assigned to this booking right now. Try again in a moment.');
    return { status: 'busy' };
  }
  for (const roomId of replaced) {
    await deps.store.release({ bookingId: booking.bookingId, hotelId: booking.hotelId, roomId, nights: replacedNights });
  }
  if (replaced.length > 0) await deps.store.closeJournal(booking.bookingId, revision);
  await deps.findings.resolve(unassignedFindingId(booking.bookingId), `Rooms ${claimed.map((r) => r.number).join(', ')} assigned (${request.source}, by ${request.by}).`, now);
  await announceAssignment(deps, booking, assignment);
  return { status: 'assigned', assignment };
}

/** Publishes `room.assigned` for the assignment, then marks it announced. Safe to repeat: mail dedupes by `eventId`. */
export async function announceAssignment(
  deps: Pick<RoomAssignmentDeps, 'events' | 'store'>,
  booking: Pick<Booking, 'bookingId' | 'hotelId' | 'roomTypeId' | 'checkIn' | 'checkOut' | 'pmsRoomNumbers'>,
  assignment: RoomAssignment,
): Promise<void> {
  // Where the PMS assigned rooms, its numbers are the ones the guest is told.
  const pmsNumbers = booking.pmsRoomNumbers && booking.pmsRoomNumbers.length > 0 ? booking.pmsRoomNumbers : undefined;
  await deps.events.publish([
    {
      type: 'room.assigned',
      detail: {
        version: 1,
        eventId: `room.assigned:${booking.bookingId}:${assignment.revision}`,
        bookingId: booking.bookingId,
        hotelId: booking.hotelId,
        roomTypeId: booking.roomTypeId,
        checkIn: booking.checkIn,
        checkOut: booking.checkOut,
        roomNumbers: pmsNumbers ?? assignment.rooms.map((r) => r.number),
        source: pmsNumbers ? 'pms' : assignment.source,
        revision: assignment.revision,
      } satisfies GuestEventDetail<'room.assigned'>,
    },
  ]);
  await deps.store.markAnnounced(booking.bookingId, assignment.revision);
}

/**
 * Staff named the rooms: each must exist, be of the booking's room type, not be under maintenance
 * and (as far as a read can tell; the claim decides) be free on every night.
 */
function chosenRooms(booking: Booking, rooms: readonly Room[], roomIds: readonly string[], takenOn: (room: Room) => string | undefined): Room[] {
  if (new Set(roomIds).size !== roomIds.length || roomIds.length !== booking.rooms) {
    throw new ValidationError(`body: this booking has ${booking.rooms} room(s): name ${booking.rooms} different room(s)`, [
      { field: 'body', message: `name exactly ${booking.rooms} different room(s)` },
    ]);
  }
  return roomIds.map((roomId) => {
    const room = rooms.find((r) => r.roomId === roomId);
    if (!room) throw new NotFoundError('Room', `${booking.hotelId}/${roomId} (of room type ${booking.roomTypeId})`);
    if (room.status === 'maintenance') {
      throw new RoomUnavailableError(`Room ${room.number} is under maintenance.`, { details: [{ field: 'body.roomId', message: `room ${room.number} is under maintenance` }] });
    }
    const date = takenOn(room);
    if (date) {
      throw new RoomUnavailableError(`Room ${room.number} is held by another stay on ${date}.`, {
        details: [{ field: 'body.roomId', message: `room ${room.number} is taken on ${date}` }],
      });
    }
    return room;
  });
}

/**
 * The rooms free on every night, best first for this guest: the features they asked for in
 * `specialRequests`, VIPs' higher floors, accessible rooms kept for those who need them; then the
 * lower room number, so a run is deterministic.
 */
function rankedFreeRooms(booking: Booking, rooms: readonly Room[], takenOn: (room: Room) => string | undefined): Room[] {
  const preferences = parsePreferences(booking.specialRequests);
  const vip = booking.vipLevel ?? REGULAR_VIP_LEVEL;
  return rooms
    .filter((room) => room.status !== 'maintenance' && takenOn(room) === undefined)
    .map((room) => ({ room, score: roomScore(room, preferences, vip) }))
    .sort((a, b) => b.score - a.score || a.room.number.localeCompare(b.room.number, 'en', { numeric: true }))
    .map(({ room }) => room);
}

/**
 * Undoes or finishes what a dead run left in the booking's journal, once its lease ran out. The
 * booking as it is afterwards; `undefined` while a live run holds it.
 */
export async function recoverJournal(deps: Pick<RoomAssignmentDeps, 'bookings' | 'store' | 'clock'>, booking: Booking): Promise<Booking | undefined> {
  const journal = booking.roomClaim;
  if (!journal) return booking;
  if (Date.parse(journal.startedAt) > deps.clock().getTime() - JOURNAL_LEASE_MS) return undefined;
  const current = new Set(booking.roomAssignment?.rooms.map((r) => r.roomId) ?? []);
  for (const roomId of new Set(journal.roomIds)) {
    // Claiming: the rooms the dead run claimed, except those the recorded assignment holds. Releasing: the replaced rooms.
    if (journal.phase === 'claiming' && current.has(roomId)) continue;
    await deps.store.release({ bookingId: booking.bookingId, hotelId: booking.hotelId, roomId, nights: journal.nights });
  }
  await deps.store.closeJournal(booking.bookingId, journal.revision);
  const after = await deps.bookings.get(booking.bookingId);
  return after && !after.roomClaim ? after : undefined;
}

async function recordUnplaceable(deps: Pick<RoomAssignmentDeps, 'findings' | 'clock'>, booking: Booking, roomsOfType: number, free: number): Promise<void> {
  const now = deps.clock().toISOString();
  await deps.findings.record({
    findingId: unassignedFindingId(booking.bookingId),
    type: 'ROOM_UNASSIGNED',
    status: 'open',
    hotelId: booking.hotelId,
    bookingId: booking.bookingId,
    roomTypeId: booking.roomTypeId,
    date: booking.checkIn,
    detail:
      `Booking ${booking.bookingId} (${booking.rooms} room(s) of ${booking.roomTypeId}, ${booking.checkIn} to ${booking.checkOut}) arrives within 24 hours ` +
      `and no room can take it: ${free} of the type's ${roomsOfType} room(s) are free on every night of the stay.`,
    action: `Free a room (move another stay, end a maintenance) and assign it with PUT /api/admin/bookings/${booking.bookingId}/room, or rehouse the guest.`,
    source: 'job:assign-rooms',
    firstSeenAt: now,
    lastSeenAt: now,
  });
}
