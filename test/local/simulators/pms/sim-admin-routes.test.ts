import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GenericPmsClient } from '../../../../shared/adapters/pms/generic.adapter.ts';
import { addDays, todayIn } from '../../../../shared/domain/dates.ts';
import type { PmsConnection } from '../../../../shared/ports/pms.port.ts';
import { SIM_GENERIC_WEBHOOK_SECRET, SIM_PMS_HOTEL_IDS, startPmsSimulator, type PmsSimulator } from '../../../../local/simulators/pms/pms-simulator.ts';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, any>;
  rawBody: string;
}

/** A webhook receiver on a free loopback port that keeps what it got. */
async function startReceiver(): Promise<{ url: string; received: Received[]; stop(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(rawBody) as Record<string, any>, rawBody });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"success":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const { generic: JEJU, cloudbeds: HAN_RIVER, opera: GANGNAM } = SIM_PMS_HOTEL_IDS;

describe('simulated PMS admin routes (/_sim)', () => {
  let sim: PmsSimulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const delays: number[] = [];
  const day = (offset: number) => addDays(todayIn('Asia/Seoul'), offset);

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${sim.url}${path}`, { method, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
    return { status: res.status, body: await res.json() };
  }

  beforeEach(async () => {
    receiver = await startReceiver();
    delays.length = 0;
    sim = await startPmsSimulator({ delay: async (ms) => void delays.push(ms) });
    sim.configureWebhooks({ generic: { url: `${receiver.url}/generic`, secret: SIM_GENERIC_WEBHOOK_SECRET }, cloudbeds: { url: `${receiver.url}/cloudbeds?token=t` } });
  });

  afterEach(async () => {
    await sim.stop();
    await receiver.stop();
  });

  it('sells rooms through another channel: 201 with the reservation, less availability, and a signed reservation_update for a generic hotel', async () => {
    // Prepare
    const before = await call('GET', `/_sim/hotels/${JEJU}/room-types/ocean-double/nights/${day(5)}`);

    // Act
    const sold = await call('POST', `/_sim/hotels/${JEJU}/reservations`, { roomTypeId: 'ocean-double', checkIn: day(5), checkOut: day(7), rooms: 2, channel: 'ota', notify: true });
    const after = await call('GET', `/_sim/hotels/${JEJU}/room-types/ocean-double/nights/${day(5)}`);

    // Assess
    expect(sold.status).toBe(201);
    expect(sold.body.reservation).toMatchObject({ vendor: 'generic', pmsHotelId: JEJU, externalId: '', status: 'confirmed', pmsRoomTypeId: 'ocean-double', checkIn: day(5), checkOut: day(7), rooms: 2, channel: 'ota' });
    expect(sold.body.reservation.guest).toBeUndefined();
    expect(sold.body.webhooks).toEqual([{ url: `${receiver.url}/generic`, status: 200 }]);
    expect(after.body.available).toBe(before.body.available - 2);
    const [event] = receiver.received;
    expect(event!.body).toMatchObject({
      eventType: 'reservation_update',
      hotelId: JEJU,
      roomTypeId: 'ocean-double',
      data: { reservationId: sold.body.reservation.reservationId, externalId: '', status: 'confirmed', checkIn: day(5), checkOut: day(7), rooms: 2, channel: 'ota' },
    });
    const [t, v1] = String(event!.headers['x-pms-signature']).split(',').map((p) => p.split('=')[1]!);
    expect(v1).toBe(createHmac('sha256', SIM_GENERIC_WEBHOOK_SECRET).update(`${t}.${event!.rawBody}`).digest('hex'));
  });

  it('pushes Cloudbeds reservation/created and reservation/status_changed, and nothing for OPERA', async () => {
    const cloudbeds = await call('POST', `/_sim/hotels/${HAN_RIVER}/reservations`, { roomTypeId: '501101', checkIn: day(3), checkOut: day(4), channel: 'front-desk' });
    const cancelled = await call('POST', `/_sim/hotels/${HAN_RIVER}/reservations/${cloudbeds.body.reservation.reservationId}/cancel`, { notify: true });
    const opera = await call('POST', `/_sim/hotels/${GANGNAM}/reservations`, { roomTypeId: 'STDT', checkIn: day(3), checkOut: day(4), notify: true });
    await call('POST', `/_sim/hotels/${GANGNAM}/reservations/${opera.body.reservation.reservationId}/cancel`, {});
    await sim.flushWebhooks();

    expect(cloudbeds.status).toBe(201);
    expect(cloudbeds.body.reservation.reservationId).toMatch(/^\d+$/);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.reservation.status).toBe('cancelled');
    expect(opera.status).toBe(201);
    expect(receiver.received.map((r) => [r.path, r.body.event, r.body.reservationID, r.body.status])).toEqual([
      ['/cloudbeds?token=t', 'reservation/created', cloudbeds.body.reservation.reservationId, undefined],
      ['/cloudbeds?token=t', 'reservation/status_changed', cloudbeds.body.reservation.reservationId, 'canceled'],
    ]);
  });

  it('lets the hotel cancel one of our reservations: cancelled, rooms back, reservation_update with our id; a second cancel sends nothing', async () => {
    // Prepare: our booking, made through the protocol.
    const client = new GenericPmsClient(sim.connection('generic') as Extract<PmsConnection, { vendor: 'generic' }>);
    const ours = await client.createReservation({
      externalId: 'bk_hotel_cancels', pmsRoomTypeId: 'family-villa', checkIn: day(8), checkOut: day(9), rooms: 1, guests: 2,
      guest: { firstName: 'A', lastName: 'B', email: 'a@example.com', phone: '1' }, totalMinor: 350_000, currency: 'KRW',
    });
    await sim.flushWebhooks();
    receiver.received.length = 0;
    const during = sim.state.available(JEJU, 'family-villa', day(8));

    // Act
    const first = await call('POST', `/_sim/hotels/${JEJU}/reservations/${ours.reservationId}/cancel`, { notify: true });
    const again = await call('POST', `/_sim/hotels/${JEJU}/reservations/${ours.reservationId}/cancel`, { notify: true });
    const listed = await call('GET', `/_sim/hotels/${JEJU}/reservations?externalId=bk_hotel_cancels`);

    // Assess
    expect(first.body.reservation).toMatchObject({ externalId: 'bk_hotel_cancels', status: 'cancelled', channel: 'api' });
    expect(again.status).toBe(200);
    expect(again.body.webhooks).toEqual([]);
    expect(sim.state.available(JEJU, 'family-villa', day(8))).toBe(during + 1);
    expect(receiver.received.map((r) => r.body.data)).toEqual([
      { reservationId: ours.reservationId, externalId: 'bk_hotel_cancels', status: 'cancelled', checkIn: day(8), checkOut: day(9), rooms: 1, channel: 'api' },
    ]);
    expect(listed.body.reservations).toEqual([expect.objectContaining({ reservationId: ours.reservationId, externalId: 'bk_hotel_cancels', status: 'cancelled' })]);
  });

  it('lets the front desk check a guest in and out or mark a no-show, with the vendor\'s event; a no-show frees its rooms', async () => {
    const generic = await call('POST', `/_sim/hotels/${JEJU}/reservations`, { roomTypeId: 'ocean-double', checkIn: day(1), checkOut: day(3), channel: 'front-desk', notify: false });
    const cloudbeds = await call('POST', `/_sim/hotels/${HAN_RIVER}/reservations`, { roomTypeId: '501101', checkIn: day(1), checkOut: day(2), notify: false });
    const before = sim.state.available(JEJU, 'ocean-double', day(1));

    const checkedIn = await call('POST', `/_sim/hotels/${JEJU}/reservations/${generic.body.reservation.reservationId}/status`, { status: 'checked_in' });
    const again = await call('POST', `/_sim/hotels/${JEJU}/reservations/${generic.body.reservation.reservationId}/status`, { status: 'checked_in' });
    await call('POST', `/_sim/hotels/${HAN_RIVER}/reservations/${cloudbeds.body.reservation.reservationId}/status`, { status: 'no_show' });
    const bad = await call('POST', `/_sim/hotels/${JEJU}/reservations/${generic.body.reservation.reservationId}/status`, { status: 'arrived' });
    await sim.flushWebhooks();

    expect(checkedIn.body.reservation.status).toBe('checked_in');
    expect(again.body.webhooks).toEqual([]);
    expect(bad.status).toBe(400);
    expect(sim.state.available(JEJU, 'ocean-double', day(1))).toBe(before);
    expect(sim.state.available(HAN_RIVER, '501101', day(1))).toBe(10);
    expect(receiver.received.map((r) => (r.body.eventType ? [r.body.eventType, r.body.data.status] : [r.body.event, r.body.status]))).toEqual([
      ['reservation_update', 'checked_in'],
      ['reservation/status_changed', 'no_show'],
    ]);
  });

  it('sends nothing with notify: false', async () => {
    const sold = await call('POST', `/_sim/hotels/${JEJU}/reservations`, { roomTypeId: 'ocean-double', checkIn: day(5), checkOut: day(6), notify: false });
    await call('POST', `/_sim/hotels/${JEJU}/reservations/${sold.body.reservation.reservationId}/cancel`, { notify: false });
    await sim.flushWebhooks();

    expect(sold.status).toBe(201);
    expect(sold.body.reservation.channel).toBe('front-desk');
    expect(receiver.received).toEqual([]);
  });

  it('refuses a sale beyond availability with 409 sold_out until the hotel accepts overbooking', async () => {
    const sale = { roomTypeId: 'family-villa', checkIn: day(10), checkOut: day(11), rooms: 6, notify: false };

    const refused = await call('POST', `/_sim/hotels/${JEJU}/reservations`, sale);
    const settings = await call('PUT', `/_sim/hotels/${JEJU}/settings`, { acceptsOverbooking: true });
    const accepted = await call('POST', `/_sim/hotels/${JEJU}/reservations`, sale);
    const read = await call('GET', `/_sim/hotels/${JEJU}/settings`);
    const night = await call('GET', `/_sim/hotels/${JEJU}/room-types/family-villa/nights/${day(10)}`);

    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('sold_out');
    expect(settings.body).toEqual({ settings: { acceptsOverbooking: true } });
    expect(read.body).toEqual({ settings: { acceptsOverbooking: true } });
    expect(accepted.status).toBe(201);
    expect(night.body).toMatchObject({ night: { total: 5 }, available: -1, taken: 6 });
  });

  it('sets and lifts every restriction of a night, and a generic hotel sends the night\'s whole state', async () => {
    const path = `/_sim/hotels/${JEJU}/room-types/ocean-double/nights/${day(12)}`;

    const set = await call('PUT', path, { total: 9, minStay: 2, maxStay: 5, closedToArrival: true, closedToDeparture: true, stopSell: true });
    const lifted = await call('PUT', path, { minStay: null, maxStay: 0, stopSell: false, notify: false });

    expect(set.status).toBe(200);
    expect(set.body.night).toEqual({ total: 9, priceMinor: expect.any(Number), minStay: 2, maxStay: 5, closedToArrival: true, closedToDeparture: true, stopSell: true });
    expect(set.body.available).toBe(9);
    expect(lifted.body.night).toEqual({ total: 9, priceMinor: expect.any(Number), closedToArrival: true, closedToDeparture: true, stopSell: false });
    expect(receiver.received.map((r) => [r.body.eventType, r.body.data])).toEqual([
      ['inventory_update', { inventory: [{ date: day(12), total: 9, available: 9, minStay: 2, maxStay: 5, closedToArrival: true, closedToDeparture: true, stopSell: true }] }],
    ]);
  });

  it('refuses what it cannot do: unknown hotel, room type or reservation (404), bad fields (400)', async () => {
    const answers = await Promise.all([
      call('POST', '/_sim/hotels/nowhere/reservations', { roomTypeId: 'x', checkIn: day(1), checkOut: day(2) }),
      call('POST', `/_sim/hotels/${JEJU}/reservations`, { roomTypeId: 'penthouse', checkIn: day(1), checkOut: day(2) }),
      call('POST', `/_sim/hotels/${JEJU}/reservations/rsv_nope/cancel`, {}),
      call('POST', `/_sim/hotels/${JEJU}/reservations`, { roomTypeId: 'ocean-double', checkIn: day(2), checkOut: day(2) }),
      call('POST', `/_sim/hotels/${JEJU}/reservations`, { roomTypeId: 'ocean-double', checkIn: day(1), checkOut: day(2), roms: 2 }),
      call('PUT', `/_sim/hotels/${JEJU}/room-types/ocean-double/nights/${day(1)}`, { minStay: -1 }),
      call('PUT', `/_sim/hotels/${JEJU}/settings`, { acceptsOverbooking: 'yes' }),
      call('POST', `/_sim/hotels/${JEJU}/reservations`, '{not json'),
    ]);

    expect(answers.map((a) => [a.status, a.body.error.code])).toEqual([
      [404, 'not_found'],
      [404, 'not_found'],
      [404, 'not_found'],
      [400, 'validation_failed'],
      [400, 'validation_failed'],
      [400, 'validation_failed'],
      [400, 'validation_failed'],
      [400, 'bad_request'],
    ]);
    expect(sim.state.reservations).toEqual([]);
  });

  it('shows reservations with our id, status and channel in its state, without guests or credentials', async () => {
    await call('POST', `/_sim/hotels/${HAN_RIVER}/reservations`, { roomTypeId: '501102', checkIn: day(4), checkOut: day(5), externalId: 'bk_planted', channel: 'api', notify: false });

    const state = await call('GET', '/_sim/state');

    expect(state.body.reservations).toEqual([expect.objectContaining({ pmsHotelId: HAN_RIVER, externalId: 'bk_planted', status: 'confirmed', channel: 'api' })]);
    expect(state.body.reservations[0].guest).toBeUndefined();
    expect(state.body.settings[HAN_RIVER]).toEqual({ acceptsOverbooking: false });
  });

  it('delivers webhooks twice, late, or held and then in reverse order, when asked', async () => {
    // Duplicate: the same event, twice.
    await call('POST', '/_sim/webhooks/disorder', { duplicate: true });
    await call('POST', `/_sim/hotels/${JEJU}/reservations`, { roomTypeId: 'ocean-double', checkIn: day(3), checkOut: day(4) });
    await sim.flushWebhooks();
    const duplicated = receiver.received.splice(0).map((r) => r.body.eventId);

    // Held, then released newest first: the cancel arrives before the sale it cancels.
    const armed = await call('POST', '/_sim/webhooks/disorder', { hold: true, times: 2 });
    const sold = await call('POST', `/_sim/hotels/${JEJU}/reservations`, { roomTypeId: 'ocean-double', checkIn: day(3), checkOut: day(4) });
    await call('POST', `/_sim/hotels/${JEJU}/reservations/${sold.body.reservation.reservationId}/cancel`, {});
    const beforeRelease = receiver.received.length;
    const status = await call('GET', '/_sim/webhooks/disorder');
    const released = await call('POST', '/_sim/webhooks/release', { order: 'reverse' });
    const reordered = receiver.received.splice(0).map((r) => r.body.data.status);

    // Delayed: waits the simulator's delay before sending.
    await call('POST', '/_sim/webhooks/disorder', { delayMs: 750 });
    await call('POST', `/_sim/hotels/${JEJU}/reservations`, { roomTypeId: 'ocean-double', checkIn: day(3), checkOut: day(4) });
    await sim.flushWebhooks();

    expect(duplicated).toHaveLength(2);
    expect(duplicated[0]).toBe(duplicated[1]);
    expect(armed.body.disorder).toMatchObject({ hold: true, times: 2 });
    expect(beforeRelease).toBe(0);
    expect(status.body.held).toBe(2);
    expect(released.body.webhooks).toHaveLength(2);
    expect(reordered).toEqual(['cancelled', 'confirmed']);
    expect(delays).toEqual([750]);
    expect(receiver.received).toHaveLength(1);
  });
});
