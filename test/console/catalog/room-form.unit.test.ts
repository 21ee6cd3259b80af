import { describe, expect, it } from 'vitest';
import type { Room } from '../../../console/src/api/types.ts';
import { parseFeatures, roomFormValues, roomPatch } from '../../../console/src/catalog/room-form.ts';

const room = { hotelId: 'htl_1', roomId: 'rm_1', roomTypeId: 'rt_double', number: '1201', floor: 12, features: ['quiet', 'river view'], status: 'available' } as Room;

describe('room form', () => {
  it('sends only the floor when only the floor changed', () => {
    const before = roomFormValues(room);
    expect(roomPatch(before, { ...before, floor: '14' })).toEqual({ floor: 14 });
  });

  it('sends nothing for the same values written differently', () => {
    const before = roomFormValues(room);
    expect(roomPatch(before, { ...before, number: ' 1201 ', floor: '12.0', features: 'quiet,  river view, quiet,' })).toEqual({});
  });

  it('sends a new number, room type and features', () => {
    const before = roomFormValues(room);
    expect(roomPatch(before, { roomTypeId: 'rt_twin', number: '1202', floor: '12', features: '' })).toEqual({ roomTypeId: 'rt_twin', number: '1202', features: [] });
  });

  it('never sends an emptied floor (the form requires one; the API would refuse it)', () => {
    const before = roomFormValues(room);
    expect(roomPatch(before, { ...before, floor: '' })).toEqual({});
  });

  it('parses features trimmed, without empties or repeats', () => {
    expect(parseFeatures(' a, b ,, a ,c')).toEqual(['a', 'b', 'c']);
  });
});
