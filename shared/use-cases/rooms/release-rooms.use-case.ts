import { StorageContentionError } from '#domain/booking-errors.ts';
import type { RoomAssignmentDeps } from './assign-rooms.use-case.ts';
import { recoverJournal } from './assign-rooms.use-case.ts';

export type ReleaseOutcome = 'released' | 'nothing' | 'unknown';

/**
 * Gives back every room night a booking holds: after a cancellation, a no-show or a modification
 * of its dates (the rooms were claimed for the old nights; the job assigns the new ones). A journal
 * left by a dead run is undone first; one held by a live run makes this throw, so the caller (a
 * queue consumer) retries. Safe to repeat.
 */
export async function releaseRoomAssignment(deps: Pick<RoomAssignmentDeps, 'bookings' | 'store' | 'clock'>, bookingId: string): Promise<ReleaseOutcome> {
  const found = await deps.bookings.get(bookingId);
  if (!found) return 'unknown';
  const booking = await recoverJournal(deps, found);
  if (!booking) throw new StorageContentionError(`Rooms are being assigned to booking ${bookingId} right now; its rooms will be released on a retry.`);
  const assignment = booking.roomAssignment;
  if (!assignment) return 'nothing';
  for (const room of assignment.rooms) {
    await deps.store.release({ bookingId, hotelId: booking.hotelId, roomId: room.roomId, nights: assignment.nights });
  }
  await deps.store.clearAssignment(bookingId, assignment.revision);
  return 'released';
}
