import type { AssignedRoom, RoomAssignment, RoomClaimJournal } from '#domain/room.ts';
import type { Room } from '#domain/room.ts';
import type { IsoDate } from '#domain/dates.ts';

/** A hotel's physical rooms (admin CRUD). */
export interface RoomRepository {
  /** Stores a new room. Its id and its number must be free in the hotel (`RoomNumberTakenError` for the number). */
  create(room: Room): Promise<void>;
  get(hotelId: string, roomId: string): Promise<Room | undefined>;
  /** Every room of the hotel (of one room type when given), by number. */
  list(hotelId: string, filter?: { roomTypeId?: string }): Promise<Room[]>;
  /** Replaces `before` with `after` (same hotel and id); a new number must be free. `undefined` when `before` changed meanwhile. */
  update(before: Room, after: Room): Promise<Room | undefined>;
  /** Deletes the room and frees its number. */
  delete(room: Room): Promise<void>;
}

export type ClaimOutcome =
  | { claimed: true }
  /** Another stay holds the room on `date`: nothing was written. */
  | { claimed: false; reason: 'taken'; date: IsoDate }
  /** The booking's journal is not the one this run opened (another run took over): nothing was written. */
  | { claimed: false; reason: 'journal' };

/**
 * Which room holds which stay on which night, and the booking's side of it. One item per room x
 * night, written with a condition, is what keeps two stays out of one room (never a read-check);
 * the booking's journal (`RoomClaimJournal`) makes a run that dies half-way undoable.
 */
export interface RoomAssignmentStore {
  /** For each night, the rooms a stay holds then, with the booking that holds each. */
  heldOn(hotelId: string, nights: readonly IsoDate[]): Promise<Map<IsoDate, Map<string, string>>>;
  /** Whether the room holds any stay on `from` or later. */
  holdsStaysFrom(hotelId: string, roomId: string, from: IsoDate): Promise<boolean>;
  /**
   * Opens the booking's journal for a new assignment: only when none is open, and only while the
   * booking's assignment is still `expectedRevision` (0 for none). False when another run got there first.
   */
  openJournal(bookingId: string, journal: RoomClaimJournal, expectedRevision: number): Promise<boolean>;
  /**
   * Claims every night of the stay in the room for the booking, and adds the room to the booking's
   * journal of `revision`, in one transaction: all of it or nothing.
   */
  claim(input: { bookingId: string; hotelId: string; room: AssignedRoom; nights: readonly IsoDate[]; revision: number }): Promise<ClaimOutcome>;
  /** Gives the nights back; a night held by another booking (or by nobody) is left alone. */
  release(input: { bookingId: string; hotelId: string; roomId: string; nights: readonly IsoDate[] }): Promise<void>;
  /**
   * Records the assignment and turns the journal to `releasing` the replaced rooms (or closes it when
   * there are none), only if the journal is still `revision` claiming and the booking still holds
   * rooms (confirmed or checked in). False otherwise (cancelled meanwhile, or another run).
   */
  complete(bookingId: string, assignment: RoomAssignment, releasing: { roomIds: string[]; nights: IsoDate[] } | undefined): Promise<boolean>;
  /** Closes the journal of `revision` (no-op when another one is open, or none). */
  closeJournal(bookingId: string, revision: number): Promise<void>;
  /** Forgets the booking's assignment (after its nights were released), if it is still `revision`. */
  clearAssignment(bookingId: string, revision: number): Promise<void>;
  /** Marks the assignment of `revision` as announced (`room.assigned` published). */
  markAnnounced(bookingId: string, revision: number): Promise<void>;
  /** The room numbers the hotel's PMS assigned; they win over ours where shown. */
  setPmsRoomNumbers(bookingId: string, numbers: string[]): Promise<void>;
}
