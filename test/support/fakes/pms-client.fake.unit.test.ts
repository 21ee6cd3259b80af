import { describe, expect, it } from 'vitest';
import { PmsUnavailableError } from '../../../shared/domain/pms-errors.ts';
import { fakeClock } from './clock.fake.ts';
import { FakePmsClient } from './pms-client.fake.ts';

const reservation = (externalId: string) => ({
  externalId,
  pmsRoomTypeId: 'ocean-double',
  checkIn: '2026-03-10',
  checkOut: '2026-03-12',
  rooms: 1,
  guests: 2,
  guest: { firstName: 'A', lastName: 'B', email: 'a@example.com', phone: '1' },
  totalMinor: 300_000,
  currency: 'KRW',
});

describe('FakePmsClient', () => {
  it('creates one reservation per external id, even when the first create timed out after booking', async () => {
    // Prepare
    const pms = new FakePmsClient();
    pms.failures.arm('createReservation', new PmsUnavailableError('timeout'), { executed: true });

    // Act
    const timedOut = await pms.createReservation(reservation('bk1')).catch((e: unknown) => e);
    const found = await pms.findReservationByExternalId('bk1');
    const retried = await pms.createReservation(reservation('bk1'));

    // Assess
    expect(timedOut).toBeInstanceOf(PmsUnavailableError);
    expect(found).toEqual(retried);
    expect(pms.reservations.size).toBe(1);
  });

  it('holds per external id with the clock, releases idempotently, and has no holds where the vendor has none', async () => {
    const clock = fakeClock('2026-03-01T10:00:00.000Z');
    const generic = new FakePmsClient({ clock });
    const cloudbeds = new FakePmsClient({ vendor: 'cloudbeds' });
    const req = { externalId: 'bk1', pmsRoomTypeId: 'x', checkIn: '2026-03-10', checkOut: '2026-03-11', rooms: 1, ttlSeconds: 60 };

    const hold = await generic.hold!(req);
    const again = await generic.hold!(req);
    await generic.release!(hold.holdId);
    await generic.release!(hold.holdId);

    expect(again).toEqual(hold);
    expect(hold.expiresAt).toBe('2026-03-01T10:01:00.000Z');
    expect(generic.holds.get('bk1')?.status).toBe('released');
    expect(cloudbeds.capabilities.holds).toBe(false);
    expect(cloudbeds.hold).toBeUndefined();
  });

  it('is slow in virtual time only', async () => {
    const clock = fakeClock('2026-03-01T10:00:00.000Z');
    const pms = new FakePmsClient({ sleep: clock.sleep });
    pms.latencyMs = 5_000;

    await pms.getNights('2026-03-10', '2026-03-11');

    expect(clock().toISOString()).toBe('2026-03-01T10:00:05.000Z');
  });

  it('modifies a reservation idempotently, refuses a cancelled one, and refuses as sold out when told to', async () => {
    const pms = new FakePmsClient();
    const created = await pms.createReservation(reservation('bk2'));
    const change = { pmsRoomTypeId: 'ocean-double', checkIn: '2026-03-11', checkOut: '2026-03-13', rooms: 2, guests: 2, totalMinor: 600_000, currency: 'KRW' };
    await pms.modifyReservation(created.reservationId, change);
    expect(await pms.modifyReservation(created.reservationId, change)).toMatchObject({ checkIn: '2026-03-11', checkOut: '2026-03-13', rooms: 2 });
    pms.soldOutOnModify = true;
    await expect(pms.modifyReservation(created.reservationId, change)).rejects.toMatchObject({ reason: 'sold_out' });
    pms.soldOutOnModify = false;
    await pms.cancelReservation(created.reservationId);
    await expect(pms.modifyReservation(created.reservationId, change)).rejects.toMatchObject({ reason: 'invalid_request' });
  });

  it('at a PMS that does not deduplicate, a second create makes a second reservation with the same external id', async () => {
    const pms = new FakePmsClient({ deduplicatesCreates: false });

    const first = await pms.createReservation(reservation('bk1'));
    const second = await pms.createReservation(reservation('bk1'));

    expect(second.reservationId).not.toBe(first.reservationId);
    expect((await pms.findReservationsByExternalId('bk1')).map((r) => r.reservationId)).toEqual([first.reservationId, second.reservationId]);
    await pms.cancelReservation(second.reservationId);
    expect(pms.reservationsOf('bk1').map((r) => r.status)).toEqual(['confirmed', 'cancelled']);
  });

  it('with lagging look-ups, a new reservation shows only after catchUp', async () => {
    const pms = new FakePmsClient();
    pms.lookupsLag = true;

    await pms.createReservation(reservation('bk1'));
    const before = await pms.findReservationsByExternalId('bk1');
    const one = await pms.findReservationByExternalId('bk1');
    pms.catchUp();
    const after = await pms.findReservationsByExternalId('bk1');

    expect(before).toEqual([]);
    expect(one).toBeUndefined();
    expect(after).toHaveLength(1);
  });
});
