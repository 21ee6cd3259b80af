import * as z from 'zod';
import { ROOM_STATUSES } from '#domain/room.ts';
import { AdminBookingDto } from './booking.schema.ts';
import { dataEnvelope, Id } from './common.schema.ts';

export const HotelRoomsParams = z.object({ hotelId: Id });
export const RoomParams = z.object({ hotelId: Id, roomId: Id });

export const RoomsQuery = z.strictObject({ roomTypeId: Id.optional().meta({ description: 'Only rooms of this room type.' }) });

const RoomNumber = z
  .string()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, 'must be letters, digits, spaces or dashes, e.g. 1204 or A-12')
  .meta({ description: 'The number on the door; unique in the hotel.' });

const Feature = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, 'must be letters, digits and dashes, e.g. high-floor (stored in lower case)')
  .meta({ description: 'high-floor, low-floor, quiet, near-elevator, accessible, non-smoking, or your own.' });

const roomFields = {
  roomTypeId: Id,
  number: RoomNumber,
  floor: z.number().int().min(-10).max(300),
  features: z.array(Feature).max(30),
  status: z.enum(ROOM_STATUSES).meta({ description: '`maintenance` keeps the room out of assignments; the others describe today.' }),
};

export const CreateRoomBody = z.strictObject({
  roomId: Id.optional().meta({ description: 'Generated (`rm_...`) unless given.' }),
  roomTypeId: roomFields.roomTypeId,
  number: roomFields.number,
  floor: roomFields.floor,
  features: roomFields.features.default([]),
  status: roomFields.status.default('available'),
});

export const UpdateRoomBody = z
  .strictObject({
    roomTypeId: roomFields.roomTypeId.optional(),
    number: roomFields.number.optional(),
    floor: roomFields.floor.optional(),
    features: roomFields.features.optional(),
    status: roomFields.status.optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), { message: 'name at least one field to change' });

export const RoomDto = z
  .object({
    hotelId: z.string(),
    roomId: z.string(),
    roomTypeId: z.string(),
    number: z.string(),
    floor: z.number(),
    features: z.array(z.string()),
    status: z.enum(ROOM_STATUSES),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Room' });

export const RoomResponse = dataEnvelope(RoomDto);
export const RoomsResponse = dataEnvelope(z.array(RoomDto));
export const RoomDeletedResponse = dataEnvelope(z.object({ roomId: z.string(), deleted: z.literal(true) }));

export const AssignRoomParams = z.object({ bookingId: Id });

/** One room (`roomId`) for a one-room booking, or one per booked room (`roomIds`). */
export const AssignRoomBody = z
  .strictObject({
    roomId: Id.optional(),
    roomIds: z.array(Id).min(1).max(9).optional(),
  })
  .refine((body) => (body.roomId === undefined) !== (body.roomIds === undefined), { message: 'send roomId or roomIds, not both' });

export const AssignRoomResponse = dataEnvelope(AdminBookingDto);
