import { useId, useState, type ReactNode } from 'react';
import { useApp } from '../app-context.tsx';
import type { ActionResult } from '../api/bookings.ts';
import type { AdminBooking, BookingAttention, CancellationOutcome, CancellationQuoteData, Room } from '../api/types.ts';
import { daysBetween } from '../calendar/ranges.ts';
import { RouteGate, useRouteStatus } from '../components/capabilities.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorNotice, Loading } from '../components/feedback.tsx';
import { formatDateTime, formatMoney } from '../format/format.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { canAssignRoom, lifecycleActions, type LifecycleAction } from './booking-view.ts';

/**
 * The actions on one booking, each behind a confirmation that states its consequence: the hotel's
 * lifecycle actions (cancel with the refund from the cancellation quote, refund, check-in,
 * check-out, no-show), room assignment, and for a NEEDS_ATTENTION booking retry and resolve. After
 * an action the page reads the booking again and `onDone` says what the API answered.
 */
type Dialog = LifecycleAction | 'assignRoom' | 'retry' | 'resolve';

const LABELS: Record<Dialog, MessageKey> = {
  checkIn: 'booking.action.checkIn',
  checkOut: 'booking.action.checkOut',
  cancel: 'booking.action.cancel',
  noShow: 'booking.action.noShow',
  refund: 'booking.action.refund',
  assignRoom: 'booking.action.assignRoom',
  retry: 'attention.retry',
  resolve: 'attention.resolve',
};

