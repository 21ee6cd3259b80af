import { describe, expect, it, vi } from 'vitest';
import { IdempotencyKeyReusedError, SameDayCutoffError, SoldOutError, StayRestrictedError } from '../../../../shared/domain/booking-errors.ts';
import type { NightRestrictions } from '../../../../shared/domain/inventory.ts';
import { NotFoundError, ValidationError } from '../../../../shared/domain/errors.ts';
import { startCheckout, type CheckoutRequest } from '../../../../shared/use-cases/checkout/start-checkout.use-case.ts';
import { FakeBookingRepository } from '../../../support/fakes/booking.repository.fake.ts';
import { fakeClock } from '../../../support/fakes/clock.fake.ts';
import { FakeHotelCatalog } from '../../../support/fakes/hotel-catalog.repository.fake.ts';
import { FakeInventory } from '../../../support/fakes/inventory.repository.fake.ts';
import { FakeSagaStarter } from '../../../support/fakes/saga-starter.fake.ts';
import { FakeHoldRepository } from '../../../support/fakes/hold.repository.fake.ts';
import { FakePmsConfigRepository } from '../../../support/fakes/pms-config.repository.fake.ts';
import { aHotel, aPmsConfig, aRatePlan, aRoomType, nights } from '../../../support/fixtures.ts';
import type { PmsConfig } from '../../../../shared/domain/pms-config.ts';
import { PmsUnavailableError } from '../../../../shared/domain/pms-errors.ts';

/** 09:00 on 1 March in Seoul, where the hotel is. */
const NOW = '2026-03-01T00:00:00.000Z';

function setup(options: { pms?: boolean; pmsConfig?: Partial<PmsConfig> | 'none' } = {}) {
  const clock = fakeClock(NOW);
  const pmsConfigs = new FakePmsConfigRepository();
  if (options.pms && options.pmsConfig !== 'none') {
    const sealed = { v: 1 as const, wrappedKey: 'w', keyId: 'fake', iv: 'i', tag: 't', ciphertext: 'c' };
    void pmsConfigs.put(
      aPmsConfig({ configId: 'cfg_1', hotelId: 'htl_1', vendor: 'generic', pmsHotelId: 'pms-1', apiBaseUrl: 'https://pms.example', credentials: sealed, ...(options.pmsConfig ?? {}) }),
    );
  }
  const catalog = new FakeHotelCatalog();
  const inventory = new FakeInventory();
  const bookings = new FakeBookingRepository();
  const saga = new FakeSagaStarter();
  const holds = new FakeHoldRepository(inventory, bookings);
  catalog.seed({
    hotel: aHotel({ hotelId: 'htl_1', timeZone: 'Asia/Seoul', ...(options.pms ? { pms: { vendor: 'generic', pmsHotelId: 'pms-1' } } : {}) }),
    roomTypes: [aRoomType({ hotelId: 'htl_1', roomTypeId: 'rt_1', maxOccupancy: 2 }), aRoomType({ hotelId: 'htl_1', roomTypeId: 'rt_closed', isActive: false })],
  });
  inventory.seed(nights('htl_1', 'rt_1', '2026-03-10', '2026-03-20', 3, 150_000));
  inventory.seed(nights('htl_1', 'rt_1', '2026-03-11', '2026-03-11', 3, 170_000));
  return { clock, catalog, inventory, bookings, holds, saga, pmsConfigs, deps: { bookings, catalog, inventory, pmsConfigs, saga, holds, holdTtlSeconds: 180, clock } };
}

function aRequest(overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
  return {
    hotelId: 'htl_1',
    roomTypeId: 'rt_1',
    checkIn: '2026-03-10',
    checkOut: '2026-03-12',
    rooms: 1,
    guests: 2,
    guestInfo: { firstName: 'Ji-woo', lastName: 'Kim', email: 'jiwoo@example.com', phone: '+82 10 1234 5678' },
    specialRequests: 'Late arrival',
    payment: { paymentMethodId: 'pm_card_visa' },
    ...overrides,
  };
}

