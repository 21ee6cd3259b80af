import type { RoomType } from '../api/types.ts';

/** A photo as the room-type PATCH takes it: its place in the array is its order (no displayOrder). */
export interface MediaInput {
  mediaType?: 'image' | 'video' | '360_view';
  url: string;
  thumbnailUrl?: string;
  altText?: string;
}

/**
 * The stored photos in display order, shaped for a PATCH (the body is strict: read-only fields
 * out). `isPrimary` is dropped too: the API makes the first photo primary unless one says so, and
 * the editor's order is what the admin sees, so the first one is the primary one.
 */
export function mediaForEdit(media: RoomType['media']): MediaInput[] {
  return [...media]
    .sort((a, b) => a.displayOrder - b.displayOrder)
    .map((m) => ({
      mediaType: m.mediaType,
      url: m.url,
      ...(m.thumbnailUrl ? { thumbnailUrl: m.thumbnailUrl } : {}),
      ...(m.altText ? { altText: m.altText } : {}),
    }));
}

/** `list` with the item at `index` moved by `delta` places; out of range leaves it where it is. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item as T);
  return next;
}