export function BookingActions({ booking, timeZone, onDone }: { booking: AdminBooking; timeZone: string; onDone(message: string): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<Dialog>();
  const actions = lifecycleActions(booking.status);
  const assignable = canAssignRoom(booking.status);
  const attention = booking.status === 'NEEDS_ATTENTION';
  const button = (dialog: Dialog, primary = false) => (
    <button type="button" className={`button${primary ? ' button-primary' : ''}`} onClick={() => setOpen(dialog)} data-testid={`action-${dialog}`}>
      {t(LABELS[dialog])}
    </button>
  );
  return (
    <>
      {actions.length === 0 && !assignable && !attention ? <p className="muted">{t('booking.noActions', { status: t(`status.${booking.status}`) })}</p> : null}
      <div className="actions">
        {actions.map((action) => (
          <span key={action}>{button(action, action === 'checkIn' || action === 'checkOut')}</span>
        ))}
        {assignable ? (
          <RouteGate planned="bookingAssignRoom" label={t('booking.action.assignRoom')}>
            {button('assignRoom')}
          </RouteGate>
        ) : null}
        {attention ? (
          <>
            <RouteGate planned="retryCompensation" label={t('attention.retry')}>
              {button('retry', true)}
            </RouteGate>
            <RouteGate planned="resolveBooking" label={t('attention.resolve')}>
              {button('resolve')}
            </RouteGate>
          </>
        ) : null}
      </div>
      {open ? (
        <ActionDialog
          key={open}
          dialog={open}
          booking={booking}
          timeZone={timeZone}
          onClose={() => setOpen(undefined)}
          onDone={(message) => {
            setOpen(undefined);
            onDone(message);
          }}
        />
      ) : null}
    </>
  );
}

function ActionDialog({ dialog, booking: b, timeZone, onClose, onDone }: { dialog: Dialog; booking: AdminBooking; timeZone: string; onClose(): void; onDone(message: string): void }) {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [note, setNote] = useState('');
  const [rooms, setRooms] = useState<string[]>([]);
  const noteId = useId();
  const money = (amount: number, currency = b.currency) => formatMoney(amount, currency, locale);
  const stepName = (name: string) => {
    const key = `step.${name}` as MessageKey;
    return t(key) === key ? name : t(key);
  };
  const canAskSources = useRouteStatus('bookingAttention') === 'available';
  const nights = daysBetween(b.checkIn, b.checkOut);

  // The cancellation quote is read when the cancel dialog opens: its refund is what the dialog states.
  const quote = useAsync<CancellationQuoteData | undefined>((signal) => (dialog === 'cancel' ? api.bookings.cancellationQuote(b.bookingId, signal) : Promise.resolve(undefined)), [dialog, b.bookingId]);
  // What a retry will re-run, asked of the sources of truth when the API can tell.
  const attention = useAsync<BookingAttention | undefined>(
    (signal) => (dialog === 'retry' && canAskSources ? api.bookings.attention(b.bookingId, signal) : Promise.resolve(undefined)),
    [dialog, b.bookingId, canAskSources],
  );
  const roomList = useAsync<Room[]>((signal) => (dialog === 'assignRoom' ? api.rooms.list(b.hotelId, b.roomTypeId, signal) : Promise.resolve([])), [dialog, b.hotelId, b.roomTypeId]);

  const settled = (result: ActionResult<CancellationOutcome>, doneKey: MessageKey) =>
    result.outcome === 'running'
      ? t('booking.result.running')
      : t(doneKey, { refund: money(result.data.refundAmount, result.data.currency), fee: money(result.data.feeAmount, result.data.currency), status: t(`status.${result.data.status as AdminBooking['status']}`) });

  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      switch (dialog) {
        case 'cancel':
          return onDone(settled(await api.bookings.cancel(b.bookingId), 'booking.result.cancelled'));
        case 'refund':
          return onDone(settled(await api.bookings.refund(b.bookingId), 'booking.result.refunded'));
        case 'noShow':
          return onDone(settled(await api.bookings.noShow(b.bookingId), 'booking.result.noShow'));
        case 'checkIn':
          await api.bookings.checkIn(b.bookingId);
          return onDone(t('booking.result.checkedIn'));
        case 'checkOut':
          await api.bookings.checkOut(b.bookingId);
          return onDone(t('booking.result.checkedOut'));
        case 'assignRoom':
          await api.rooms.assign(b.bookingId, rooms);
          return onDone(t('booking.result.roomAssigned'));
        case 'retry': {
          const result = await api.bookings.retryCompensation(b.bookingId);
          const failed = result.ran.filter((r) => r.status === 'FAILED').map((r) => `${stepName(r.name)}${r.error ? ` (${r.error})` : ''}`);
          return onDone(
            result.outcome === 'RESOLVED'
              ? t('attention.retryResolved', { ran: result.ran.map((r) => stepName(r.name)).join(', ') || t('common.none') })
              : result.outcome === 'ALREADY_RESOLVED'
                ? t('attention.alreadyResolved')
                : t('attention.stillFailing', { failed: failed.join('; ') }),
          );
        }
        case 'resolve': {
          const result = await api.bookings.resolve(b.bookingId, note.trim());
          return onDone(result.outcome === 'RESOLVED' ? t('attention.resolved') : t('attention.alreadyResolved'));
        }
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  let body: ReactNode;
  let ready = true;
  switch (dialog) {
    case 'cancel': {
      const q = quote.data;
      ready = quote.status === 'ok';
      body = (
        <>
          <p>{t('booking.confirm.cancel', { nights, vendor: b.pms.vendor ?? t('booking.confirm.noPms') })}</p>
          {quote.status === 'loading' ? <Loading label={t('booking.quote.loading')} /> : null}
          {quote.status === 'error' ? <ErrorNotice error={quote.error} onRetry={quote.reload} /> : null}
          {q ? (
            <dl data-testid="cancel-quote">
              <div className="dl-row">
                <dt>{t('booking.quote.refund')}</dt>
                <dd>
                  <strong data-testid="quote-refund">{money(q.refundAmount + q.feeAmount, q.currency)}</strong>
                </dd>
              </div>
              <div className="dl-row">
                <dt>{t('booking.quote.terms')}</dt>
                <dd>
                  {t('booking.quote.termsValue', { refund: money(q.refundAmount, q.currency), fee: money(q.feeAmount, q.currency) })}
                  {q.freeUntil ? ` ${t('booking.quote.freeUntil', { when: formatDateTime(q.freeUntil, locale, timeZone) })}` : ''}
                </dd>
              </div>
            </dl>
          ) : null}
          <p className="hint">{t('booking.confirm.cancelWaives')}</p>
        </>
      );
      break;
    }
    case 'refund':
      body = <p>{t('booking.confirm.refund', { paid: money(b.payment.amount, b.payment.currency), refunded: money(b.payment.refundedAmount ?? 0, b.payment.currency) })}</p>;
      break;
    case 'noShow':
      body = <p>{t('booking.confirm.noShow', { nights })}</p>;
      break;
    case 'checkIn':
      body = <p>{t('booking.confirm.checkIn', { name: `${b.guestInfo.firstName} ${b.guestInfo.lastName}` })}</p>;
      break;
    case 'checkOut':
      body = <p>{t('booking.confirm.checkOut', { name: `${b.guestInfo.firstName} ${b.guestInfo.lastName}` })}</p>;
      break;
    case 'assignRoom': {
      ready = rooms.length === b.rooms;
      body = (
        <>
          <p>{t('booking.confirm.assignRoom', { count: b.rooms })}</p>
          {roomList.status === 'loading' ? <Loading /> : null}
          {roomList.status === 'error' ? <ErrorNotice error={roomList.error} onRetry={roomList.reload} /> : null}
          {roomList.status === 'ok' && roomList.data.length === 0 ? <p className="empty">{t('booking.rooms.none')}</p> : null}
          {roomList.status === 'ok' && roomList.data.length > 0 ? (
            <fieldset>
              <legend>{t('booking.rooms.pick', { count: b.rooms })}</legend>
              {roomList.data.map((room) => (
                <label key={room.roomId} className="check">
                  <input
                    type={b.rooms === 1 ? 'radio' : 'checkbox'}
                    name="room"
                    checked={rooms.includes(room.roomId)}
                    onChange={(e) => setRooms((now) => (b.rooms === 1 ? [room.roomId] : e.target.checked ? [...now, room.roomId] : now.filter((id) => id !== room.roomId)))}
                  />
                  <span>
                    {t('booking.rooms.option', { number: room.number, floor: room.floor })} {room.status !== 'available' ? <code>{room.status}</code> : null}
                  </span>
                </label>
              ))}
            </fieldset>
          ) : null}
        </>
      );
      break;
    }
    case 'retry':
      body = (
        <>
          <p>{t('attention.confirmRetry')}</p>
          {attention.status === 'loading' && canAskSources ? <Loading /> : null}
          {attention.status === 'error' ? <ErrorNotice error={attention.error} onRetry={attention.reload} /> : null}
          {attention.data ? (
            <p data-testid="retry-unsettled">
              {attention.data.unsettled.length === 0 ? t('attention.nothingUnsettled') : t('attention.willRerun', { steps: attention.data.unsettled.map(stepName).join(', ') })}
            </p>
          ) : null}
        </>
      );
      break;
    case 'resolve':
      ready = note.trim().length > 0;
      body = (
        <>
          <p>{t('attention.confirmResolve')}</p>
          <label htmlFor={noteId}>{t('attention.note')}</label>
          <textarea id={noteId} required maxLength={1000} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        </>
      );
      break;
  }

  return (
    <ConfirmDialog open title={t(LABELS[dialog])} confirmLabel={t(LABELS[dialog])} cancelLabel={t('common.back')} busy={busy} confirmDisabled={!ready} onConfirm={() => void confirm()} onCancel={onClose}>
      {body}
      {error ? <ErrorNotice error={error} /> : null}
    </ConfirmDialog>
  );
}