describe('startCheckout', () => {
  it('refuses a deactivated hotel with HOTEL_INACTIVE and stores nothing, while a booking made before stands', async () => {
    const { deps, catalog, bookings, saga } = setup();
    const before = await startCheckout(deps, { idempotencyKey: 'key-before', request: aRequest() });
    catalog.seed({ hotel: aHotel({ hotelId: 'htl_1', timeZone: 'Asia/Seoul', isActive: false }) });

    await expect(startCheckout(deps, { idempotencyKey: 'key-after', request: aRequest() })).rejects.toMatchObject({ code: 'HOTEL_INACTIVE' });

    expect(saga.executions.size).toBe(1);
    expect(await bookings.get(before.bookingId)).toMatchObject({ status: 'PENDING' });
  });

  it('stores a PENDING booking priced from our nightly rates and starts one saga for it', async () => {
    // Prepare
    const { deps, bookings, saga } = setup();

    // Act
    const { bookingId } = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest({ rooms: 2, guests: 3 }) });

    // Assess: 150,000 + 170,000 for two rooms.
    const booking = await bookings.get(bookingId);
    expect(booking).toMatchObject({
      status: 'PENDING',
      nights: ['2026-03-10', '2026-03-11'],
      rooms: 2,
      totalMinor: 640_000,
      currency: 'KRW',
      payment: { status: 'NONE', amountMinor: 640_000, currency: 'KRW' },
      pms: { status: 'NONE' },
      paymentMethodId: 'pm_card_visa',
      specialRequests: 'Late arrival',
      createdAt: NOW,
    });
    expect(booking!.idempotencyKey).not.toBe('key-1');
    expect(await bookings.getIdempotencyRecord(booking!.idempotencyKey)).toMatchObject({ bookingId, createdAt: NOW });
    expect(saga.executions.size).toBe(1);
    const [name, input] = [...saga.executions][0]!;
    expect(name).toBe(`checkout-${booking!.idempotencyKey.slice(0, 64)}`);
    expect(input).toEqual({
      bookingId,
      booking: {
        bookingId,
        hotelId: 'htl_1',
        roomTypeId: 'rt_1',
        checkIn: '2026-03-10',
        checkOut: '2026-03-12',
        nights: ['2026-03-10', '2026-03-11'],
        rooms: 2,
        totalMinor: 640_000,
        currency: 'KRW',
        paymentMethodId: 'pm_card_visa',
        holdExpiresAt: '2026-03-01T00:03:00.000Z',
      },
    });
  });

  it('takes the rooms of a hotel without a PMS in the booking\'s own write: the hold exists and the journal says so', async () => {
    const { deps, bookings, holds, inventory } = setup();

    const { bookingId } = await startCheckout(deps, { idempotencyKey: 'key-held', request: aRequest({ rooms: 2, guests: 3 }) });

    expect(await holds.get(bookingId)).toMatchObject({ status: 'HELD', rooms: 2, nights: ['2026-03-10', '2026-03-11'], expiresAt: '2026-03-01T00:03:00.000Z' });
    const booking = await bookings.get(bookingId);
    expect(booking).toMatchObject({ status: 'PENDING', holdExpiresAt: '2026-03-01T00:03:00.000Z' });
    expect(booking!.steps).toEqual([{ name: 'hold', status: 'SUCCEEDED', at: NOW }]);
    expect((await inventory.getNights('htl_1', 'rt_1', '2026-03-10', '2026-03-12')).map((n) => n.remaining)).toEqual([1, 1, 3]);
  });

  it('refuses with SOLD_OUT, storing nothing, when the rooms went between the availability read and the write', async () => {
    const { deps, bookings, holds, saga } = setup();
    // Another checkout takes the last rooms of the 11th after this one read the nights.
    const read = deps.inventory.getNights.bind(deps.inventory);
    vi.spyOn(deps.inventory, 'getNights').mockImplementationOnce(async (...args) => {
      const nightsRead = await read(...args);
      await holds.place({ bookingId: 'bk_other', hotelId: 'htl_1', roomTypeId: 'rt_1', nights: ['2026-03-11'], rooms: 3, expiresAt: '2026-03-01T00:03:00.000Z' }, new Date(NOW));
      return nightsRead;
    });

    await expect(startCheckout(deps, { idempotencyKey: 'key-late', request: aRequest() })).rejects.toBeInstanceOf(SoldOutError);

    expect(saga.executions.size).toBe(0);
    expect(await bookings.getIdempotencyRecord('key-late')).toBeUndefined();
    expect((await bookings.list({ limit: 10 })).items).toEqual([]);
  });

  it("files a signed-in guest's booking under their sub (with their VIP level), and an anonymous one under nobody", async () => {
    // Prepare
    const { deps, bookings } = setup();

    // Act
    const owned = await startCheckout(deps, { idempotencyKey: 'key-own', request: aRequest(), owner: { sub: 'g_ana', vipLevel: 1 } });
    const anonymous = await startCheckout(deps, { idempotencyKey: 'key-anon', request: aRequest() });

    // Assess
    expect(await bookings.get(owned.bookingId)).toMatchObject({ ownerSub: 'g_ana', vipLevel: 1 });
    const anon = await bookings.get(anonymous.bookingId);
    expect(anon!.ownerSub).toBeUndefined();
    expect(anon!.vipLevel).toBeUndefined();
  });

  it('treats the same key from another account as another request', async () => {
    const { deps } = setup();
    await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest(), owner: { sub: 'g_ana' } });

    await expect(startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest(), owner: { sub: 'g_bob' } })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    await expect(startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest() })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it("keeps the locale the guest chose, else the hotel country's (Korea: ko)", async () => {
    const { deps, bookings } = setup();

    const chosen = await startCheckout(deps, { idempotencyKey: 'key-ja', request: aRequest({ locale: 'ja' }) });
    const defaulted = await startCheckout(deps, { idempotencyKey: 'key-default', request: aRequest() });

    expect((await bookings.get(chosen.bookingId))!.locale).toBe('ja');
    expect((await bookings.get(defaulted.bookingId))!.locale).toBe('ko');
  });

  it('keeps guest details out of the saga input (Step Functions history keeps it for 90 days)', async () => {
    const { deps, saga } = setup();

    await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest() });

    const input = JSON.stringify([...saga.executions.values()]);
    for (const personal of ['jiwoo@example.com', 'Ji-woo', 'Kim', '1234 5678', 'Late arrival', 'guestInfo']) expect(input).not.toContain(personal);
  });

  it('copies the hotel\'s PMS vendor onto the booking and the saga input', async () => {
    const { deps, bookings, saga } = setup({ pms: true });

    const { bookingId } = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest() });

    expect((await bookings.get(bookingId))!.pms).toEqual({ status: 'NONE', vendor: 'generic' });
    expect([...saga.executions.values()][0]).toMatchObject({ booking: { pmsVendor: 'generic' } });
  });

  it.each<[string, Partial<CheckoutRequest>, string]>([
    ['a check-out on the check-in day', { checkOut: '2026-03-10' }, 'body.checkOut'],
    ['more than 30 nights', { checkOut: '2026-04-10' }, 'body.checkOut'],
    ['no rooms', { rooms: 0 }, 'body.rooms'],
    ['ten rooms', { rooms: 10, guests: 10 }, 'body.rooms'],
    ['more guests than the rooms sleep', { rooms: 1, guests: 3 }, 'body.guests'],
    ['a vendor the hotel is not managed in', { vendor: 'opera' }, 'body.vendor'],
    ['a check-in already past in the hotel\'s zone', { checkIn: '2026-02-28', checkOut: '2026-03-02' }, 'body.checkIn'],
  ])('refuses %s with a ValidationError on that field, writing nothing', async (_what, overrides, field) => {
    // Prepare
    const { deps, bookings, saga } = setup();

    // Act
    const error = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest(overrides) }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('VALIDATION_ERROR');
    expect((error as ValidationError).details).toEqual([expect.objectContaining({ field })]);
    expect(bookings.all()).toEqual([]);
    expect(saga.starts).toEqual([]);
  });

  it('judges "the past" in the hotel\'s calendar, not UTC', async () => {
    // Prepare: 16:00 UTC on 10 March is 01:00 on the 11th in Seoul.
    const { deps, clock } = setup();
    clock.set('2026-03-10T16:00:00.000Z');

    // Act
    const error = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest({ checkIn: '2026-03-10', checkOut: '2026-03-12' }) }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain('2026-03-11');
  });

  it.each<[string, Partial<CheckoutRequest>]>([
    ['an unknown hotel', { hotelId: 'htl_none' }],
    ['an unknown room type', { roomTypeId: 'rt_none' }],
    ['an inactive room type', { roomTypeId: 'rt_closed' }],
  ])('answers NotFoundError for %s', async (_what, overrides) => {
    const { deps, saga } = setup();

    const error = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest(overrides) }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotFoundError);
    expect(saga.starts).toEqual([]);
  });

  it.each<[string, Partial<CheckoutRequest>]>([
    ['a night has fewer rooms left than asked', { rooms: 4, guests: 4 }],
    ['a night of the stay is not in the inventory', { checkIn: '2026-03-20', checkOut: '2026-03-22' }],
  ])('refuses SOLD_OUT at once, without a booking or a saga, when %s', async (_what, overrides) => {
    // Prepare: 3 rooms a night (sell limit 3).
    const { deps, bookings, saga } = setup();

    // Act
    const error = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest(overrides) }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(SoldOutError);
    expect((error as SoldOutError).code).toBe('SOLD_OUT');
    expect(bookings.all()).toEqual([]);
    expect(saga.starts).toEqual([]);
  });

  it('joins the first attempt when the same key comes back with the same body', async () => {
    // Prepare
    const { deps, bookings, saga, clock } = setup();
    const first = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest() });
    clock.advance(5_000);

    // Act: the same body with its keys in another order.
    const { payment, guestInfo, ...rest } = aRequest();
    const again = await startCheckout(deps, { idempotencyKey: 'key-1', request: { payment, ...rest, guestInfo } });

    // Assess: same booking; the saga start is repeated (so a lost start is recovered) but runs once.
    expect(again).toEqual(first);
    expect(bookings.all()).toHaveLength(1);
    expect(saga.starts).toHaveLength(2);
    expect(saga.starts[1]).toEqual(saga.starts[0]);
    expect(saga.executions.size).toBe(1);
  });

  it('makes no look-up of the key on a first attempt: the booking transaction decides', async () => {
    const { deps, bookings } = setup();
    const lookUp = vi.spyOn(bookings, 'getIdempotencyRecord');

    await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest() });

    expect(lookUp).not.toHaveBeenCalled();
  });

  it('joins the first attempt when a retry would now be refused (its own booking took the last rooms)', async () => {
    // Prepare: the first attempt is stored; then the rooms run out.
    const { deps, bookings, inventory, clock } = setup();
    const first = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest() });
    inventory.adjust('htl_1', 'rt_1', ['2026-03-10', '2026-03-11'], 3, clock());

    // Act
    const again = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest() });
    const other = await startCheckout(deps, { idempotencyKey: 'key-2', request: aRequest() }).catch((e: unknown) => e);

    // Assess: the retry gets its booking; a new key is refused.
    expect(again).toEqual(first);
    expect(other).toBeInstanceOf(SoldOutError);
    expect(bookings.all()).toHaveLength(1);
  });

  it('starts the saga on retry when the first attempt stored the booking but failed to start it', async () => {
    // Prepare
    const { deps, saga } = setup();
    saga.failures.arm('start', new Error('StartExecution timed out'));
    const failed = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest() }).catch((e: unknown) => e);

    // Act
    const retried = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest() });

    // Assess
    expect(failed).toBeInstanceOf(Error);
    expect([...saga.executions.values()]).toEqual([expect.objectContaining({ bookingId: retried.bookingId })]);
  });

  it('refuses IDEMPOTENCY_KEY_REUSED when the key comes back with a different body', async () => {
    // Prepare
    const { deps, bookings, saga } = setup();
    await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest() });

    // Act
    const error = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest({ rooms: 2 }) }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
    expect((error as IdempotencyKeyReusedError).code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(bookings.all()).toHaveLength(1);
    expect(saga.starts).toHaveLength(1);
  });

  it('a concurrent duplicate that loses the write joins the winner instead of storing a second booking', async () => {
    // Prepare: the winner is stored, but the loser read the key before that (it saw no record).
    const { deps, bookings, saga } = setup();
    const winner = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest() });
    vi.spyOn(bookings, 'getIdempotencyRecord').mockResolvedValueOnce(undefined);

    // Act
    const loser = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest() });

    // Assess
    expect(loser).toEqual(winner);
    expect(bookings.all().map((b) => b.bookingId)).toEqual([winner.bookingId]);
    expect(saga.executions.size).toBe(1);
  });

  it.each([
    ['turned off by an admin', { isActive: false }, 'turned off'],
    ['paused because the PMS refused our credentials', { paused: true, lastError: 'PMS_AUTH_FAILED: 401' }, 'refuses our credentials'],
    ['gone', 'none', 'gone'],
  ] as const)('refuses 503 PMS_UNAVAILABLE before storing anything when the PMS config is %s', async (_case, pmsConfig, says) => {
    const { deps, bookings, saga } = setup({ pms: true, pmsConfig: pmsConfig as Partial<PmsConfig> | 'none' });

    const error = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest() }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PmsUnavailableError);
    expect((error as PmsUnavailableError).message).toContain(says);
    expect(bookings.all()).toEqual([]);
    expect(saga.starts).toEqual([]);
  });

  it('a PMS paused for another reason (its polls failing) still takes bookings', async () => {
    const { deps, bookings } = setup({ pms: true, pmsConfig: { paused: true, lastError: 'PMS_UNAVAILABLE: timeout' } });

    await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest() });

    expect(bookings.all()).toHaveLength(1);
  });

  it('a repeated key of a settled booking answers that booking and starts no saga', async () => {
    const { deps, bookings, saga } = setup();
    const { bookingId } = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest() });
    await bookings.transition(bookingId, { from: ['PENDING'], to: 'FAILED', patch: { failureCode: 'HOLD_EXPIRED' } }, new Date(NOW));
    const stored: string[] = [];

    const again = await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest(), onStored: (id) => stored.push(id) });

    expect(again.bookingId).toBe(bookingId);
    expect(saga.starts).toHaveLength(1);
    expect(stored).toEqual([bookingId]);
  });

  it('tells the caller the booking id as soon as the booking is stored, before the saga starts', async () => {
    const { deps, saga } = setup();
    const stored: string[] = [];
    saga.failures.arm('start', new Error('StartExecution timed out'));

    await startCheckout(deps, { idempotencyKey: 'key-1', request: aRequest(), onStored: (id) => stored.push(id) }).catch(() => undefined);

    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^bk_/);
  });

  describe('rate plans and the same-day cut-off (issue 8)', () => {
    function withPlans(setupResult: ReturnType<typeof setup>) {
      setupResult.catalog.seed({
        ratePlans: [
          aRatePlan({ hotelId: 'htl_1', roomTypeId: 'rt_1', ratePlanId: 'rp_a_off', isActive: false }),
          aRatePlan({ hotelId: 'htl_1', roomTypeId: 'rt_1', ratePlanId: 'rp_b_flex', name: 'Flexible', isRefundable: true, cancellationHours: 48, cancellationFeePercent: 20, breakfastIncluded: true }),
          aRatePlan({ hotelId: 'htl_1', roomTypeId: 'rt_1', ratePlanId: 'rp_c_saver', name: 'Saver', isRefundable: false }),
        ],
      });
      return setupResult;
    }

    it("copies the first active plan's terms and the nightly prices onto the booking", async () => {
      const { deps, bookings, catalog } = withPlans(setup());
      const { bookingId } = await startCheckout(deps, { idempotencyKey: 'plan-1', request: aRequest() });
      const booking = await bookings.get(bookingId);
      expect(booking!.policy).toEqual({
        ratePlanId: 'rp_b_flex',
        ratePlanName: 'Flexible',
        refundable: true,
        cancellationHours: 48,
        cancellationFeePercent: 20,
        breakfastIncluded: true,
        checkInTime: '15:00',
        timeZone: 'Asia/Seoul',
        // 15:00 KST on 10 March is 06:00 UTC; 48 hours earlier.
        freeCancellationUntil: '2026-03-08T06:00:00.000Z',
        nightlyPrices: [
          { date: '2026-03-10', priceMinor: 150_000 },
          { date: '2026-03-11', priceMinor: 170_000 },
        ],
      });
      // A later edit of the plan changes nothing on the booking.
      catalog.seed({ ratePlans: [aRatePlan({ hotelId: 'htl_1', roomTypeId: 'rt_1', ratePlanId: 'rp_b_flex', isRefundable: false })] });
      expect((await bookings.get(bookingId))!.policy!.refundable).toBe(true);
    });

    it('takes the plan asked for, and answers 404 for one that is not active', async () => {
      const { deps, bookings } = withPlans(setup());
      const { bookingId } = await startCheckout(deps, { idempotencyKey: 'plan-2', request: aRequest({ ratePlanId: 'rp_c_saver' }) });
      expect((await bookings.get(bookingId))!.policy).toMatchObject({ ratePlanId: 'rp_c_saver', refundable: false });
      expect((await bookings.get(bookingId))!.policy!.freeCancellationUntil).toBeUndefined();
      await expect(startCheckout(deps, { idempotencyKey: 'plan-3', request: aRequest({ ratePlanId: 'rp_a_off' }) })).rejects.toThrow(NotFoundError);
    });

    it('refuses a stay starting today after 15:00 hotel time with SAME_DAY_CUTOFF, writing nothing', async () => {
      const { deps, bookings, clock, inventory, saga } = setup();
      inventory.seed(nights('htl_1', 'rt_1', '2026-03-01', '2026-03-03', 3, 150_000));
      clock.set('2026-03-01T06:00:00.000Z'); // 15:00 in Seoul
      await expect(startCheckout(deps, { idempotencyKey: 'late', request: aRequest({ checkIn: '2026-03-01', checkOut: '2026-03-02' }) })).rejects.toThrow(
        SameDayCutoffError,
      );
      expect(bookings.all()).toEqual([]);
      expect(saga.executions.size).toBe(0);
      clock.set('2026-03-01T05:59:00.000Z');
      await expect(startCheckout(deps, { idempotencyKey: 'early', request: aRequest({ checkIn: '2026-03-01', checkOut: '2026-03-02' }) })).resolves.toBeDefined();
    });
  });
});

