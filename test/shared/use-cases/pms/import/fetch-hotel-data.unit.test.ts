import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../../shared/domain/dates.ts';
import { ValidationError } from '../../../../../shared/domain/errors.ts';
import { PmsAuthError } from '../../../../../shared/domain/pms-errors.ts';
import { PmsHostNotAllowedError } from '../../../../../shared/domain/pms-egress.ts';
import { fetchHotelData } from '../../../../../shared/use-cases/pms/import/fetch-hotel-data.use-case.ts';
import { TODAY, importWorld } from './pms-import-fakes.ts';

const input = { vendor: 'generic' as const, hotelId: 'jeju-ocean', apiKey: 'gpk_typed_in', apiBaseUrl: 'https://pms.example/v1' };

describe('fetchHotelData', () => {
  it('reads the hotel, its room types and 30 nights from today in the hotel\'s zone, as the import form', async () => {
    // Prepare
    const w = importWorld();

    // Act
    const form = await fetchHotelData({ pms: w.pms, clock: w.clock }, input);

    // Assess
    expect(w.pms.connections).toEqual([expect.objectContaining({ vendor: 'generic', pmsHotelId: 'jeju-ocean', baseUrl: 'https://pms.example/v1' })]);
    expect(w.pmsClient.calls[0]?.operation).toBe('getHotel');
    expect(w.pmsClient.callsOf('getNights')).toEqual([[TODAY, addDays(TODAY, 29)]]);
    expect(form).toMatchObject({ vendor: 'generic', pmsHotelId: 'jeju-ocean', apiBaseUrl: 'https://pms.example/v1', hotelName: 'Jeju Ocean View', timeZone: 'Asia/Seoul', currency: 'KRW', checkInTime: '15:00' });
    const ocean = form.roomTypes.find((r) => r.pmsRoomTypeId === 'ocean-double')!;
    expect(ocean).toMatchObject({ roomTypeName: 'Ocean Double', averagePriceMinor: 120_000, currency: 'KRW', checkInTime: '15:00', images: [{ url: 'https://img.example/o1.jpg', caption: 'Sea view' }, { url: 'https://img.example/o2.jpg' }] });
    expect(ocean.inventory).toHaveLength(30);
    expect(ocean.inventory[0]).toEqual({ date: TODAY, total: 7, available: 5, priceMinor: 100_000 });
    expect(form.roomTypes.find((r) => r.pmsRoomTypeId === 'family-villa')!.inventory[0]).toMatchObject({ available: 2 });
  });

  it('never returns the API key', async () => {
    const w = importWorld();

    const form = await fetchHotelData({ pms: w.pms, clock: w.clock }, input);

    expect(JSON.stringify(form)).not.toContain('gpk_typed_in');
  });

  it('a key the PMS refuses fails at the first call, and nothing else is asked', async () => {
    const w = importWorld();
    w.pmsClient.failures.arm('getHotel', new PmsAuthError('generic refused our credentials'));

    await expect(fetchHotelData({ pms: w.pms, clock: w.clock }, input)).rejects.toBeInstanceOf(PmsAuthError);
    expect(w.pmsClient.calls.map((c) => c.operation)).toEqual(['getHotel']);
  });

  it('refuses an address the egress rules do not allow (422 PMS_HOST_NOT_ALLOWED on body.apiBaseUrl), asking the PMS nothing', async () => {
    const w = importWorld();
    w.pms.failures.arm('connect', new PmsHostNotAllowedError('private_address', '10.0.0.5', 'The PMS address 10.0.0.5 is a private address'));

    const error = await fetchHotelData({ pms: w.pms, clock: w.clock }, { ...input, apiBaseUrl: 'https://10.0.0.5/api' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PmsHostNotAllowedError);
    expect((error as PmsHostNotAllowedError).details).toEqual([expect.objectContaining({ field: 'body.apiBaseUrl', rule: 'private_address' })]);
    expect(w.pmsClient.calls).toEqual([]);
  });

  it('asks for the base URL of a vendor without a public one (422 on body.apiBaseUrl)', async () => {
    const w = importWorld();

    const error = await fetchHotelData({ pms: w.pms, clock: w.clock }, { ...input, apiBaseUrl: undefined }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([expect.objectContaining({ field: 'body.apiBaseUrl' })]);
  });
});
