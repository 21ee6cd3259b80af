import type { IsoDate } from '../../../shared/domain/dates.ts';
import { distanceKm } from '../../../shared/domain/geo.ts';
import { toMinorUnits } from '../../../shared/domain/money.ts';
import { effectiveRestrictions } from '../../../shared/domain/inventory.ts';
import { pageOfHits, searchFactsOf, searchHitOf, type SearchHit, type SummaryNight } from '../../../shared/domain/search.ts';
import { normaliseCity } from '../../../shared/adapters/dynamodb/keys.ts';
import type { HotelSearch, SearchIndexWriter, SearchRequest, SearchResultPage, StayAvailabilityReader } from '../../../shared/ports/hotel-search.port.ts';
import type { FakeHotelCatalog } from './hotel-catalog.repository.fake.ts';
import type { FakeInventory } from './inventory.repository.fake.ts';

/**
 * The search over the in-memory catalog and inventory: its summary is derived from the nights and
 * the catalog on every read, so it is always in step (what the DynamoDB adapter's transactions
 * guarantee). `refreshHotel` only records which hotels were refreshed, and when.
 */
export class FakeHotelSearch implements HotelSearch, StayAvailabilityReader, SearchIndexWriter {
  readonly refreshed: { hotelId: string; at: string }[] = [];

  constructor(
    private readonly catalog: FakeHotelCatalog,
    private readonly inventory: FakeInventory,
  ) {}

  async search(request: SearchRequest, now: Date): Promise<SearchResultPage> {
    const hits: SearchHit[] = [];
    for (const hotelId of new Set(this.inventory.all().map((n) => n.hotelId))) {
      const hotel = await this.catalog.getHotel(hotelId);
      if (!hotel) continue;
      const area = request.area;
      if (area.kind === 'city' && normaliseCity(hotel.city) !== normaliseCity(area.city)) continue;
      if (area.kind === 'circle' && (!hotel.location || distanceKm(area.center, hotel.location) > area.radiusKm)) continue;
      const nights = new Map((await this.summaryNights(hotelId, request.checkIn, request.checkOut)).map((n) => [n.date, n]));
      const hit = searchHitOf(hotelId, nights, request, now, toMinorUnits);
      if (hit) hits.push(hit);
    }
    const page = pageOfHits(hits, request.sortBy, request.limit, request.after);
    return { items: page.items, ...(page.next ? { next: page.next } : {}), storageCalls: 1 };
  }

  async summaryNights(hotelId: string, from: IsoDate, to: IsoDate): Promise<SummaryNight[]> {
    const hotel = await this.catalog.getHotel(hotelId);
    const facts = hotel ? searchFactsOf(hotel, await this.catalog.listRoomTypes(hotelId)) : undefined;
    const byDate = new Map<IsoDate, SummaryNight>();
    for (const night of this.inventory.all()) {
      if (night.hotelId !== hotelId || night.date < from || night.date > to) continue;
      const summary = byDate.get(night.date) ?? { hotelId, date: night.date, rooms: {}, ...(facts ? { facts } : {}) };
      const restrictions = effectiveRestrictions(night);
      summary.rooms[night.roomTypeId] = {
        remaining: night.remaining,
        priceMinor: night.priceMinor,
        ...(Object.keys(restrictions).length > 0 ? { restrictions } : {}),
      };
      byDate.set(night.date, summary);
    }
    return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  }

  async refreshHotel(hotelId: string, now: Date): Promise<{ nights: number; changed: number }> {
    this.refreshed.push({ hotelId, at: now.toISOString() });
    return { nights: 0, changed: 0 };
  }
}
