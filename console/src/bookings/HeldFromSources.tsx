import { useApp } from '../app-context.tsx';
import { ErrorNotice, Loading } from '../components/feedback.tsx';
import { formatMoney } from '../format/format.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * What a NEEDS_ATTENTION booking still holds as the payment gateway, the PMS and its hold tell it
 * now (`GET /api/admin/bookings/{id}/attention`), not as the booking record remembers it. A source
 * that cannot be asked says why; the others still show.
 */
export function HeldFromSources({ bookingId }: { bookingId: string }) {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const data = useAsync((signal) => api.bookings.attention(bookingId, signal), [bookingId]);
  if (data.status === 'loading') return <Loading />;
  if (data.status === 'error') return <ErrorNotice error={data.error} onRetry={data.reload} />;
  const { payments, pmsReservations, rooms } = data.data.held;
  const lines: string[] = [];
  if (payments.reachable) {
    for (const p of payments.items) {
      lines.push(
        t('attention.payment', {
          id: p.paymentId,
          status: p.status,
          amount: formatMoney(p.amount, p.currency, locale),
          captured: formatMoney(p.captured, p.currency, locale),
          refunded: formatMoney(p.refunded, p.currency, locale),
        }),
      );
    }
  } else lines.push(t('attention.sourceDown', { error: payments.error }));
  if (pmsReservations.reachable) {
    for (const r of pmsReservations.items) lines.push(t('attention.reservation', { id: r.reservationId, confirmation: r.confirmationNumber, status: r.status }));
  } else lines.push(t('attention.sourceDown', { error: pmsReservations.error }));
  if (rooms) lines.push(t('attention.rooms', { rooms: rooms.rooms, status: rooms.status, nights: rooms.nights.length }));
  return (
    <ul data-testid={`held-${bookingId}`}>
      {lines.length === 0 ? <li>{t('attention.held.nothing')}</li> : lines.map((line, i) => <li key={i}>{line}</li>)}
    </ul>
  );
}
