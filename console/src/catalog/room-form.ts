import type { Room, RoomPatch } from '../api/types.ts';

/** A physical room's editable fields as the form holds them, and the PATCH of what changed. */
export interface RoomValues {
  roomTypeId: string;
  number: string;
  floor: string;
  features: string;
}

export function roomFormValues(room: Room): RoomValues {
  return { roomTypeId: room.roomTypeId, number: room.number, floor: String(room.floor), features: room.features.join(', ') };
}

/** Comma-separated features as the API takes them: trimmed, empty ones dropped, each once. */
export function parseFeatures(text: string): string[] {
  return [...new Set(text.split(',').map((f) => f.trim()).filter(Boolean))];
}

/**
 * Only changed fields are sent: a room's number is unique in its hotel (`409 ROOM_NUMBER_TAKEN`),
 * so sending it unchanged costs a check for nothing, and an edit of the floor alone must not touch
 * the rest.
 */
export function roomPatch(before: RoomValues, after: RoomValues): RoomPatch {
  const patch: RoomPatch = {};
  if (after.roomTypeId !== before.roomTypeId) patch.roomTypeId = after.roomTypeId;
  if (after.number.trim() !== before.number.trim()) patch.number = after.number.trim();
  if (after.floor.trim() !== '' && Number(after.floor) !== Number(before.floor)) patch.floor = Number(after.floor);
  const features = parseFeatures(after.features);
  if (features.join('\u0000') !== parseFeatures(before.features).join('\u0000')) patch.features = features;
  return patch;
}
