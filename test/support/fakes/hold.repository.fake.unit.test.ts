import { describe, expect, it } from 'vitest';
import { HoldExpiredError, SoldOutError } from '../../../shared/domain/booking-errors.ts';
import { nights } from '../fixtures.ts';
import { FakeHoldRepository } from './hold.repository.fake.ts';
import { FakeInventory } from './inventory.repository.fake.ts';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const LATER = (s: number) => new Date(NOW.getTime() + s * 1000);

function setup(total = 2) {
  const inventory = new FakeInventory();
  inventory.seed(nights('h1', 'rt1', '2026-03-10', '2026-03-12', total));
  return { inventory, holds: new FakeHoldRepository(inventory) };
}

const hold = (bookingId: string, dates: string[], rooms = 1, ttlSeconds = 600) => ({
  bookingId,
  hotelId: 'h1',
  roomTypeId: 'rt1',
  nights: dates,
  rooms,
  expiresAt: LATER(ttlSeconds).toISOString(),
});

describe('FakeHoldRepository', () => {
  it('takes the rooms on every night of the stay and counts them as reserved', async () => {
    // Prepare: 2 rooms a night, sell limit 2.
    const { inventory, holds } = setup(2);

    // Act
    const placed = await holds.place(hold('bk1', ['2026-03-10', '2026-03-11'], 2), NOW);

    // Assess
    expect(placed).toMatchObject({ status: 'HELD', createdAt: NOW.toISOString() });
    expect(inventory.night('h1', 'rt1', '2026-03-10')).toMatchObject({ reserved: 2, remaining: 0 });
    expect(inventory.night('h1', 'rt1', '2026-03-11')).toMatchObject({ reserved: 2, remaining: 0 });
    expect(inventory.night('h1', 'rt1', '2026-03-12')).toMatchObject({ reserved: 0, remaining: 2 });
  });

  it('takes all nights or none: one short night refuses the hold and moves no counter', async () => {
    // Prepare: the 11th is sold out by another booking.
    const { inventory, holds } = setup(2);
    await holds.place(hold('bk_other', ['2026-03-11'], 2), NOW);

    // Act
    const error = await holds.place(hold('bk1', ['2026-03-10', '2026-03-11', '2026-03-12']), NOW).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(SoldOutError);
    expect((error as SoldOutError).message).toContain('2026-03-11');
    expect(inventory.night('h1', 'rt1', '2026-03-10')).toMatchObject({ reserved: 0, remaining: 2 });
    expect(inventory.night('h1', 'rt1', '2026-03-12')).toMatchObject({ reserved: 0, remaining: 2 });
    expect(await holds.get('bk1')).toBeUndefined();
  });

  it('treats a night that does not exist as sold out', async () => {
    const { holds } = setup();

    await expect(holds.place(hold('bk1', ['2026-03-12', '2026-03-13']), NOW)).rejects.toBeInstanceOf(SoldOutError);
  });

  it('is idempotent per booking, and refuses to place again a hold that was released', async () => {
    // Prepare
    const { inventory, holds } = setup(2);
    const first = await holds.place(hold('bk1', ['2026-03-10']), NOW);

    // Act
    const again = await holds.place(hold('bk1', ['2026-03-10']), LATER(5));
    await holds.release('bk1', 'test', LATER(6));
    const afterRelease = await holds.place(hold('bk1', ['2026-03-10']), LATER(7)).catch((e: unknown) => e);

    // Assess
    expect(again).toEqual(first);
    expect(afterRelease).toBeInstanceOf(HoldExpiredError);
    expect(inventory.night('h1', 'rt1', '2026-03-10')).toMatchObject({ reserved: 0, remaining: 2 });
  });

  it('converts once while unexpired; a repeat returns the converted hold; an expired hold cannot convert', async () => {
    // Prepare
    const { holds } = setup();
    await holds.place(hold('bk1', ['2026-03-10'], 1, 60), NOW);
    await holds.place(hold('bk2', ['2026-03-11'], 1, 60), NOW);

    // Act
    const converted = await holds.convert('bk1', LATER(59));
    const repeated = await holds.convert('bk1', LATER(3_600));
    const expired = await holds.convert('bk2', LATER(60)).catch((e: unknown) => e);
    const missing = await holds.convert('bk_none', NOW).catch((e: unknown) => e);

    // Assess
    expect(converted.status).toBe('CONVERTED');
    expect(repeated.status).toBe('CONVERTED');
    expect(expired).toBeInstanceOf(HoldExpiredError);
    expect(missing).toBeInstanceOf(HoldExpiredError);
  });

  it('releases exactly once, from HELD or CONVERTED, giving the rooms back', async () => {
    // Prepare
    const { inventory, holds } = setup(2);
    await holds.place(hold('bk1', ['2026-03-10'], 2), NOW);
    await holds.convert('bk1', NOW);

    // Act
    const outcomes = [await holds.release('bk1', 'saga: confirm failed', NOW), await holds.release('bk1', 'again', NOW), await holds.release('bk_none', 'x', NOW)];

    // Assess
    expect(outcomes).toEqual(['RELEASED', 'ALREADY_RELEASED', 'NO_HOLD']);
    expect(inventory.night('h1', 'rt1', '2026-03-10')).toMatchObject({ reserved: 0, remaining: 2 });
    expect(await holds.get('bk1')).toMatchObject({ status: 'RELEASED', releaseReason: 'saga: confirm failed' });
  });

  it('sweeps only HELD holds past their expiry, oldest first, at most `limit`', async () => {
    // Prepare: three expired holds (one converted), one still running.
    const { inventory, holds } = setup(5);
    await holds.place(hold('bk_old', ['2026-03-10'], 1, 10), NOW);
    await holds.place(hold('bk_older', ['2026-03-10'], 1, 5), NOW);
    await holds.place(hold('bk_converted', ['2026-03-10'], 1, 5), NOW);
    await holds.convert('bk_converted', NOW);
    await holds.place(hold('bk_running', ['2026-03-10'], 1, 600), NOW);

    // Act
    const first = await holds.releaseExpired(LATER(60), 1);
    const rest = await holds.releaseExpired(LATER(60), 10);

    // Assess
    expect([first, rest]).toEqual([1, 1]);
    expect((await holds.get('bk_older'))?.releaseReason).toBe('expired');
    expect((await holds.get('bk_old'))?.status).toBe('RELEASED');
    expect((await holds.get('bk_converted'))?.status).toBe('CONVERTED');
    expect((await holds.get('bk_running'))?.status).toBe('HELD');
    expect(inventory.night('h1', 'rt1', '2026-03-10')).toMatchObject({ reserved: 2, remaining: 3 });
  });

  it('moves a booked stay like the adapter: the new nights first, the old given back last, or all given back on abort', async () => {
    const { inventory, holds } = setup(2);
    await holds.place(hold('bk_move', ['2026-03-10', '2026-03-11']), NOW);
    await holds.convert('bk_move', NOW);
    await holds.beginMove('bk_move', { moveId: 'modify-1', roomTypeId: 'rt1', nights: ['2026-03-11', '2026-03-12'], rooms: 1 }, NOW);
    expect(['2026-03-10', '2026-03-11', '2026-03-12'].map((d) => inventory.night('h1', 'rt1', d)?.reserved)).toEqual([1, 1, 1]);
    await expect(holds.beginMove('bk_move', { moveId: 'modify-2', roomTypeId: 'rt1', nights: ['2026-03-12'], rooms: 1 }, NOW)).rejects.toThrow('already moving');
    await holds.completeMove('bk_move', 'modify-1', NOW);
    expect(['2026-03-10', '2026-03-11', '2026-03-12'].map((d) => inventory.night('h1', 'rt1', d)?.reserved)).toEqual([0, 1, 1]);
    await holds.beginMove('bk_move', { moveId: 'modify-2', roomTypeId: 'rt1', nights: ['2026-03-11', '2026-03-12'], rooms: 2 }, NOW);
    expect(await holds.abortMove('bk_move', 'modify-2', 'undone', NOW)).toBe(true);
    expect(await holds.abortMove('bk_move', 'modify-2', 'undone', NOW)).toBe(false);
    expect(['2026-03-11', '2026-03-12'].map((d) => inventory.night('h1', 'rt1', d)?.reserved)).toEqual([1, 1]);
    await expect(holds.beginMove('bk_move', { moveId: 'modify-3', roomTypeId: 'rt1', nights: ['2026-03-11', '2026-03-12'], rooms: 3 }, NOW)).rejects.toThrow(SoldOutError);
  });

  it('counts the rooms of unexpired HELD holds per night, as the adapter does', async () => {
    const { holds } = setup(5);
    await holds.place(hold('bk_a', ['2026-03-10', '2026-03-11'], 2), NOW);
    await holds.place(hold('bk_converted', ['2026-03-11']), NOW);
    await holds.convert('bk_converted', NOW);
    await holds.place(hold('bk_short', ['2026-03-12'], 1, 30), NOW);

    const counted = await holds.heldRooms({ hotelId: 'h1', roomTypeId: 'rt1', nights: ['2026-03-11', '2026-03-12'], now: LATER(60) });

    expect(Object.fromEntries(counted)).toEqual({ '2026-03-11': 2 });
  });
});
