import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../../shared/domain/dates.ts';
import { pmsConfigIdFor, type PmsConfig } from '../../../../../shared/domain/pms-config.ts';
import { PmsAuthError, PmsUnavailableError } from '../../../../../shared/domain/pms-errors.ts';
import type { WebhookEvent } from '../../../../../shared/domain/webhook.ts';
import { processPmsWebhook } from '../../../../../shared/use-cases/pms/webhooks/process-pms-webhook.use-case.ts';
import { fakeClock } from '../../../../support/fakes/clock.fake.ts';
import { FakeEventPublisher } from '../../../../support/fakes/event-publisher.fake.ts';
import { FakeHotelCatalog } from '../../../../support/fakes/hotel-catalog.repository.fake.ts';
import { FakeInventory } from '../../../../support/fakes/inventory.repository.fake.ts';
import { FakePmsClient } from '../../../../support/fakes/pms-client.fake.ts';
import { FakePmsClients } from '../../../../support/fakes/pms-clients.fake.ts';
import { FakePmsConfigRepository } from '../../../../support/fakes/pms-config.repository.fake.ts';
import { FakeWebhookEventRepository } from '../../../../support/fakes/webhook-event.repository.fake.ts';
import { FakeBookingRepository } from '../../../../support/fakes/booking.repository.fake.ts';
import { FakeFindingRepository } from '../../../../support/fakes/finding.repository.fake.ts';
import { FakeHoldRepository } from '../../../../support/fakes/hold.repository.fake.ts';
import { aBooking, aHotel, aPmsConfig, aRatePlan, aRoomType, nights } from '../../../../support/fixtures.ts';

/** 09:00 in Seoul on 1 March; events arrive a minute later. */
const NOW = '2026-03-01T00:00:00.000Z';
const RECEIVED = '2026-02-28T23:59:00.000Z';
const TODAY = '2026-03-01';
const SEALED = { v: 1 as const, wrappedKey: 'w', keyId: 'fake', iv: 'i', tag: 't', ciphertext: 'c' };

async function setup() {
  const clock = fakeClock(NOW);
  const webhookEvents = new FakeWebhookEventRepository();
  const pmsConfigs = new FakePmsConfigRepository();
  const catalog = new FakeHotelCatalog();
  const inventory = new FakeInventory();
  const events = new FakeEventPublisher();
  const pms = new FakePmsClients(pmsConfigs);
  const bookings = new FakeBookingRepository();
  const holds = new FakeHoldRepository(inventory);
  const findings = new FakeFindingRepository();
  catalog.seed({
    hotel: aHotel({ hotelId: 'htl_1', currency: 'KRW', timeZone: 'Asia/Seoul' }),
    roomTypes: [aRoomType({ hotelId: 'htl_1', roomTypeId: 'rt_ocean', pmsRoomTypeId: 'ocean-double' }), aRoomType({ hotelId: 'htl_1', roomTypeId: 'rt_plain' })],
    ratePlans: [aRatePlan({ hotelId: 'htl_1', roomTypeId: 'rt_ocean', basePriceMinor: 160_000 })],
  });
  inventory.seed(nights('htl_1', 'rt_ocean', '2026-03-10', '2026-03-12', 12, 150_000));
  const config = (vendor: 'generic' | 'cloudbeds', pmsHotelId: string, extra: Partial<PmsConfig> = {}) =>
    aPmsConfig({ configId: pmsConfigIdFor(vendor, pmsHotelId), hotelId: 'htl_1', vendor, pmsHotelId, apiBaseUrl: 'https://pms.example', credentials: SEALED, pollingHorizonDays: 3, ...extra });
  await pmsConfigs.put(config('generic', 'jeju'));
  await pmsConfigs.put(config('cloudbeds', '318204'));
  const cloudbeds = new FakePmsClient({
    vendor: 'cloudbeds',
    pmsHotelId: '318204',
    nights: [0, 1, 2, 3].flatMap((i) => [
      { pmsRoomTypeId: 'ocean-double', date: addDays(TODAY, i), total: 4, priceMinor: 99_000, currency: 'KRW' },
      { pmsRoomTypeId: '501999', date: addDays(TODAY, i), total: 1, priceMinor: 10_000, currency: 'KRW' },
    ]),
  });
  pms.register(pmsConfigIdFor('cloudbeds', '318204'), cloudbeds);
  const generic = new FakePmsClient({ vendor: 'generic', pmsHotelId: 'jeju' });
  pms.register(pmsConfigIdFor('generic', 'jeju'), generic);
  const deps = { webhookEvents, pmsConfigs, catalog, inventory, events, pms, clock, bookings, holds, findings };

  /** Stores an event as the receiver would have. */
  async function stored(event: Omit<Partial<WebhookEvent>, 'payload'> & { payload: unknown }): Promise<WebhookEvent> {
    const e: WebhookEvent = {
      vendor: 'generic',
      eventId: 'evt_1',
      eventType: 'inventory_update',
      pmsHotelId: 'jeju',
      receivedAt: RECEIVED,
      status: 'RECEIVED',
      attempts: 0,
      ...event,
      payload: typeof event.payload === 'string' ? event.payload : JSON.stringify(event.payload),
    };
    await webhookEvents.create(e);
    return e;
  }
  return { clock, webhookEvents, inventory, events, cloudbeds, generic, bookings, holds, findings, deps, stored };
}

