import { describe, expect, it } from 'vitest';
import type { Booking } from '../../../../shared/domain/booking.ts';
import type { IdempotencyRecord } from '../../../../shared/ports/booking.repository.ts';
import type { BusEvent } from '../../../../shared/ports/event-publisher.port.ts';
import { dedupeIdOf, MAIL_CLAIM_LEASE_MS, MailInProgressError, sendGuestMail, type GuestMailDeps } from '../../../../shared/use-cases/notifications/send-guest-mail.use-case.ts';
import { FakeBookingRepository } from '../../../support/fakes/booking.repository.fake.ts';
import { fakeClock } from '../../../support/fakes/clock.fake.ts';
import { FakeHotelCatalog } from '../../../support/fakes/hotel-catalog.repository.fake.ts';
import { FakeMailSender, FakeSentMailLog } from '../../../support/fakes/mail.fake.ts';
import { aBooking, aHotel, aRoomType } from '../../../support/fixtures.ts';

async function setup(bookingOverrides: Partial<Booking> = {}) {
  const bookings = new FakeBookingRepository();
  const catalog = new FakeHotelCatalog();
  await catalog.putHotel(aHotel({ address: '1 Hangang-daero, Seoul' }));
  await catalog.putHotel(aHotel({ hotelId: 'htl_seoul_2', name: 'Namsan Stay' }));
  await catalog.putHotel(aHotel({ hotelId: 'htl_tokyo_1', name: 'Ginza Inn', city: 'Tokyo', country: 'JP', timeZone: 'Asia/Tokyo', currency: 'JPY' }));
  await catalog.putRoomType(aRoomType({ checkInTime: '14:00' }));
  const booking = aBooking({ status: 'CONFIRMED', confirmationNumber: 'HRH-1234', locale: 'en', ...bookingOverrides });
  await bookings.createPending(booking, { keyHash: booking.idempotencyKey, bookingId: booking.bookingId } as IdempotencyRecord);
  const deps: GuestMailDeps & { mail: FakeMailSender; sent: FakeSentMailLog } = {
    bookings,
    catalog,
    mail: new FakeMailSender(),
    sent: new FakeSentMailLog(),
    clock: fakeClock('2026-03-08T01:00:00.000Z'),
  };
  return { deps, booking };
}

const event = (type: string, detail: Record<string, unknown>, id = 'eb-1'): BusEvent => ({ id, type, detail: { version: 1, bookingId: 'bk_test_0001', hotelId: 'htl_seoul_1', ...detail } });

