import { describe, expect, it } from 'vitest';
import { mediaForEdit, moveItem } from '../../../console/src/catalog/media.ts';

describe('room-type photos in order', () => {
  it('orders the stored photos by displayOrder and drops displayOrder and isPrimary (the first is the primary)', () => {
    const edit = mediaForEdit([
      { mediaType: 'image', url: 'https://img.example/b.jpg', displayOrder: 2, isPrimary: false },
      { mediaType: 'image', url: 'https://img.example/a.jpg', displayOrder: 1, isPrimary: true, altText: 'Bed' },
    ]);
    expect(edit).toEqual([
      { mediaType: 'image', url: 'https://img.example/a.jpg', altText: 'Bed' },
      { mediaType: 'image', url: 'https://img.example/b.jpg' },
    ]);
  });

  it('moves a photo up or down one place, and leaves the ends alone', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
