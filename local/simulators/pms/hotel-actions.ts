import { isIsoDate } from '../../../shared/domain/dates.ts';
import { SimAdminError } from './sim-http.ts';
import type { PmsSimState, SimReservation, SimReservationStatus } from './sim-state.ts';

/**
 * What the hotel does in its own PMS, outside any vendor API: a sale by another channel (front
 * desk, an OTA, the hotel's website) and a cancellation by the hotel of any reservation, ours
 * included. The simulator's `/_sim/` routes and its `PmsSimulator` methods call these; they throw
 * `SimAdminError` for what the PMS refuses.
 */
export interface OtherChannelSale {
  roomTypeId: string;
  checkIn: string;
  checkOut: string;
  /** Default 1. */
  rooms?: number;
  /** `front-desk` (default), `ota`, `website`, ...: recorded and reported as the vendor reports a source. */
  channel?: string;
  /**
   * Our booking id, to plant a reservation that carries it (a duplicate left by a create that
   * timed out, say); empty (default) for a genuine other-channel sale.
   */
  externalId?: string;
  /** Default: 2 per room. */
  guests?: number;
}

export const DEFAULT_OTHER_CHANNEL = 'front-desk';

/**
 * Books rooms as another channel would. The PMS applies its own rule: without overbooking it
 * refuses (`409 sold_out`) a sale its availability cannot take, as it would refuse the front desk;
 * restrictions do not apply (the hotel sells what it wants).
 */
export function sellAsOtherChannel(state: PmsSimState, pmsHotelId: string, sale: OtherChannelSale): SimReservation {
  const hotel = state.hotel(pmsHotelId);
  if (!hotel) throw new SimAdminError(404, 'not_found', `The simulator has no hotel ${pmsHotelId}`);
  const rt = state.roomType(pmsHotelId, sale.roomTypeId);
  if (!rt) throw new SimAdminError(404, 'not_found', `Hotel ${pmsHotelId} has no room type ${sale.roomTypeId}`);
  const rooms = sale.rooms ?? 1;
  if (!isIsoDate(sale.checkIn) || !isIsoDate(sale.checkOut) || sale.checkOut <= sale.checkIn) {
    throw new SimAdminError(400, 'validation_failed', 'checkIn and checkOut must be YYYY-MM-DD with checkOut after checkIn');
  }
  if (!Number.isInteger(rooms) || rooms < 1) throw new SimAdminError(400, 'validation_failed', 'rooms must be a positive integer');
  if (!state.canSell(pmsHotelId, sale.roomTypeId, sale.checkIn, sale.checkOut, rooms)) {
    throw new SimAdminError(
      409,
      'sold_out',
      `Not enough rooms of ${sale.roomTypeId} on every night from ${sale.checkIn} to ${sale.checkOut}, and the hotel does not accept overbooking (PUT /_sim/hotels/${pmsHotelId}/settings)`,
    );
  }
  const externalId = sale.externalId ?? '';
  return state.addReservation({
    vendor: hotel.vendor,
    pmsHotelId,
    ...state.newReservationIds(hotel.vendor, pmsHotelId, externalId),
    externalId,
    channel: sale.channel ?? DEFAULT_OTHER_CHANNEL,
    pmsRoomTypeId: sale.roomTypeId,
    checkIn: sale.checkIn,
    checkOut: sale.checkOut,
    rooms,
    guests: sale.guests ?? 2 * rooms,
    guest: { firstName: 'Walk-in', lastName: 'Guest', email: 'walk-in@example.com', phone: '' },
    totalMinor: state.stayPriceMinor(pmsHotelId, sale.roomTypeId, sale.checkIn, sale.checkOut, rooms) ?? 0,
    currency: hotel.currency,
  });
}

/** Cancels any reservation of the hotel; `changed` is false when it was cancelled already. */
export function cancelAsHotel(state: PmsSimState, pmsHotelId: string, reservationId: string): { reservation: SimReservation; changed: boolean } {
  const reservation = state.reservation(pmsHotelId, reservationId);
  if (!reservation) throw new SimAdminError(404, 'not_found', `Hotel ${pmsHotelId} has no reservation ${reservationId}`);
  if (reservation.status === 'cancelled') return { reservation, changed: false };
  state.cancel(reservation);
  return { reservation, changed: true };
}

/**
 * What the front desk does to a stay: check the guest in, out, or mark a no-show (and cancel, as
 * `cancelAsHotel`). The PMS lets its staff do what they want; `changed` is false when the
 * reservation already had the status.
 */
export function setStatusAsHotel(state: PmsSimState, pmsHotelId: string, reservationId: string, status: SimReservationStatus): { reservation: SimReservation; changed: boolean } {
  const reservation = state.reservation(pmsHotelId, reservationId);
  if (!reservation) throw new SimAdminError(404, 'not_found', `Hotel ${pmsHotelId} has no reservation ${reservationId}`);
  if (reservation.status === status) return { reservation, changed: false };
  state.setStatus(reservation, status);
  return { reservation, changed: true };
}

/**
 * The hotel assigns physical rooms to a reservation in its PMS (what a front desk does before
 * arrival): the numbers appear on the reservation as each dialect reports them. An empty list
 * takes the assignment back. No webhook: none of the vendors we speak pushes room assignments.
 */
export function assignRoomsAsHotel(state: PmsSimState, pmsHotelId: string, reservationId: string, roomNumbers: string[]): SimReservation {
  const reservation = state.reservation(pmsHotelId, reservationId);
  if (!reservation) throw new SimAdminError(404, 'not_found', `Hotel ${pmsHotelId} has no reservation ${reservationId}`);
  if (roomNumbers.length > reservation.rooms) {
    throw new SimAdminError(400, 'validation_failed', `Reservation ${reservationId} has ${reservation.rooms} room(s): name at most that many`);
  }
  if (roomNumbers.length === 0) delete reservation.roomNumbers;
  else reservation.roomNumbers = [...roomNumbers];
  reservation.updatedAt = new Date().toISOString();
  return reservation;
}
