import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IsoDate } from '#domain/dates.ts';
import { geohash } from '#domain/geo.ts';
import type { Hotel, RoomType } from '#domain/hotel.ts';
import { effectiveRestrictions, type InventoryNight, type NightRestrictions } from '#domain/inventory.ts';
import { searchFactsOf, type HotelSearchFacts, type SummaryNight, type SummaryRoom } from '#domain/search.ts';
import { queryAll } from './items.ts';
import { keys, summaryKeys } from './keys.ts';

/**
 * The availability summary's items (docs/search.md): one per hotel and night, mirroring every
 * room type's night. Each room type is three top-level attributes, `a#<roomTypeId>` (the night's
 * `remaining`), `p#<roomTypeId>` (its price) and `x#<roomTypeId>` (the restrictions in force, absent
 * when none), so a hold or a release moves its count with `ADD`, which needs no read, cannot fail
 * on a missing attribute, and never touches another room type's. `f` holds the hotel's search facts
 * and the index keys that make the night searchable, stamped once the hotel is committed.
 *
 * Every writer of a night's `remaining`, price or restrictions adds the matching summary action to
 * the transaction that writes the night, so the two never disagree (`test/support/summary-check.ts`).
 */

/** Geohash precision of the geo index (gsi2): cells of 1.4 degrees, so a radius of 25 km spans at most 4 cells below 70 degrees of latitude. */
export const GEO_INDEX_PRECISION = 3;

const attr = {
  remaining: (roomTypeId: string) => `a#${roomTypeId}`,
  price: (roomTypeId: string) => `p#${roomTypeId}`,
  restrictions: (roomTypeId: string) => `x#${roomTypeId}`,
};

/** A summary item's change, attribute by attribute, rendered as one update expression (or a whole item). */
export class SummaryUpdate {
  private readonly sets = new Map<string, unknown>();
  private readonly removes = new Set<string>();
  private readonly adds = new Map<string, number>();

  set(attribute: string, value: unknown): this {
    this.removes.delete(attribute);
    this.sets.set(attribute, value);
    return this;
  }

  remove(attribute: string): this {
    this.sets.delete(attribute);
    this.removes.add(attribute);
    return this;
  }

  add(attribute: string, delta: number): this {
    this.adds.set(attribute, (this.adds.get(attribute) ?? 0) + delta);
    return this;
  }

  /** The room type's mirror of a night, as absolute values. */
  room(roomTypeId: string, room: SummaryRoom): this {
    this.set(attr.remaining(roomTypeId), room.remaining).set(attr.price(roomTypeId), room.priceMinor);
    if (room.restrictions && Object.keys(room.restrictions).length > 0) this.set(attr.restrictions(roomTypeId), room.restrictions);
    else this.remove(attr.restrictions(roomTypeId));
    return this;
  }

  /**
   * The hotel's facts and the index keys that make the night searchable (both indexes sorted by
   * date, then hotel). An inactive hotel keeps its facts but leaves the indexes.
   */
  facts(hotelId: string, date: IsoDate, facts: HotelSearchFacts | undefined): this {
    if (!facts) return this;
    this.set('f', facts);
    if (facts.act) {
      const city = summaryKeys.byCity(facts.c, date, hotelId);
      this.set('gsi1pk', city.gsi1pk).set('gsi1sk', city.gsi1sk);
    } else {
      this.remove('gsi1pk').remove('gsi1sk');
    }
    if (facts.act && facts.lat !== undefined && facts.lng !== undefined) {
      const cell = summaryKeys.byCell(geohash(facts.lat, facts.lng, GEO_INDEX_PRECISION), date, hotelId);
      this.set('gsi2pk', cell.gsi2pk).set('gsi2sk', cell.gsi2sk);
    } else {
      this.remove('gsi2pk').remove('gsi2sk');
    }
    return this;
  }