describe('startCheckout: the hotel\'s stay restrictions', () => {
  /** One rule on one night of the 2026-03-10..2026-03-20 calendar; the stay asked for is 2026-03-10 to 2026-03-12 unless given. */
  const cases: { rule: NightRestrictions; on: string; stay?: Partial<CheckoutRequest>; code: string; message: RegExp }[] = [
    { rule: { minStay: 3 }, on: '2026-03-10', code: 'MIN_STAY', message: /2026-03-10 need a stay of at least 3 nights; this one is 2/ },
    { rule: { maxStay: 1 }, on: '2026-03-10', code: 'MAX_STAY', message: /2026-03-10 may stay at most 1 nights; this one is 2/ },
    { rule: { closedToArrival: true }, on: '2026-03-10', code: 'CLOSED_TO_ARRIVAL', message: /Arrivals are closed on 2026-03-10/ },
    { rule: { closedToDeparture: true }, on: '2026-03-12', code: 'CLOSED_TO_DEPARTURE', message: /Departures are closed on 2026-03-12/ },
    { rule: { stopSell: true }, on: '2026-03-11', code: 'STOP_SELL', message: /2026-03-11 is closed for sale/ },
  ];

  for (const { rule, on, stay, code, message } of cases) {
    it(`refuses ${code} naming the night and the rule, and writes nothing`, async () => {
      // Prepare: the PMS reported the rule on that night.
      const { deps, inventory, bookings, saga } = setup();
      inventory.seed([{ ...inventory.night('htl_1', 'rt_1', on)!, restrictions: rule }]);
      const before = inventory.all();

      // Act
      const refused = await startCheckout(deps, { idempotencyKey: `key-${code}`, request: aRequest(stay) }).catch((e: unknown) => e);

      // Assess
      expect(refused).toBeInstanceOf(StayRestrictedError);
      expect(refused).toMatchObject({ code, details: { date: on } });
      expect((refused as Error).message).toMatch(message);
      expect(bookings.all()).toEqual([]);
      expect(saga.executions.size).toBe(0);
      expect(inventory.all()).toEqual(before);
    });
  }

  it('lets a stay through that the rules do not touch: min stay met, departure on an open day, a rule on a night outside the stay', async () => {
    const { deps, inventory, saga } = setup();
    inventory.seed([
      { ...inventory.night('htl_1', 'rt_1', '2026-03-10')!, restrictions: { minStay: 2, maxStay: 2 } },
      { ...inventory.night('htl_1', 'rt_1', '2026-03-11')!, restrictions: { closedToDeparture: true, closedToArrival: true } },
      { ...inventory.night('htl_1', 'rt_1', '2026-03-12')!, restrictions: { stopSell: true } },
    ]);

    await startCheckout(deps, { idempotencyKey: 'key-ok', request: aRequest() });

    expect(saga.executions.size).toBe(1);
  });

  it("an admin's override wins over the PMS's rule, both ways", async () => {
    const { deps, inventory, saga } = setup();
    inventory.seed([{ ...inventory.night('htl_1', 'rt_1', '2026-03-10')!, restrictions: { minStay: 3 }, overrides: { minStay: 1 } }]);
    await startCheckout(deps, { idempotencyKey: 'key-lifted', request: aRequest() });
    inventory.seed([{ ...inventory.night('htl_1', 'rt_1', '2026-03-10')!, restrictions: {}, overrides: { stopSell: true } }]);
    const refused = await startCheckout(deps, { idempotencyKey: 'key-closed', request: aRequest() }).catch((e: unknown) => e);

    expect(saga.executions.size).toBe(1);
    expect(refused).toMatchObject({ code: 'STOP_SELL' });
  });
});
