import { describe, expect, it } from 'vitest';
import { CloudbedsPmsClient } from '../../../../shared/adapters/pms/cloudbeds.adapter.ts';
import { UNLIMITED } from '../../../../shared/adapters/pms/rate-limiter.ts';

/**
 * Cloudbeds reservation reads against a scripted `fetch`, for what the simulator does not do: an
 * account that ignores the `thirdPartyIdentifier` filter (the published v1.3 spec does not list
 * it), reservations of several room types, statuses of guests in house, and "not found" as HTTP 200.
 */
const BASE = 'https://cloudbeds.test/api/v1.3';

type Row = Record<string, unknown>;

function row(id: number, extra: Row = {}): Row {
  return {
    reservationID: String(id),
    status: 'confirmed',
    startDate: '2026-07-01',
    endDate: '2026-07-03',
    sourceName: 'Booking.com',
    thirdPartyIdentifier: '',
    rooms: [{ roomTypeID: '501101', roomCheckIn: '2026-07-01', roomCheckOut: '2026-07-03', roomStatus: 'not_checked_in' }],
    ...extra,
  };
}

/** A Cloudbeds that pages `rows` by `pageSize` whatever filter it is given, and knows one reservation by id. */
function scriptedCloudbeds(rows: Row[], detail?: Row) {
  const asked: URL[] = [];
  const fetchFn: typeof fetch = async (input) => {
    const url = new URL(String(input));
    asked.push(url);
    const method = url.pathname.split('/').pop();
    if (method === 'getReservations') {
      const size = Number(url.searchParams.get('pageSize'));
      const page = Number(url.searchParams.get('pageNumber'));
      const data = rows.slice((page - 1) * size, page * size);
      return Response.json({ success: true, data, count: data.length, total: rows.length });
    }
    if (method === 'getReservation') {
      if (detail && url.searchParams.get('reservationID') === detail.reservationID) return Response.json({ success: true, data: detail });
      return Response.json({ success: false, message: 'Reservation not found' });
    }
    return Response.json({ success: false, message: 'Method not found' }, { status: 404 });
  };
  const client = new CloudbedsPmsClient(
    { vendor: 'cloudbeds', pmsHotelId: '318204', baseUrl: BASE, credentials: { kind: 'api_key', apiKey: 'cbat_test' } },
    { fetch: fetchFn, rateLimiter: UNLIMITED },
  );
  return { client, asked };
}

describe('cloudbeds adapter, reservation reads', () => {
  it('finds our reservations on every page when the account ignores the thirdPartyIdentifier filter', async () => {
    // Prepare: 250 reservations of other channels, ours on pages 1 and 3.
    const rows = Array.from({ length: 250 }, (_, i) => row(1000 + i));
    rows[5] = row(1005, { thirdPartyIdentifier: 'bk_1', status: 'canceled' });
    rows[240] = row(1240, { thirdPartyIdentifier: 'bk_1' });
    const { client, asked } = scriptedCloudbeds(rows);

    // Act
    const all = await client.findReservationsByExternalId('bk_1');
    const live = await client.findReservationByExternalId('bk_1');

    // Assess
    expect(all.map((r) => [r.reservationId, r.status])).toEqual([
      ['1005', 'cancelled'],
      ['1240', 'confirmed'],
    ]);
    expect(live?.reservationId).toBe('1240');
    const lookups = asked.filter((u) => u.pathname.endsWith('/getReservations'));
    expect(lookups.slice(0, 3).map((u) => [u.searchParams.get('pageNumber'), u.searchParams.get('thirdPartyIdentifier'), u.searchParams.get('includeAllRooms')])).toEqual([
      ['1', 'bk_1', 'true'],
      ['2', 'bk_1', 'true'],
      ['3', 'bk_1', 'true'],
    ]);
  });

  it('lists a reservation of several room types once per room type, counting rooms not cancelled on their own', async () => {
    const { client, asked } = scriptedCloudbeds([
      row(2001, {
        rooms: [
          { roomTypeID: '501101', roomCheckIn: '2026-07-01', roomCheckOut: '2026-07-03', roomStatus: 'in_house' },
          { roomTypeID: '501101', roomCheckIn: '2026-07-01', roomCheckOut: '2026-07-03', roomStatus: 'cancelled' },
          { roomTypeID: '501101', roomCheckIn: '2026-07-01', roomCheckOut: '2026-07-03', roomStatus: 'in_house' },
          { roomTypeID: '501102', roomCheckIn: '2026-07-02', roomCheckOut: '2026-07-03', roomStatus: 'in_house' },
        ],
        status: 'checked_in',
      }),
      row(2002, { startDate: '2026-06-28', endDate: '2026-07-01', rooms: [{ roomTypeID: '501101', roomCheckIn: '2026-06-28', roomCheckOut: '2026-07-01' }] }),
    ]);

    const listed = await client.listReservations('2026-07-01', '2026-07-02');

    expect(listed).toEqual([
      { reservationId: '2001', confirmationNumber: '2001', externalId: '', status: 'checked_in', pmsRoomTypeId: '501101', rooms: 2, checkIn: '2026-07-01', checkOut: '2026-07-03', channel: 'Booking.com' },
      { reservationId: '2001', confirmationNumber: '2001', externalId: '', status: 'checked_in', pmsRoomTypeId: '501102', rooms: 1, checkIn: '2026-07-02', checkOut: '2026-07-03', channel: 'Booking.com' },
    ]);
    const query = asked.find((u) => u.pathname.endsWith('/getReservations'))!.searchParams;
    expect([query.get('checkInTo'), query.get('checkOutFrom')]).toEqual(['2026-07-02', '2026-07-02']);
  });

  it('reads every Cloudbeds status, and a reservation it does not know as nothing, even when answered with HTTP 200', async () => {
    const detail = {
      reservationID: '3001',
      status: 'no_show',
      source: 'Walk-In',
      thirdPartyIdentifier: '',
      startDate: '2026-07-01',
      endDate: '2026-07-02',
      assigned: [{ roomTypeID: '501102', startDate: '2026-07-01', endDate: '2026-07-02' }],
      unassigned: [{ roomTypeID: '501102', startDate: '2026-07-01', endDate: '2026-07-02' }],
    };
    const { client } = scriptedCloudbeds([], detail);

    const known = await client.getReservation('3001');
    const unknown = await client.getReservation('3999');

    expect(known).toEqual({ reservationId: '3001', confirmationNumber: '3001', externalId: '', status: 'no_show', pmsRoomTypeId: '501102', rooms: 2, checkIn: '2026-07-01', checkOut: '2026-07-02', channel: 'Walk-In' });
    expect(unknown).toBeUndefined();
  });
});