describe('sendGuestMail', () => {
  it('mails the confirmation to the guest in the booking\'s language, tagged with ids only', async () => {
    const { deps } = await setup({ locale: 'ko' });

    const outcome = await sendGuestMail(deps, event('booking.confirmed', { totalMinor: 300_000, currency: 'KRW' }));

    expect(outcome).toMatchObject({ status: 'sent', kind: 'booking_confirmed', dedupeId: 'booking.confirmed:bk_test_0001' });
    expect(deps.mail.sent).toHaveLength(1);
    const [mail] = deps.mail.sent;
    expect(mail!.to).toBe('jiwoo@example.com');
    expect(mail!.subject).toContain('예약 확정: Han River Hotel');
    expect(mail!.text).toContain('결제 금액: ₩300,000');
    expect(mail!.tags).toEqual({ kind: 'booking_confirmed', bookingId: 'bk_test_0001', event: 'booking.confirmed' });
  });

  it('sends one mail per booking and kind: a redelivered or republished confirmation sends nothing', async () => {
    const { deps } = await setup();

    const first = await sendGuestMail(deps, event('booking.confirmed', {}, 'eb-1'));
    const redelivered = await sendGuestMail(deps, event('booking.confirmed', {}, 'eb-1'));
    const republished = await sendGuestMail(deps, event('booking.confirmed', {}, 'eb-2'));

    expect([first.status, redelivered.status, republished.status]).toEqual(['sent', 'duplicate', 'duplicate']);
    expect(deps.mail.sent).toHaveLength(1);
  });

  it('mails each modification once (per changeId), and each room assignment revision once (per eventId)', async () => {
    const { deps } = await setup();

    await sendGuestMail(deps, event('booking.modified', { changeId: 'chg-1' }, 'eb-1'));
    await sendGuestMail(deps, event('booking.modified', { changeId: 'chg-1' }, 'eb-2'));
    await sendGuestMail(deps, event('booking.modified', { changeId: 'chg-2' }, 'eb-3'));
    await sendGuestMail(deps, event('room.assigned', { eventId: 'room.assigned:bk_test_0001:1', roomNumbers: ['1203'] }, 'eb-4'));
    await sendGuestMail(deps, event('room.assigned', { eventId: 'room.assigned:bk_test_0001:1', roomNumbers: ['1203'] }, 'eb-5'));

    expect(deps.mail.sent.map((m) => m.tags.kind)).toEqual(['booking_modified', 'booking_modified', 'room_assigned']);
    expect(deps.mail.sent[2]!.subject).toBe('Your room at Han River Hotel: 1203');
  });

  it('gives the claim back when SES fails, so the retry sends exactly one mail', async () => {
    const { deps } = await setup();
    deps.mail.failures.arm('send', new Error('SES throttled'));

    await expect(sendGuestMail(deps, event('booking.cancelled', { refundMinor: 300_000, feeMinor: 0, currency: 'KRW' }))).rejects.toThrow('SES throttled');
    const retry = await sendGuestMail(deps, event('booking.cancelled', { refundMinor: 300_000, feeMinor: 0, currency: 'KRW' }));

    expect(retry.status).toBe('sent');
    expect(deps.mail.sent).toHaveLength(1);
    expect(deps.mail.sent[0]!.text).toContain('Refund: ₩300,000');
  });

  it('refuses to send while another delivery holds the claim (SQS retries it), and takes over after the lease', async () => {
    const { deps } = await setup();
    const clock = deps.clock as ReturnType<typeof fakeClock>;
    await deps.sent.claim('booking.confirmed:bk_test_0001', { bookingId: 'bk_test_0001', kind: 'booking_confirmed', eventType: 'booking.confirmed' }, clock(), MAIL_CLAIM_LEASE_MS);

    await expect(sendGuestMail(deps, event('booking.confirmed', {}))).rejects.toBeInstanceOf(MailInProgressError);
    clock.advance(MAIL_CLAIM_LEASE_MS + 1000);
    const later = await sendGuestMail(deps, event('booking.confirmed', {}));

    expect(later.status).toBe('sent');
    expect(deps.mail.sent).toHaveLength(1);
  });

  it('shows the cancellation fee and the refund in the booking\'s currency, in Japanese', async () => {
    const { deps } = await setup({ locale: 'ja', currency: 'USD', totalMinor: 45_000 });

    await sendGuestMail(deps, event('booking.cancelled', { refundMinor: 31_500, feeMinor: 13_500, currency: 'USD' }));

    const [mail] = deps.mail.sent;
    expect(mail!.subject).toContain('ご予約キャンセル');
    expect(mail!.text).toContain('返金額: $315.00');
    expect(mail!.text).toContain('キャンセル料: $135.00');
  });

  it('falls back to the hotel country\'s language when the booking has none', async () => {
    const { deps } = await setup({ locale: undefined, hotelId: 'htl_tokyo_1' });

    await sendGuestMail(deps, event('booking.refunded', { changeId: 'c1', refundedMinor: 100_000, totalRefundedMinor: 100_000, currency: 'KRW' }));

    expect(deps.mail.sent[0]!.subject).toBe('返金完了: Ginza Inn');
  });

  it('never carries the card: neither the payment method id nor any card-looking number is in a mail', async () => {
    const { deps } = await setup({ paymentMethodId: 'pm_card_4242424242424242' });

    for (const type of ['booking.confirmed', 'booking.modified', 'booking.cancelled', 'booking.refunded', 'booking.arrival_reminder']) {
      await sendGuestMail(deps, event(type, { changeId: `c-${type}`, eventId: type === 'booking.arrival_reminder' ? 'r1' : undefined }));
    }

    expect(deps.mail.sent).toHaveLength(5);
    for (const mail of deps.mail.sent) {
      const all = JSON.stringify(mail);
      expect(all).not.toContain('pm_card');
      expect(all).not.toMatch(/\d{12,19}/);
    }
  });

  it('drops a reminder or room mail for a stay that was cancelled or moved since the event', async () => {
    const { deps } = await setup({ status: 'CANCELLED_BY_HOTEL' });
    const moved = await setup({ checkIn: '2026-03-20' });

    const cancelled = await sendGuestMail(deps, event('booking.arrival_reminder', { eventId: 'r1', checkIn: '2026-03-10' }));
    const late = await sendGuestMail(moved.deps, event('room.assigned', { eventId: 'a1', checkIn: '2026-03-10', roomNumbers: ['101'] }));

    expect(cancelled).toMatchObject({ status: 'ignored' });
    expect(late).toMatchObject({ status: 'ignored' });
    expect([...deps.mail.sent, ...moved.deps.mail.sent]).toEqual([]);
  });

  it('ignores events it has no mail for and bookings it does not know', async () => {
    const { deps } = await setup();

    const outcomes = [await sendGuestMail(deps, event('booking.checked_in', {})), await sendGuestMail(deps, event('booking.confirmed', { bookingId: 'bk_nobody' }))];

    expect(outcomes.map((o) => o.status)).toEqual(['ignored', 'ignored']);
    expect(deps.mail.sent).toEqual([]);
  });

  it('tells a deactivated hotel\'s guest that the booking stands, with other active hotels of the city', async () => {
    const { deps } = await setup();

    await sendGuestMail(deps, event('booking.hotel_deactivated', { eventId: 'hotel.deactivated:a1:bk_test_0001' }));

    expect(deps.mail.sent[0]!.text).toContain('Your booking is kept as it is');
    expect(deps.mail.sent[0]!.text).toContain('Other hotels nearby: Namsan Stay');
  });
});

describe('dedupeIdOf', () => {
  it('prefers the event id, then the change id, then booking and type for once-per-booking events, then the bus id', () => {
    expect(dedupeIdOf(event('room.assigned', { eventId: 'room.assigned:b:2' }), 'b')).toBe('room.assigned:b:2');
    expect(dedupeIdOf(event('booking.modified', { changeId: 'c9' }), 'b')).toBe('booking.modified:b:c9');
    expect(dedupeIdOf(event('booking.cancelled', {}, 'x'), 'b')).toBe('booking.cancelled:b');
    expect(dedupeIdOf(event('booking.modified', {}, 'x'), 'b')).toBe('booking.modified:b:x');
  });
});
