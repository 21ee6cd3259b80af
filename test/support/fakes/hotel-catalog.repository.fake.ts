import { normaliseCity } from '../../../shared/adapters/dynamodb/keys.ts';
import type { Hotel, RatePlan, RoomType } from '../../../shared/domain/hotel.ts';
import type {
  AdminHotelListQuery,
  AdminHotelLister,
  HotelCatalogReader,
  HotelCatalogWriter,
  ListHotelsQuery,
  Page,
} from '../../../shared/ports/hotel-catalog.repository.ts';
import type { KeysetPage } from '../../../shared/ports/pagination.ts';

const copy = <T>(value: T): T => structuredClone(value);
const byName = (a: Hotel, b: Hotel) => `${a.name.toLowerCase()}#${a.hotelId}`.localeCompare(`${b.name.toLowerCase()}#${b.hotelId}`);

/**
 * The catalog in memory, read the way the DynamoDB adapter reads it: hotels by name (then id),
 * optionally of one city compared case- and accent-insensitively, in numbered pages; room types
 * and rate plans of a hotel in id order. Writes replace the whole item.
 */
export class FakeHotelCatalog implements HotelCatalogReader, HotelCatalogWriter, AdminHotelLister {
  private readonly hotels = new Map<string, Hotel>();
  private readonly roomTypes = new Map<string, RoomType>();
  private readonly ratePlans = new Map<string, RatePlan>();

  async listHotels(query: ListHotelsQuery): Promise<Page<Hotel>> {
    const city = query.city === undefined ? undefined : normaliseCity(query.city);
    const all = [...this.hotels.values()]
      .filter((h) => city === undefined || normaliseCity(h.city) === city)
      .filter((h) => query.includeInactive || h.isActive !== false)
      .sort(byName);
    const start = (query.page - 1) * query.pageSize;
    return {
      items: all.slice(start, start + query.pageSize).map(copy),
      page: query.page,
      pageSize: query.pageSize,
      totalItems: all.length,
      totalPages: Math.ceil(all.length / query.pageSize),
    };
  }

  /** As the adapter: name order, the status and `q` (name prefix or city), a manager's hotels only; position `{ after: name#id }`. */
  async listHotelsForAdmin(query: AdminHotelListQuery): Promise<KeysetPage<Hotel>> {
    const sortKey = (h: Hotel) => `HOTEL#${h.name.toLowerCase()}#${h.hotelId}`;
    const q = query.q?.toLowerCase();
    const after = query.after?.after;
    const all = [...this.hotels.values()]
      .filter((h) => !query.hotelIds || query.hotelIds.includes(h.hotelId))
      .filter((h) => query.status === 'all' || (query.status === 'active') === (h.isActive !== false))
      .filter((h) => q === undefined || h.name.toLowerCase().startsWith(q) || normaliseCity(h.city) === normaliseCity(q))
      .filter((h) => after === undefined || sortKey(h) > String(after))
      // Code-unit order, as DynamoDB sorts string keys.
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
    const items = all.slice(0, query.limit);
    return { items: items.map(copy), ...(all.length > query.limit ? { next: { after: sortKey(items.at(-1)!) } } : {}) };
  }

  async getHotel(hotelId: string): Promise<Hotel | undefined> {
    const hotel = this.hotels.get(hotelId);
    return hotel ? copy(hotel) : undefined;
  }

  async listRoomTypes(hotelId: string): Promise<RoomType[]> {
    return [...this.roomTypes.values()]
      .filter((r) => r.hotelId === hotelId)
      .sort((a, b) => a.roomTypeId.localeCompare(b.roomTypeId))
      .map(copy);
  }

  async getRoomType(hotelId: string, roomTypeId: string): Promise<RoomType | undefined> {
    const roomType = this.roomTypes.get(`${hotelId}|${roomTypeId}`);
    return roomType ? copy(roomType) : undefined;
  }

  async listRatePlans(hotelId: string, roomTypeId: string): Promise<RatePlan[]> {
    return this.plansOf(hotelId).filter((p) => p.roomTypeId === roomTypeId);
  }

  async getHotelWithRoomTypes(hotelId: string): Promise<{ hotel?: Hotel; roomTypes: RoomType[]; ratePlans: RatePlan[] }> {
    const hotel = await this.getHotel(hotelId);
    return { ...(hotel ? { hotel } : {}), roomTypes: await this.listRoomTypes(hotelId), ratePlans: this.plansOf(hotelId) };
  }

  async getHotelAndRoomType(hotelId: string, roomTypeId: string): Promise<{ hotel?: Hotel; roomType?: RoomType }> {
    const hotel = await this.getHotel(hotelId);
    const roomType = await this.getRoomType(hotelId, roomTypeId);
    return { ...(hotel ? { hotel } : {}), ...(roomType ? { roomType } : {}) };
  }

  async getCheckoutCatalog(hotelId: string, roomTypeId: string): Promise<{ hotel?: Hotel; roomType?: RoomType; ratePlans: RatePlan[] }> {
    return { ...(await this.getHotelAndRoomType(hotelId, roomTypeId)), ratePlans: await this.listRatePlans(hotelId, roomTypeId) };
  }

  async putHotel(hotel: Hotel): Promise<void> {
    this.hotels.set(hotel.hotelId, copy(hotel));
  }

  async putRoomType(roomType: RoomType): Promise<void> {
    this.roomTypes.set(`${roomType.hotelId}|${roomType.roomTypeId}`, copy(roomType));
  }

  async putRatePlan(ratePlan: RatePlan): Promise<void> {
    this.ratePlans.set(`${ratePlan.hotelId}|${ratePlan.roomTypeId}|${ratePlan.ratePlanId}`, copy(ratePlan));
  }

  /** Test helper: stores a hotel with its room types and rate plans. */
  seed(input: { hotel?: Hotel; roomTypes?: RoomType[]; ratePlans?: RatePlan[] }): void {
    if (input.hotel) this.hotels.set(input.hotel.hotelId, copy(input.hotel));
    for (const r of input.roomTypes ?? []) this.roomTypes.set(`${r.hotelId}|${r.roomTypeId}`, copy(r));
    for (const p of input.ratePlans ?? []) this.ratePlans.set(`${p.hotelId}|${p.roomTypeId}|${p.ratePlanId}`, copy(p));
  }

  private plansOf(hotelId: string): RatePlan[] {
    return [...this.ratePlans.values()]
      .filter((p) => p.hotelId === hotelId)
      .sort((a, b) => `${a.roomTypeId}#${a.ratePlanId}`.localeCompare(`${b.roomTypeId}#${b.ratePlanId}`))
      .map(copy);
  }
}
