import type { IsoDate } from '#domain/dates.ts';
import type { Locale } from '#domain/locale.ts';
import { toMajorUnits, type Money } from '#domain/money.ts';
import type { MailKind } from '#domain/notification.ts';

/**
 * What a mail says, gathered from the event and the booking. Deliberately without payment
 * details: no card data exists in the booking (only a payment method id), and none is mailed.
 */
export interface MailFacts {
  kind: MailKind;
  locale: Locale;
  guestFirstName: string;
  bookingId: string;
  confirmationNumber?: string;
  hotelName: string;
  hotelAddress?: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
  rooms: number;
  guests: number;
  total: Money;
  /** Cancellation and refund: what comes back to the guest, and what is kept. */
  refund?: Money;
  fee?: Money;
  roomNumbers?: string[];
  /** The hotel's check-in time, `HH:mm`. */
  checkInTime?: string;
  /** Hotel deactivation: other active hotels in the same city, by name. */
  alternatives?: string[];
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

type Lines = (f: MailFacts, fmt: Formatters) => { subject: string; intro: string; lines: string[] };

interface Formatters {
  date(date: IsoDate): string;
  money(money: Money): string;
  list(items: readonly string[]): string;
}

function formatters(locale: Locale): Formatters {
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const lists = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  return {
    date: (date) => dates.format(new Date(`${date}T00:00:00Z`)),
    money: (m) => new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(toMajorUnits(m.amountMinor, m.currency)),
    list: (items) => lists.format(items),
  };
}

/** The stay as every mail repeats it: dates, rooms, reference. */
const STAY: Record<Locale, (f: MailFacts, x: Formatters) => string[]> = {
  en: (f, x) => [
    `Hotel: ${f.hotelName}`,
    `Stay: ${x.date(f.checkIn)} to ${x.date(f.checkOut)}, ${f.rooms} room(s), ${f.guests} guest(s)`,
    `Booking: ${f.bookingId}${f.confirmationNumber ? ` (confirmation ${f.confirmationNumber})` : ''}`,
  ],
  ko: (f, x) => [
    `호텔: ${f.hotelName}`,
    `숙박: ${x.date(f.checkIn)} ~ ${x.date(f.checkOut)}, 객실 ${f.rooms}개, 투숙객 ${f.guests}명`,
    `예약 번호: ${f.bookingId}${f.confirmationNumber ? ` (확인 번호 ${f.confirmationNumber})` : ''}`,
  ],
  ja: (f, x) => [
    `ホテル: ${f.hotelName}`,
    `ご宿泊: ${x.date(f.checkIn)}〜${x.date(f.checkOut)}、${f.rooms}室、${f.guests}名様`,
    `予約番号: ${f.bookingId}${f.confirmationNumber ? `（確認番号 ${f.confirmationNumber}）` : ''}`,
  ],
};

const GREETING: Record<Locale, (name: string) => string> = {
  en: (name) => `Dear ${name},`,
  ko: (name) => `${name}님, 안녕하세요.`,
  ja: (name) => `${name}様`,
};

const CLOSING: Record<Locale, string> = {
  en: 'We look forward to welcoming you.',
  ko: '고객님을 맞이할 날을 기다리겠습니다.',
  ja: 'ご来館を心よりお待ちしております。',
};

const TEMPLATES: Record<MailKind, Record<Locale, Lines>> = {
  booking_confirmed: {
    en: (f, x) => ({ subject: `Booking confirmed: ${f.hotelName}, ${x.date(f.checkIn)}`, intro: 'Your booking is confirmed.', lines: [`Total paid: ${x.money(f.total)}`] }),
    ko: (f, x) => ({ subject: `예약 확정: ${f.hotelName}, ${x.date(f.checkIn)}`, intro: '예약이 확정되었습니다.', lines: [`결제 금액: ${x.money(f.total)}`] }),
    ja: (f, x) => ({ subject: `ご予約確定: ${f.hotelName}、${x.date(f.checkIn)}`, intro: 'ご予約が確定しました。', lines: [`お支払い金額: ${x.money(f.total)}`] }),
  },
  booking_modified: {
    en: (f, x) => ({ subject: `Booking changed: ${f.hotelName}`, intro: 'Your booking has been changed. Here is the stay as it is now.', lines: [`Total: ${x.money(f.total)}`] }),
    ko: (f, x) => ({ subject: `예약 변경: ${f.hotelName}`, intro: '예약이 변경되었습니다. 변경된 예약 내용은 다음과 같습니다.', lines: [`총 금액: ${x.money(f.total)}`] }),
    ja: (f, x) => ({ subject: `ご予約変更: ${f.hotelName}`, intro: 'ご予約が変更されました。変更後のご予約内容は以下のとおりです。', lines: [`合計金額: ${x.money(f.total)}`] }),
  },
  booking_cancelled: {
    en: (f, x) => ({
      subject: `Booking cancelled: ${f.hotelName}, ${x.date(f.checkIn)}`,
      intro: 'Your booking has been cancelled.',
      lines: [
        ...(f.refund ? [`Refund: ${x.money(f.refund)}, back to your payment method within a few business days`] : []),
        ...(f.fee && f.fee.amountMinor > 0 ? [`Cancellation fee: ${x.money(f.fee)}`] : []),
      ],
    }),
    ko: (f, x) => ({
      subject: `예약 취소: ${f.hotelName}, ${x.date(f.checkIn)}`,
      intro: '예약이 취소되었습니다.',
      lines: [
        ...(f.refund ? [`환불 금액: ${x.money(f.refund)} (영업일 기준 수일 내 결제 수단으로 환불됩니다)`] : []),
        ...(f.fee && f.fee.amountMinor > 0 ? [`취소 수수료: ${x.money(f.fee)}`] : []),
      ],
    }),
    ja: (f, x) => ({
      subject: `ご予約キャンセル: ${f.hotelName}、${x.date(f.checkIn)}`,
      intro: 'ご予約はキャンセルされました。',
      lines: [
        ...(f.refund ? [`返金額: ${x.money(f.refund)}（数営業日以内にお支払い方法へ返金されます）`] : []),
        ...(f.fee && f.fee.amountMinor > 0 ? [`キャンセル料: ${x.money(f.fee)}`] : []),
      ],
    }),
  },
  booking_refunded: {
    en: (f, x) => ({ subject: `Refund sent: ${f.hotelName}`, intro: 'Your refund has been sent to your payment method.', lines: f.refund ? [`Refund: ${x.money(f.refund)}`] : [] }),
    ko: (f, x) => ({ subject: `환불 완료: ${f.hotelName}`, intro: '결제 수단으로 환불이 완료되었습니다.', lines: f.refund ? [`환불 금액: ${x.money(f.refund)}`] : [] }),
    ja: (f, x) => ({ subject: `返金完了: ${f.hotelName}`, intro: 'お支払い方法への返金が完了しました。', lines: f.refund ? [`返金額: ${x.money(f.refund)}`] : [] }),
  },
  booking_cancelled_by_hotel: {
    en: (f, x) => ({
      subject: `The hotel cancelled your booking: ${f.hotelName}`,
      intro: 'We are sorry: the hotel has cancelled your booking. You will be refunded in full.',
      lines: f.refund ? [`Refund due: ${x.money(f.refund)}`] : [],
    }),
    ko: (f, x) => ({
      subject: `호텔 측 예약 취소: ${f.hotelName}`,
      intro: '죄송합니다. 호텔 측 사정으로 예약이 취소되었습니다. 결제 금액은 전액 환불됩니다.',
      lines: f.refund ? [`환불 예정 금액: ${x.money(f.refund)}`] : [],
    }),
    ja: (f, x) => ({
      subject: `ホテル都合によるキャンセル: ${f.hotelName}`,
      intro: '誠に申し訳ございません。ホテルの都合によりご予約がキャンセルされました。お支払い金額は全額返金いたします。',
      lines: f.refund ? [`返金予定額: ${x.money(f.refund)}`] : [],
    }),
  },
  room_assigned: {
    en: (f, x) => ({ subject: `Your room at ${f.hotelName}: ${x.list(f.roomNumbers ?? [])}`, intro: 'Your room is ready for your arrival.', lines: [`Room: ${x.list(f.roomNumbers ?? [])}`] }),
    ko: (f, x) => ({ subject: `객실 배정: ${f.hotelName} ${x.list(f.roomNumbers ?? [])}호`, intro: '도착하실 객실이 배정되었습니다.', lines: [`객실: ${x.list(f.roomNumbers ?? [])}호`] }),
    ja: (f, x) => ({ subject: `お部屋のご案内: ${f.hotelName} ${x.list(f.roomNumbers ?? [])}号室`, intro: 'ご到着時のお部屋が決まりました。', lines: [`お部屋: ${x.list(f.roomNumbers ?? [])}号室`] }),
  },
  arrival_reminder: {
    en: (f, x) => ({
      subject: `See you soon at ${f.hotelName}`,
      intro: `Your stay begins on ${x.date(f.checkIn)}.`,
      lines: [
        ...(f.checkInTime ? [`Check-in from ${f.checkInTime}`] : []),
        ...(f.hotelAddress ? [`Address: ${f.hotelAddress}`] : []),
        ...(f.roomNumbers?.length ? [`Room: ${x.list(f.roomNumbers)}`] : []),
      ],
    }),
    ko: (f, x) => ({
      subject: `${f.hotelName} 방문 안내`,
      intro: `${x.date(f.checkIn)}에 숙박이 시작됩니다.`,
      lines: [
        ...(f.checkInTime ? [`체크인: ${f.checkInTime}부터`] : []),
        ...(f.hotelAddress ? [`주소: ${f.hotelAddress}`] : []),
        ...(f.roomNumbers?.length ? [`객실: ${x.list(f.roomNumbers)}호`] : []),
      ],
    }),
    ja: (f, x) => ({
      subject: `${f.hotelName}へのご到着のご案内`,
      intro: `${x.date(f.checkIn)}からのご宿泊です。`,
      lines: [
        ...(f.checkInTime ? [`チェックイン: ${f.checkInTime}から`] : []),
        ...(f.hotelAddress ? [`住所: ${f.hotelAddress}`] : []),
        ...(f.roomNumbers?.length ? [`お部屋: ${x.list(f.roomNumbers)}号室`] : []),
      ],
    }),
  },
  hotel_deactivated: {
    en: (f, x) => ({
      subject: `Important: ${f.hotelName} is no longer taking bookings`,
      intro: `${f.hotelName} has stopped taking new bookings through us. Your booking is kept as it is, and we will contact you if anything about your stay changes.`,
      lines: f.alternatives?.length ? [`Other hotels nearby: ${x.list(f.alternatives)}`] : [],
    }),
    ko: (f, x) => ({
      subject: `중요: ${f.hotelName} 신규 예약 중단 안내`,
      intro: `${f.hotelName}의 신규 예약이 중단되었습니다. 고객님의 예약은 그대로 유지되며, 숙박에 변동이 생기면 다시 연락드리겠습니다.`,
      lines: f.alternatives?.length ? [`주변의 다른 호텔: ${x.list(f.alternatives)}`] : [],
    }),
    ja: (f, x) => ({
      subject: `重要: ${f.hotelName} 新規予約受付停止のお知らせ`,
      intro: `${f.hotelName}は新規のご予約の受付を停止しました。お客様のご予約はそのまま有効です。ご宿泊に変更が生じた場合は改めてご連絡いたします。`,
      lines: f.alternatives?.length ? [`近隣の他のホテル: ${x.list(f.alternatives)}`] : [],
    }),
  },
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The mail for `facts` in the booking's language: Korean, English or Japanese. Plain text and a
 * simple HTML version carrying the same lines; every value is escaped in HTML (guest and hotel names
 * are free text).
 */
export function renderMail(facts: MailFacts): RenderedMail {
  const fmt = formatters(facts.locale);
  const { subject, intro, lines } = TEMPLATES[facts.kind][facts.locale](facts, fmt);
  const body = [intro, '', ...lines, ...(lines.length > 0 ? [''] : []), ...STAY[facts.locale](facts, fmt)];
  const closing = facts.kind === 'booking_cancelled' || facts.kind === 'booking_refunded' || facts.kind === 'booking_cancelled_by_hotel' ? [] : [CLOSING[facts.locale]];
  const text = [GREETING[facts.locale](facts.guestFirstName), '', ...body, '', ...closing].join('\n').trimEnd() + '\n';
  const html =
    `<!doctype html><html lang="${facts.locale}"><meta charset="utf-8"><body>` +
    `<p>${escapeHtml(GREETING[facts.locale](facts.guestFirstName))}</p>` +
    `<p>${escapeHtml(intro)}</p>` +
    (lines.length > 0 ? `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : '') +
    `<ul>${STAY[facts.locale](facts, fmt).map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` +
    closing.map((c) => `<p>${escapeHtml(c)}</p>`).join('') +
    `</body></html>`;
  return { subject: subject.replace(/[\r\n]+/g, ' '), text, html };
}