  /** An `Update` action for `TransactWriteItems` (or the input of an `UpdateCommand`). */
  action(tableName: string, hotelId: string, date: IsoDate) {
    this.set('entity', 'AvailabilityNight').set('hotelId', hotelId).set('date', date);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    let n = 0;
    const name = (attribute: string) => {
      const placeholder = `#s${n++}`;
      names[placeholder] = attribute;
      return placeholder;
    };
    const value = (v: unknown) => {
      const placeholder = `:s${n++}`;
      values[placeholder] = v;
      return placeholder;
    };
    const sets = [...this.sets].map(([a, v]) => `${name(a)} = ${value(v)}`);
    const removes = [...this.removes].map(name);
    const adds = [...this.adds].map(([a, d]) => `${name(a)} ${value(d)}`);
    const expression = [
      sets.length ? `SET ${sets.join(', ')}` : '',
      removes.length ? `REMOVE ${removes.join(', ')}` : '',
      adds.length ? `ADD ${adds.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return {
      Update: {
        TableName: tableName,
        Key: summaryKeys.night(hotelId, date),
        UpdateExpression: expression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /** The whole item these values make (for plain puts): the key, then every SET. */
  item(hotelId: string, date: IsoDate): Record<string, unknown> {
    this.set('entity', 'AvailabilityNight').set('hotelId', hotelId).set('date', date);
    return { ...summaryKeys.night(hotelId, date), ...Object.fromEntries(this.sets) };
  }
}

/** What a night contributes to the summary. */
export function summaryRoomOf(night: Pick<InventoryNight, 'remaining' | 'priceMinor' | 'restrictions' | 'overrides'>): SummaryRoom {
  const restrictions = effectiveRestrictions(night);
  return {
    remaining: night.remaining,
    priceMinor: night.priceMinor,
    ...(Object.keys(restrictions).length > 0 ? { restrictions } : {}),
  };
}

/** True when a change of the night changes what the summary shows. */
export function summaryChanged(before: Parameters<typeof summaryRoomOf>[0], after: Parameters<typeof summaryRoomOf>[0]): boolean {
  return JSON.stringify(summaryRoomOf(before)) !== JSON.stringify(summaryRoomOf(after));
}

/** The summary action for one night written with absolute values (a create, a PMS report, an admin edit). */
export function summaryNightUpdate(tableName: string, night: InventoryNight, facts?: HotelSearchFacts) {
  return new SummaryUpdate().room(night.roomTypeId, summaryRoomOf(night)).facts(night.hotelId, night.date, facts).action(tableName, night.hotelId, night.date);
}

/** The summary action for a new price of one night (a PMS rate). */
export function summaryPriceUpdate(tableName: string, at: { hotelId: string; roomTypeId: string; date: IsoDate }, priceMinor: number) {
  return new SummaryUpdate().set(attr.price(at.roomTypeId), priceMinor).action(tableName, at.hotelId, at.date);
}

/**
 * A whole summary item (for plain puts where nothing else can be writing the hotel's summary: a
 * first import before its commit, the bulk seed). Same attributes as the updates build.
 */
export function summaryItem(hotelId: string, date: IsoDate, nights: readonly InventoryNight[], facts: HotelSearchFacts | undefined): Record<string, unknown> {
  const update = new SummaryUpdate();
  for (const night of nights) update.room(night.roomTypeId, summaryRoomOf(night));
  return update.facts(hotelId, date, facts).item(hotelId, date);
}

/** The summary action for a hold or a release: `remaining` moves by `delta` on one night. */
export function summaryDeltaUpdate(tableName: string, at: { hotelId: string; roomTypeId: string; date: IsoDate }, delta: number) {
  return new SummaryUpdate().add(attr.remaining(at.roomTypeId), delta).action(tableName, at.hotelId, at.date);
}

/** A stored summary item as the search reads it. */
export function summaryNightOf(item: Record<string, unknown>): SummaryNight {
  const rooms: Record<string, SummaryRoom> = {};
  const room = (id: string) => (rooms[id] ??= { remaining: 0, priceMinor: 0 });
  for (const [name, value] of Object.entries(item)) {
    if (name.length < 3 || name[1] !== '#') continue;
    const id = name.slice(2);
    if (name[0] === 'a') room(id).remaining = value as number;
    else if (name[0] === 'p') room(id).priceMinor = value as number;
    else if (name[0] === 'x') room(id).restrictions = value as NightRestrictions;
  }
  return {
    hotelId: item.hotelId as string,
    date: item.date as IsoDate,
    rooms,
    ...(item.f ? { facts: item.f as HotelSearchFacts } : {}),
  };
}

/**
 * The hotel's search facts as stored now (one `Query` of the hotel's partition), or undefined
 * while the hotel is not stored (an import before its commit).
 */
export async function loadSearchFacts(doc: DynamoDBDocumentClient, tableName: string, hotelId: string): Promise<HotelSearchFacts | undefined> {
  const items = await queryAll(doc, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.hotel(hotelId).pk },
  });
  const hotel = items.find((i) => i.sk === keys.hotel(hotelId).sk) as Hotel | undefined;
  if (!hotel) return undefined;
  const roomTypes = items.filter((i) => String(i.sk).startsWith(keys.roomTypePrefix)) as unknown as RoomType[];
  return searchFactsOf(hotel, roomTypes);
}

/** Whether any summary night of the hotel exists (one key-only read). */
export async function hasSummary(doc: DynamoDBDocumentClient, tableName: string, hotelId: string): Promise<boolean> {
  const { Items = [] } = await doc.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': summaryKeys.partition(hotelId) },
      ProjectionExpression: 'pk',
      Limit: 1,
    }),
  );
  return Items.length > 0;
}