const generic = (eventType: string, data: unknown, extra: Record<string, unknown> = {}) => ({
  eventId: 'evt_1',
  eventType,
  hotelId: 'jeju',
  roomTypeId: 'ocean-double',
  timestamp: '2026-02-28T23:58:00.000Z',
  data,
  ...extra,
});

describe('processPmsWebhook, generic', () => {
  it('applies an inventory_update without touching reserved, flags an overbooked night and tells operations', async () => {
    // Prepare: 9 rooms of the 10th are already sold; the PMS shrinks the night to 5.
    const { deps, inventory, webhookEvents, events, stored } = await setup();
    inventory.seed(nights('htl_1', 'rt_ocean', '2026-03-10', '2026-03-10', 12, 150_000).map((n) => ({ ...n, reserved: 9, remaining: 4 })));
    await stored({ payload: generic('inventory_update', { inventory: [{ date: '2026-03-10', total: 5 }, { date: '2026-03-11', total: 20 }] }) });

    // Act
    const result = await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_1' });

    // Assess
    expect(result).toEqual({ status: 'PROCESSED', result: { applied: 2, created: 0, stale: 0, overbooked: ['2026-03-10'] } });
    expect(inventory.night('htl_1', 'rt_ocean', '2026-03-10')).toMatchObject({ total: 5, sellLimit: 5, reserved: 9, remaining: -4, overbooked: true });
    // A PMS-managed hotel sells no more than its PMS accepts (no overbooking unless the config says so).
    expect(inventory.night('htl_1', 'rt_ocean', '2026-03-11')).toMatchObject({ total: 20, sellLimit: 20, remaining: 20 });
    expect(await webhookEvents.get('generic', 'evt_1')).toMatchObject({ status: 'PROCESSED', attempts: 1, processedAt: NOW });
    expect(events.ofType('inventory.overbooked').map((e) => e.detail)).toEqual([
      { hotelId: 'htl_1', roomTypeId: 'rt_ocean', date: '2026-03-10', total: 5, sellLimit: 5, external: 0, reserved: 9 },
    ]);
  });

  it("applies the restrictions an inventory_update carries (protocol 1.1), lifts them when it says so, and keeps them for a 1.0 event", async () => {
    // Prepare: a 1.1 event with the night's whole state, a 1.0 event with its total only, then a 1.1 event lifting everything.
    const { deps, inventory, stored } = await setup();
    const night = (extra: Record<string, unknown>) => ({ date: '2026-03-10', total: 12, available: 9, ...extra });
    await stored({ eventId: 'e1', payload: generic('inventory_update', { inventory: [night({ minStay: 3, closedToArrival: false, closedToDeparture: false, stopSell: true })] }, { eventId: 'e1', timestamp: '2026-02-28T23:50:00.000Z' }) });
    await stored({ eventId: 'e2', payload: generic('inventory_update', { inventory: [{ date: '2026-03-10', total: 11 }] }, { eventId: 'e2', timestamp: '2026-02-28T23:51:00.000Z' }) });
    await stored({ eventId: 'e3', payload: generic('inventory_update', { inventory: [night({ minStay: null, closedToArrival: false, closedToDeparture: false, stopSell: false })] }, { eventId: 'e3', timestamp: '2026-02-28T23:52:00.000Z' }) });

    // Act
    await processPmsWebhook(deps, { vendor: 'generic', eventId: 'e1' });
    const afterFirst = inventory.night('htl_1', 'rt_ocean', '2026-03-10');
    await processPmsWebhook(deps, { vendor: 'generic', eventId: 'e2' });
    const afterTotalOnly = inventory.night('htl_1', 'rt_ocean', '2026-03-10');
    await processPmsWebhook(deps, { vendor: 'generic', eventId: 'e3' });

    // Assess: `available` is not taken from the event (other channels' sales come from re-reads).
    expect(afterFirst).toMatchObject({ restrictions: { minStay: 3, stopSell: true }, external: 0 });
    expect(afterTotalOnly).toMatchObject({ total: 11, restrictions: { minStay: 3, stopSell: true } });
    expect(inventory.night('htl_1', 'rt_ocean', '2026-03-10')?.restrictions ?? {}).toEqual({});
  });

  it('prices a night it creates from the room type\'s rate plan', async () => {
    const { deps, inventory, stored } = await setup();
    await stored({ payload: generic('inventory_update', { inventory: [{ date: '2026-04-01', total: 3 }] }) });

    await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_1' });

    expect(inventory.night('htl_1', 'rt_ocean', '2026-04-01')).toMatchObject({ total: 3, priceMinor: 160_000, currency: 'KRW' });
  });

  it('never lets an older event roll back a newer one: the conflict re-reads the night from the PMS', async () => {
    // Prepare: the PMS's night now says 8 (its newest event); its older event arrives last.
    const { deps, inventory, generic: pms, stored } = await setup();
    pms.setNights([{ pmsRoomTypeId: 'ocean-double', date: '2026-03-10', total: 8, available: 8, priceMinor: 150_000, currency: 'KRW' }]);
    await stored({ eventId: 'evt_newer', payload: generic('inventory_update', { inventory: [{ date: '2026-03-10', total: 8 }] }, { eventId: 'evt_newer', timestamp: '2026-02-28T23:58:30.000Z' }) });
    await stored({ eventId: 'evt_old', payload: generic('inventory_update', { inventory: [{ date: '2026-03-10', total: 2 }] }, { eventId: 'evt_old', timestamp: '2026-02-28T23:00:00.000Z' }) });

    // Act
    const newer = await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_newer' });
    const old = await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_old' });
    const stateAfterOld = await deps.webhookEvents.get('generic', 'evt_old');

    // Assess
    expect(newer).toMatchObject({ status: 'PROCESSED', result: { applied: 1, stale: 0 } });
    expect(old).toMatchObject({ status: 'PROCESSED', result: { applied: 1, stale: 1 } });
    expect(stateAfterOld?.note).toMatch(/re-read 2026-03-10\.\.2026-03-10/);
    expect(inventory.night('htl_1', 'rt_ocean', '2026-03-10')?.total).toBe(8);
  });

  it('orders the events of a PMS whose clock runs 30 s fast by its own times, not by arrival: the newest wins', async () => {
    // Prepare: the PMS (30 s ahead of us) made evt_a, then evt_b; evt_b arrives first, evt_a 10 s later.
    const { deps, inventory, generic: pms, stored } = await setup();
    pms.setNights([{ pmsRoomTypeId: 'ocean-double', date: '2026-03-10', total: 7, available: 7, priceMinor: 150_000, currency: 'KRW' }]);
    await stored({ eventId: 'evt_b', receivedAt: '2026-02-28T23:59:00.000Z', payload: generic('inventory_update', { inventory: [{ date: '2026-03-10', total: 7 }] }, { eventId: 'evt_b', timestamp: '2026-02-28T23:59:27.000Z' }) });
    await stored({ eventId: 'evt_a', receivedAt: '2026-02-28T23:59:10.000Z', payload: generic('inventory_update', { inventory: [{ date: '2026-03-10', total: 3 }] }, { eventId: 'evt_a', timestamp: '2026-02-28T23:59:25.000Z' }) });

    // Act
    await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_b' });
    const late = await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_a' });

    // Assess
    expect(late).toMatchObject({ status: 'PROCESSED', result: { stale: 1 } });
    expect(inventory.night('htl_1', 'rt_ocean', '2026-03-10')?.total).toBe(7);
  });

  it('caps a PMS clock further ahead than the allowance at receipt + 60 s, so later real updates still apply', async () => {
    const { deps, inventory, stored } = await setup();
    await stored({ eventId: 'evt_future', payload: generic('inventory_update', { inventory: [{ date: '2026-03-10', total: 6 }] }, { eventId: 'evt_future', timestamp: '2026-03-05T00:00:00.000Z' }) });
    await stored({ eventId: 'evt_later', receivedAt: '2026-02-28T23:59:40.000Z', payload: generic('inventory_update', { inventory: [{ date: '2026-03-10', total: 9 }] }, { eventId: 'evt_later', timestamp: '2026-02-28T23:59:30.000Z' }) });
    await stored({ eventId: 'evt_after', receivedAt: '2026-02-28T23:59:50.000Z', payload: generic('inventory_update', { inventory: [{ date: '2026-03-10', total: 4 }] }, { eventId: 'evt_after', timestamp: '2026-03-01T00:00:05.000Z' }) });

    const results = [
      await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_future' }),
      await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_later' }),
      await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_after' }),
    ];

    // evt_future counts as of 00:00:00 (receipt 23:59:00 + 60 s): 23:59:30 is older, 00:00:05 newer.
    expect(results.map((r) => (r.status === 'PROCESSED' ? r.result.stale : r.status))).toEqual([0, 1, 0]);
    expect(inventory.night('htl_1', 'rt_ocean', '2026-03-10')?.total).toBe(4);
  });

  it('applies a rate_update in minor units, and refuses a foreign currency for good', async () => {
    const { deps, inventory, webhookEvents, stored } = await setup();
    await stored({ eventId: 'evt_rate', eventType: 'rate_update', payload: generic('rate_update', { rates: [{ date: '2026-03-11', price: 175_000, currency: 'KRW' }] }, { eventId: 'evt_rate' }) });
    await stored({ eventId: 'evt_usd', eventType: 'rate_update', payload: generic('rate_update', { rates: [{ date: '2026-03-11', price: 120.5, currency: 'USD' }] }, { eventId: 'evt_usd' }) });

    const rate = await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_rate' });
    const usd = await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_usd' });

    expect(rate).toMatchObject({ status: 'PROCESSED', result: { applied: 1 } });
    expect(inventory.night('htl_1', 'rt_ocean', '2026-03-11')).toMatchObject({ priceMinor: 175_000, total: 12 });
    expect(usd).toEqual({ status: 'FAILED', reason: expect.stringContaining('KRW') });
    expect(await webhookEvents.get('generic', 'evt_usd')).toMatchObject({ status: 'FAILED', retryable: false });
  });

  it.each([
    ['null', null],
    ['empty', ''],
  ])('a reservation_update with a %s externalId and a channel is another channel\'s sale, applied', async (_what, externalId) => {
    const { deps, inventory, generic: pms, stored } = await setup();
    pms.setNights([{ pmsRoomTypeId: 'ocean-double', date: '2026-03-10', total: 12, available: 11, priceMinor: 150_000, currency: 'KRW' }]);
    await stored({
      eventType: 'reservation_update',
      payload: generic('reservation_update', { reservationId: 'R2', externalId, channel: 'ota', status: 'confirmed', checkIn: '2026-03-10', checkOut: '2026-03-11', rooms: 1 }),
    });

    const result = await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_1' });

    expect(result).toMatchObject({ status: 'PROCESSED', result: { applied: 1 } });
    expect(inventory.night('htl_1', 'rt_ocean', '2026-03-10')).toMatchObject({ external: 1, remaining: 11 });
  });

  it("a reservation_update of another channel reads the stay's nights again, so its sale lowers what we sell", async () => {
    // Prepare: the front desk sold 2 of the 12 rooms of the 10th; the PMS now says 10 are unsold.
    const { deps, inventory, generic: pms, stored } = await setup();
    pms.setNights([{ pmsRoomTypeId: 'ocean-double', date: '2026-03-10', total: 12, available: 10, priceMinor: 150_000, currency: 'KRW' }]);
    await stored({
      eventType: 'reservation_update',
      payload: generic('reservation_update', { reservationId: 'R1', externalId: '', status: 'confirmed', checkIn: '2026-03-10', checkOut: '2026-03-11', rooms: 2 }),
    });

    // Act
    const result = await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_1' });

    // Assess
    expect(result).toMatchObject({ status: 'PROCESSED', result: { applied: 1 } });
    expect(pms.callsOf('getNights')).toEqual([['2026-03-10', '2026-03-10']]);
    expect(inventory.night('htl_1', 'rt_ocean', '2026-03-10')).toMatchObject({ total: 12, external: 2, sellLimit: 12, remaining: 10 });
  });

  it('a hotel-side cancellation of OUR booking makes it CANCELLED_BY_HOTEL, gives its rooms back once and tells an admin', async () => {
    // Prepare: our confirmed, captured booking of 1 room on the 10th, counted in the PMS; the hotel cancels it there.
    const { deps, inventory, generic: pms, bookings, holds, findings, events, stored } = await setup();
    bookings.seed(aBooking({ bookingId: 'bk_ours', hotelId: 'htl_1', roomTypeId: 'rt_ocean', checkIn: '2026-03-10', checkOut: '2026-03-11', status: 'CONFIRMED', payment: { status: 'CAPTURED', paymentId: 'pi_1', amountMinor: 150_000, currency: 'KRW' } }));
    await holds.place({ bookingId: 'bk_ours', hotelId: 'htl_1', roomTypeId: 'rt_ocean', nights: ['2026-03-10'], rooms: 1, expiresAt: '2026-03-01T01:00:00.000Z' }, deps.clock());
    await holds.convert('bk_ours', deps.clock());
    await holds.markInPms('bk_ours', deps.clock());
    pms.setNights([{ pmsRoomTypeId: 'ocean-double', date: '2026-03-10', total: 12, available: 12, priceMinor: 150_000, currency: 'KRW' }]);
    const event = generic('reservation_update', { reservationId: 'R9', externalId: 'bk_ours', status: 'cancelled', checkIn: '2026-03-10', checkOut: '2026-03-11', rooms: 1 });
    await stored({ eventType: 'reservation_update', payload: event });
    await stored({ eventId: 'evt_2', eventType: 'reservation_update', payload: { ...event, eventId: 'evt_2' } });

    // Act: the event, and the PMS sending it again under another id.
    await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_1' });
    await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_2' });

    // Assess
    expect(await bookings.get('bk_ours')).toMatchObject({ status: 'CANCELLED_BY_HOTEL', refundDueMinor: 150_000, pms: { status: 'CANCELLED' } });
    expect((await holds.get('bk_ours'))?.status).toBe('RELEASED');
    expect(inventory.night('htl_1', 'rt_ocean', '2026-03-10')).toMatchObject({ reserved: 0, inPms: 0, external: 0, remaining: 12 });
    expect((await findings.list({ status: 'open', limit: 10 })).items).toMatchObject([{ type: 'HOTEL_CANCELLED', bookingId: 'bk_ours' }]);
    expect(events.ofType('booking.cancelled_by_hotel')).toHaveLength(1);
  });

  it.each([
    ['a PMS hotel without a config', { hotelId: 'unknown-hotel' }, { pmsHotelId: 'unknown-hotel' }, 'No generic PMS config'],
    ['a PMS room type not mapped here', { roomTypeId: 'penthouse' }, {}, "room type 'penthouse'"],
  ])('marks an event about %s FAILED for good, without throwing', async (_what, payloadExtra, eventExtra, reason) => {
    const { deps, webhookEvents, stored } = await setup();
    await stored({ ...eventExtra, payload: generic('inventory_update', { inventory: [{ date: '2026-03-10', total: 5 }] }, payloadExtra) });

    const result = await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_1' });

    expect(result).toEqual({ status: 'FAILED', reason: expect.stringContaining(reason) });
    expect(await webhookEvents.get('generic', 'evt_1')).toMatchObject({ status: 'FAILED', retryable: false });
  });

  it.each([
    ['PROCESSED', {}],
    ['IGNORED', {}],
    ['FAILED', { retryable: false }],
  ] as const)('skips an event that is already %s (a redelivery), counting no attempt', async (status, extra) => {
    const { deps, webhookEvents, stored } = await setup();
    await stored({ status, ...extra, payload: generic('inventory_update', { inventory: [{ date: '2026-03-10', total: 1 }] }) });

    const result = await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_1' });

    expect(result).toMatchObject({ status: 'SKIPPED' });
    expect((await webhookEvents.get('generic', 'evt_1'))?.attempts).toBe(0);
  });

  it('retries an event that failed for a retryable reason, and skips one that is gone', async () => {
    const { deps, webhookEvents, stored } = await setup();
    await stored({ status: 'FAILED', retryable: true, attempts: 1, payload: generic('inventory_update', { inventory: [{ date: '2026-03-10', total: 1 }] }) });

    const retried = await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_1' });
    const gone = await processPmsWebhook(deps, { vendor: 'generic', eventId: 'evt_gone' });

    expect(retried.status).toBe('PROCESSED');
    expect(await webhookEvents.get('generic', 'evt_1')).toMatchObject({ attempts: 2, status: 'PROCESSED' });
    expect((await webhookEvents.get('generic', 'evt_1'))).not.toHaveProperty('error');
    expect(gone).toMatchObject({ status: 'SKIPPED' });
  });
});

