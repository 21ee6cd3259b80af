import { describe, expect, it } from 'vitest';
import { SIM_CREDENTIALS, SIM_DEFAULT_DAYS as DEMO_DAYS, SIM_IMPORT_ONLY_HOTEL, SIM_PMS_HOTEL_IDS, simDemoHotels, simHotels, simImportOnlyHotels, simPriceFor } from '../../../../local/simulators/pms/sim-hotels.ts';
import { PmsSimState } from '../../../../local/simulators/pms/sim-state.ts';
import { addDays, todayIn } from '../../../../shared/domain/dates.ts';

describe('simulated PMS demo hotels', () => {
  it('keep the demo listing ids the README and examples use', () => {
    const sim = simDemoHotels();

    expect(sim.map((h) => h.demoHotelId)).toEqual(['htl_seoul_hanriver', 'htl_seoul_gangnam', 'htl_jeju_oceanview']);
    expect(sim[0]!.roomTypes.map((r) => r.demoRoomTypeId)).toContain('rt_deluxe_double');
  });

  it('cover every vendor, two cities, and two room types with photos per hotel', () => {
    const sim = simDemoHotels();

    expect(new Set(sim.map((h) => h.vendor))).toEqual(new Set(['cloudbeds', 'opera', 'generic']));
    expect(new Set(sim.map((h) => h.city)).size).toBeGreaterThanOrEqual(2);
    expect(sim.map((h) => h.pmsHotelId)).toEqual([SIM_PMS_HOTEL_IDS.cloudbeds, SIM_PMS_HOTEL_IDS.opera, SIM_PMS_HOTEL_IDS.generic]);
    expect(sim.map((h) => h.credentials)).toEqual([SIM_CREDENTIALS.cloudbeds, SIM_CREDENTIALS.opera, SIM_CREDENTIALS.generic]);
    expect(sim.every((h) => h.roomTypes.length >= 2 && h.roomTypes.every((r) => r.photos.length >= 1))).toBe(true);
  });

  it('have a year of nights with the weekend uplift, and nothing after it', () => {
    const now = new Date();
    const state = new PmsSimState(simDemoHotels(), () => now);
    const today = todayIn('Asia/Seoul', now);

    const friday = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(today, i)).find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 5)!;
    const monday = addDays(friday, 3);

    expect(state.night('318204', '501101', friday)).toEqual({ total: 10, priceMinor: 225_000 });
    expect(state.night('318204', '501101', monday)).toEqual({ total: 10, priceMinor: 180_000 });
    expect(simPriceFor(180_000, friday)).toBe(225_000);
    expect(state.night('GNBS01', 'EXKG', addDays(today, DEMO_DAYS - 1))).toBeDefined();
    expect(state.night('GNBS01', 'EXKG', addDays(today, DEMO_DAYS))).toBeUndefined();
  });

  it('hold one hotel the demo does not import, with its own key, for the console import wizard', () => {
    const extra = simImportOnlyHotels();

    expect(extra.map((h) => [h.vendor, h.pmsHotelId, h.demoHotelId])).toEqual([['generic', SIM_IMPORT_ONLY_HOTEL.pmsHotelId, undefined]]);
    expect(extra[0]!.credentials).toEqual(SIM_IMPORT_ONLY_HOTEL.credentials);
    expect(extra[0]!.roomTypes.every((r) => r.demoRoomTypeId === undefined && r.photos.length >= 1)).toBe(true);
    expect(simHotels().map((h) => h.pmsHotelId)).toEqual([...simDemoHotels().map((h) => h.pmsHotelId), SIM_IMPORT_ONLY_HOTEL.pmsHotelId]);
  });
});
