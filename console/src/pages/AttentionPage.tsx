import { useState } from 'react';
import { useApp } from '../app-context.tsx';
import { BookingActions } from '../bookings/BookingActions.tsx';
import { HeldFromSources } from '../bookings/HeldFromSources.tsx';
import { RoutePanelGate, useRouteStatus } from '../components/capabilities.tsx';
import { DeadLettersPanel } from '../components/DeadLettersPanel.tsx';
import { failedSteps, stillHeld, type HeldItem } from '../bookings/booking-view.ts';
import { Empty, ErrorNotice, Loading, Success } from '../components/feedback.tsx';
import { FindingsPanel } from '../components/FindingsPanel.tsx';
import { formatMoney, formatStay } from '../format/format.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { Link } from '../router/router.tsx';

function Held({ item }: { item: HeldItem }) {
  const { t, locale } = useI18n();
  switch (item.kind) {
    case 'authorization':
      return <>{t('attention.held.authorization', { amount: formatMoney(item.amount, item.currency, locale) })}</>;
    case 'captured':
      return <>{t('attention.held.captured', { amount: formatMoney(item.amount, item.currency, locale) })}</>;
    case 'pmsReservation':
      return <>{t('attention.held.pmsReservation', { id: item.id })}</>;
    case 'pmsHold':
      return <>{t('attention.held.pmsHold')}</>;
  }
}

/** Bookings in NEEDS_ATTENTION: what failed, what may still be held, the two actions, and the saga dead letters. */
export function AttentionPage() {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const list = useAsync((signal) => api.bookings.count({ status: 'NEEDS_ATTENTION' }, 200, signal), []);
  const [notice, setNotice] = useState<string>();
  // A retry or resolve closes the booking's dead letters too: the panel reads them again.
  const [lettersVersion, setLettersVersion] = useState(0);
  const listed = new Set(list.status === 'ok' ? list.data.bookings.map((b) => b.bookingId) : []);
  // Where the API can ask the gateway and the PMS, their answer replaces the record's memory.
  const sources = useRouteStatus('bookingAttention');
  return (
    <>
      <h1>{t('attention.title')}</h1>
      <p>{t('attention.intro')}</p>
      {notice ? <Success>{notice}</Success> : null}
      {list.status === 'loading' ? <Loading /> : null}
      {list.status === 'error' ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {list.status === 'ok' && list.data.bookings.length === 0 ? <Empty>{t('attention.empty')}</Empty> : null}
      {list.status === 'ok' && list.data.bookings.length > 0 ? (
        <ul className="attention-list">
          {list.data.bookings.map((b) => {
            const failed = failedSteps(b.steps)[0];
            const held = stillHeld(b);
            const stepKey = failed ? (`step.${failed.name}` as MessageKey) : undefined;
            return (
              <li key={b.bookingId} id={`attention-${b.bookingId}`} className="panel">
                <h2>
                  <Link to={`/bookings/${encodeURIComponent(b.bookingId)}`}>{b.bookingId}</Link>
                </h2>
                <p className="muted">
                  {b.hotelId} · {b.roomTypeId} · {formatStay(b.checkIn, b.checkOut, locale)} · {formatMoney(b.totalPrice, b.currency, locale)}
                </p>
                <dl>
                  <div className="dl-row">
                    <dt>{t('attention.failedStep')}</dt>
                    <dd>
                      {failed && stepKey ? (
                        <>
                          {t(stepKey) === stepKey ? failed.name : t(stepKey)}
                          {failed.error ? <span className="step-error"> — {failed.error}</span> : null}
                        </>
                      ) : (
                        (b.failureCode ?? t('common.none'))
                      )}
                    </dd>
                  </div>
                  <div className="dl-row">
                    <dt>{sources === 'available' ? t('attention.sources') : t('attention.held')}</dt>
                    <dd>
                      {sources === 'available' ? (
                        <HeldFromSources bookingId={b.bookingId} />
                      ) : held.length === 0 ? (
                        t('attention.held.nothing')
                      ) : (
                        <ul>
                          {held.map((item, i) => (
                            <li key={i}>
                              <Held item={item} />
                            </li>
                          ))}
                        </ul>
                      )}
                    </dd>
                  </div>
                </dl>
                <BookingActions
                  booking={b}
                  timeZone="UTC"
                  onDone={(message) => {
                    setNotice(message);
                    list.reload();
                    setLettersVersion((v) => v + 1);
                  }}
                />
              </li>
            );
          })}
        </ul>
      ) : null}
      <FindingsPanel />
      <RoutePanelGate planned="deadLetters" title={t('attention.deadLetters')}>
        <DeadLettersPanel openInList={listed} reloadKey={lettersVersion} />
      </RoutePanelGate>
    </>
  );
}