describe('processPmsWebhook, Cloudbeds', () => {
  const payload = { version: '1.0', event: 'reservation/created', timestamp: 1772323140, propertyID: 318204, reservationID: 'R77' };

  it('re-fetches the polling horizon from today and applies every mapped room type', async () => {
    // Prepare
    const { deps, inventory, webhookEvents, cloudbeds, stored } = await setup();
    await stored({ vendor: 'cloudbeds', eventId: 'cb_1', eventType: 'reservation/created', pmsHotelId: '318204', payload });

    // Act
    const result = await processPmsWebhook(deps, { vendor: 'cloudbeds', eventId: 'cb_1' });

    // Assess: three nights (the config's horizon); the PMS room type 501999 is not ours.
    expect(cloudbeds.callsOf('getNights')).toEqual([[TODAY, addDays(TODAY, 2)]]);
    expect(result).toEqual({ status: 'PROCESSED', result: { applied: 0, created: 3, stale: 0, overbooked: [] } });
    expect(inventory.night('htl_1', 'rt_ocean', TODAY)).toMatchObject({ total: 4, priceMinor: 99_000, syncedAt: NOW });
    expect((await webhookEvents.get('cloudbeds', 'cb_1'))?.note).toBe(`Re-fetched ${TODAY}..${addDays(TODAY, 2)}; PMS room types without a room type here: 501999.`);
  });

  it('a status_changed to cancelled of OUR booking reads the reservation, cancels the booking and gives its rooms back before the nights are read', async () => {
    // Prepare: our confirmed booking of 1 room tonight, counted in the PMS; the hotel cancels it in Cloudbeds.
    const { deps, inventory, cloudbeds, bookings, holds, findings, events, webhookEvents, stored } = await setup();
    inventory.seed(nights('htl_1', 'rt_ocean', TODAY, addDays(TODAY, 2), 4, 99_000).map((n) => ({ ...n, sellLimit: 4, remaining: 4 })));
    bookings.seed(aBooking({ bookingId: 'bk_cb', hotelId: 'htl_1', roomTypeId: 'rt_ocean', checkIn: TODAY, checkOut: addDays(TODAY, 1), status: 'CONFIRMED', payment: { status: 'CAPTURED', paymentId: 'pi_1', amountMinor: 99_000, currency: 'KRW' } }));
    await holds.place({ bookingId: 'bk_cb', hotelId: 'htl_1', roomTypeId: 'rt_ocean', nights: [TODAY], rooms: 1, expiresAt: '2026-03-01T01:00:00.000Z' }, deps.clock());
    await holds.convert('bk_cb', deps.clock());
    await holds.markInPms('bk_cb', deps.clock());
    cloudbeds.plant({ reservationId: '9000000123', externalId: 'bk_cb', status: 'cancelled', pmsRoomTypeId: 'ocean-double', checkIn: TODAY, checkOut: addDays(TODAY, 1), rooms: 1 });
    const changed = { version: '1.0', event: 'reservation/status_changed', timestamp: 1772323140, propertyID: 318204, reservationID: '9000000123', status: 'canceled' };
    await stored({ vendor: 'cloudbeds', eventId: 'cb_c1', eventType: 'reservation/status_changed', pmsHotelId: '318204', payload: changed });
    await stored({ vendor: 'cloudbeds', eventId: 'cb_c2', eventType: 'reservation/status_changed', pmsHotelId: '318204', payload: { ...changed, timestamp: 1772323141 } });

    // Act: the event, and Cloudbeds sending it again.
    const first = await processPmsWebhook(deps, { vendor: 'cloudbeds', eventId: 'cb_c1' });
    await processPmsWebhook(deps, { vendor: 'cloudbeds', eventId: 'cb_c2' });

    // Assess
    expect(first.status).toBe('PROCESSED');
    expect(cloudbeds.calls.map((c) => c.operation)).toEqual(['getReservation', 'getNights', 'getReservation', 'getNights']);
    expect(await bookings.get('bk_cb')).toMatchObject({ status: 'CANCELLED_BY_HOTEL', refundDueMinor: 99_000 });
    expect((await holds.get('bk_cb'))?.status).toBe('RELEASED');
    expect(inventory.night('htl_1', 'rt_ocean', TODAY)).toMatchObject({ reserved: 0, inPms: 0, external: 0, remaining: 4 });
    expect((await findings.list({ status: 'open', limit: 10 })).items).toMatchObject([{ type: 'HOTEL_CANCELLED', bookingId: 'bk_cb', pmsReservationId: '9000000123' }]);
    expect(events.ofType('booking.cancelled_by_hotel')).toHaveLength(1);
    expect((await webhookEvents.get('cloudbeds', 'cb_c1'))?.note).toContain('our booking bk_cb: cancelled');
    expect((await webhookEvents.get('cloudbeds', 'cb_c2'))?.note).toContain('our booking bk_cb: already');
  });

  it("another channel's reservation is only re-read: no booking of ours is looked at", async () => {
    const { deps, cloudbeds, findings, events, stored } = await setup();
    cloudbeds.plant({ reservationId: '9000000124', externalId: '', status: 'cancelled', channel: 'front-desk', pmsRoomTypeId: 'ocean-double', checkIn: TODAY, checkOut: addDays(TODAY, 1), rooms: 1 });
    await stored({ vendor: 'cloudbeds', eventId: 'cb_o1', eventType: 'reservation/status_changed', pmsHotelId: '318204', payload: { ...payload, event: 'reservation/status_changed', reservationID: 9000000124 } });

    const result = await processPmsWebhook(deps, { vendor: 'cloudbeds', eventId: 'cb_o1' });

    expect(result.status).toBe('PROCESSED');
    expect(cloudbeds.callsOf('getReservation')).toEqual([['9000000124']]);
    expect((await findings.list({ status: 'open', limit: 10 })).items).toEqual([]);
    expect(events.ofType('booking.cancelled_by_hotel')).toEqual([]);
  });

  it('a PMS outage marks the event FAILED as retryable and throws, so the queue delivers it again', async () => {
    const { deps, webhookEvents, cloudbeds, stored } = await setup();
    await stored({ vendor: 'cloudbeds', eventId: 'cb_1', eventType: 'reservation/created', pmsHotelId: '318204', payload });
    cloudbeds.failures.arm('getNights', new PmsUnavailableError('down', { vendor: 'cloudbeds' }));

    const error = await processPmsWebhook(deps, { vendor: 'cloudbeds', eventId: 'cb_1' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PmsUnavailableError);
    expect(await webhookEvents.get('cloudbeds', 'cb_1')).toMatchObject({ status: 'FAILED', retryable: true, error: 'down' });
  });

  it('refused credentials will not get better: FAILED for good, returned, not thrown', async () => {
    const { deps, webhookEvents, cloudbeds, stored } = await setup();
    await stored({ vendor: 'cloudbeds', eventId: 'cb_1', eventType: 'reservation/created', pmsHotelId: '318204', payload });
    cloudbeds.failures.arm('getNights', new PmsAuthError('cloudbeds refused our credentials', { vendor: 'cloudbeds' }));

    const result = await processPmsWebhook(deps, { vendor: 'cloudbeds', eventId: 'cb_1' });

    expect(result).toEqual({ status: 'FAILED', reason: 'cloudbeds refused our credentials' });
    expect(await webhookEvents.get('cloudbeds', 'cb_1')).toMatchObject({ status: 'FAILED', retryable: false });
  });
});
