import { useApp } from '../app-context.tsx';
import type { AdminBooking, Hotel, RoomType } from '../api/types.ts';
import { timeline } from '../bookings/booking-view.ts';
import { BookingActions } from '../bookings/BookingActions.tsx';
import { ChangesTable } from '../bookings/ChangesTable.tsx';
import { ErrorNotice, Loading, Success } from '../components/feedback.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { daysBetween } from '../calendar/ranges.ts';
import { formatDate, formatDateTime, formatMoney } from '../format/format.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { Link, useParams } from '../router/router.tsx';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="dl-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function Timeline({ booking, timeZone }: { booking: AdminBooking; timeZone: string }) {
  const { t, locale } = useI18n();
  const entries = timeline(booking.steps);
  if (entries.length === 0) return <p className="empty">{t('booking.timelineEmpty')}</p>;
  return (
    <>
      <p className="muted small">{t('booking.timesIn', { zone: timeZone })}</p>
      <ol className="timeline" data-testid="timeline">
        {entries.map((step) => {
          const key = `step.${step.name}` as MessageKey;
          return (
            <li key={step.index} className={`timeline-item step-${step.status.toLowerCase()}${step.compensation ? ' step-compensation' : ''}`}>
              <span className="timeline-marker" aria-hidden="true" />
              <div>
                <p className="timeline-title">
                  <strong>{t(key) === key ? step.name : t(key)}</strong> <code className="muted">{step.name}</code>
                  {step.compensation ? <span className="tag">{t('booking.step.compensation')}</span> : null}
                </p>
                <p>
                  <span className={`result result-${step.status.toLowerCase()}`}>{t(`booking.stepStatus.${step.status}`)}</span> ·{' '}
                  <time dateTime={step.at}>{formatDateTime(step.at, locale, timeZone)}</time>
                </p>
                {step.error ? <p className="step-error">{step.error}</p> : null}
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}

export function BookingDetailPage() {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const { bookingId = '' } = useParams('/bookings/:bookingId');
  // What the last action answered; kept here so it outlives the reload that follows the action.
  const [notice, setNotice] = useState<string>();
  const data = useAsync(
    async (signal) => {
      const booking = await api.bookings.get(bookingId, signal);
      // The hotel's time zone for the timeline; a hotel that cannot be read falls back to UTC.
      const [hotel, roomTypes] = await Promise.all([
        api.catalog.getHotel(booking.hotelId, signal).catch((): Hotel | undefined => undefined),
        api.catalog.listRoomTypes(booking.hotelId, signal).catch((): RoomType[] => []),
      ]);
      return { booking, hotel, roomType: roomTypes.find((rt) => rt.roomTypeId === booking.roomTypeId) };
    },
    [bookingId],
  );

  return (
    <>
      <p>
        <Link to="/bookings">← {t('booking.back')}</Link>
      </p>
      <h1>{t('booking.title', { id: bookingId })}</h1>
      {notice ? <Success>{notice}</Success> : null}
      {data.status === 'loading' ? <Loading /> : null}
      {data.status === 'error' ? <ErrorNotice error={data.error} onRetry={data.reload} /> : null}
      {data.status === 'ok' ? (
        <BookingDetail
          booking={data.data.booking}
          hotel={data.data.hotel}
          roomType={data.data.roomType}
          onReload={() => {
            setNotice(undefined);
            data.reload();
          }}
          onAction={(message) => {
            setNotice(message);
            data.reload();
          }}
          locale={locale}
        />
      ) : null}
    </>
  );
}

function BookingDetail({
  booking: b,
  hotel,
  roomType,
  onReload,
  onAction,
  locale,
}: {
  booking: AdminBooking;
  hotel: Hotel | undefined;
  roomType: RoomType | undefined;
  onReload(): void;
  onAction(message: string): void;
  locale: string;
}) {
  const { t } = useI18n();
  const zone = hotel?.timeZone ?? 'UTC';
  return (
    <>
      <p className="status-line">
        <StatusBadge status={b.status} /> {b.failureCode ? <code>{b.failureCode}</code> : null}
        <button type="button" className="button" onClick={onReload}>
          {t('booking.reload')}
        </button>
      </p>
      <div className="grid-2">
        <section className="panel" aria-labelledby="sec-guest">
          <h2 id="sec-guest">{t('booking.guest')}</h2>
          <dl>
            <Row label={t('booking.name')}>
              {b.guestInfo.firstName} {b.guestInfo.lastName}
            </Row>
            <Row label={t('booking.email')}>{b.guestInfo.email}</Row>
            <Row label={t('booking.phone')}>{b.guestInfo.phone}</Row>
            {b.specialRequests ? <Row label={t('booking.requests')}>{b.specialRequests}</Row> : null}
          </dl>
        </section>
        <section className="panel" aria-labelledby="sec-stay">
          <h2 id="sec-stay">{t('booking.stay')}</h2>
          <dl>
            <Row label={t('common.hotel')}>
              <Link to={`/hotels/${encodeURIComponent(b.hotelId)}`}>{hotel?.name ?? b.hotelId}</Link>
            </Row>
            <Row label={t('common.roomType')}>
              {roomType?.name ?? b.roomTypeId} <code className="muted">{b.roomTypeId}</code>
            </Row>
            <Row label={t('booking.checkIn')}>{formatDate(b.checkIn, locale, 'full')}</Row>
            <Row label={t('booking.checkOut')}>
              {formatDate(b.checkOut, locale, 'full')} ({t('booking.nights', { count: daysBetween(b.checkIn, b.checkOut) })})
            </Row>
            <Row label={t('booking.rooms')}>{b.rooms}</Row>
            <Row label={t('booking.guests')}>{b.guests}</Row>
          </dl>
        </section>
        <section className="panel" aria-labelledby="sec-payment">
          <h2 id="sec-payment">
            {t('booking.price')} · {t('booking.payment')}
          </h2>
          <dl>
            <Row label={t('booking.total')}>
              <span data-testid="booking-total">{formatMoney(b.totalPrice, b.currency, locale)}</span>
            </Row>
            <Row label={t('booking.paymentStatus')}>
              <code>{b.payment.status}</code>
            </Row>
            <Row label={t('booking.amount')}>{formatMoney(b.payment.amount, b.payment.currency, locale)}</Row>
            {b.payment.refundedAmount ? (
              <Row label={t('booking.refunded')}>
                <span data-testid="booking-refunded">{formatMoney(b.payment.refundedAmount, b.payment.currency, locale)}</span>
              </Row>
            ) : null}
            {b.holdExpiresAt ? <Row label={t('booking.holdExpires')}>{formatDateTime(b.holdExpiresAt, locale, zone)}</Row> : null}
          </dl>
        </section>
        <section className="panel" aria-labelledby="sec-pms">
          <h2 id="sec-pms">{t('booking.pms')}</h2>
          <dl>
            <Row label={t('booking.paymentStatus')}>
              <code>{b.pms.status}</code>
            </Row>
            <Row label={t('booking.vendor')}>{b.pms.vendor ?? t('common.none')}</Row>
            <Row label={t('booking.reservation')}>{b.pms.reservationId ?? t('common.none')}</Row>
            <Row label={t('booking.confirmation')}>{b.confirmationNumber ?? b.pms.confirmationNumber ?? t('common.none')}</Row>
            <Row label={t('booking.created')}>{formatDateTime(b.createdAt, locale, zone)}</Row>
            <Row label={t('booking.updated')}>{formatDateTime(b.updatedAt, locale, zone)}</Row>
          </dl>
        </section>
      </div>
      <section className="panel" aria-labelledby="sec-timeline">
        <h2 id="sec-timeline">{t('booking.timeline')}</h2>
        <Timeline booking={b} timeZone={zone} />
      </section>
      <section className="panel" aria-labelledby="sec-changes">
        <h2 id="sec-changes">{t('changes.title')}</h2>
        <ChangesTable booking={b} timeZone={zone} />
      </section>
      <section className="panel" aria-labelledby="sec-actions">
        <h2 id="sec-actions">{t('booking.actions')}</h2>
        <BookingActions booking={b} timeZone={zone} onDone={onAction} />
      </section>
    </>
  );
}
