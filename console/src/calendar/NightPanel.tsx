import { useEffect, useId, useRef } from 'react';
import { useApp } from '../app-context.tsx';
import type { InventoryNight, Movement, RoomType } from '../api/types.ts';
import { Empty, ErrorNotice, Loading } from '../components/feedback.tsx';
import { formatDate, formatDateTime } from '../format/format.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { Link } from '../router/router.tsx';
import { restrictionTags } from './ranges.ts';
import { NightEditForm } from './NightEditForm.tsx';
import { RouteGate } from '../components/capabilities.tsx';

/** How a movement changed the counters: a relative delta, or before -> after for an absolute one. */
function countsChange(m: Movement): string {
  if (m.delta) {
    return Object.entries(m.delta)
      .map(([k, v]) => `${k} ${v !== undefined && v > 0 ? '+' : ''}${v}`)
      .join(', ');
  }
  const keys = new Set([...Object.keys(m.before ?? {}), ...Object.keys(m.after ?? {})]) as Set<keyof NonNullable<Movement['after']>>;
  return [...keys].map((k) => `${k} ${m.before?.[k] ?? '—'} → ${m.after?.[k] ?? '—'}`).join(', ');
}

/**
 * One night of one room type, opened from a calendar cell: its counters, its restrictions and where
 * each comes from, and its movement ledger newest first (every hold, release, PMS report, policy
 * change and admin edit, with the reason and what it refers to).
 */
export function NightPanel({
  hotelId,
  timeZone,
  roomType,
  night,
  pmsManaged,
  onClose,
  onEdited,
}: {
  hotelId: string;
  timeZone: string;
  roomType: RoomType;
  night: InventoryNight;
  pmsManaged: boolean;
  onClose(): void;
  onEdited(night: InventoryNight): void;
}) {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const movements = useAsync((signal) => api.inventory.movements(hotelId, roomType.roomTypeId, night.date, 100, signal), [hotelId, roomType.roomTypeId, night.date]);
  useEffect(() => headingRef.current?.focus(), [roomType.roomTypeId, night.date]);
  const tags = restrictionTags(night);
  return (
    <section className="panel night-panel" aria-labelledby={headingId} data-testid="night-panel">
      <div className="panel-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {t('night.title', { roomType: roomType.name, date: formatDate(night.date, locale, 'full') })}
        </h2>
        <button type="button" className="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <dl className="dl-grid">
        <div className="dl-row">
          <dt>{t('night.available')}</dt>
          <dd>
            {night.available} / {night.total}
          </dd>
        </div>
        <div className="dl-row">
          <dt>{t('night.sellLimit')}</dt>
          <dd>{night.sellLimit}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('night.reserved')}</dt>
          <dd>{night.reserved}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('night.soldElsewhere')}</dt>
          <dd>{night.soldElsewhere}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('night.state')}</dt>
          <dd>
            {night.overbooked ? <span className="badge badge-needs-attention">{t('calendar.overbooked')}</span> : t('night.notOverbooked')}
            {night.stale ? <> · {t('calendar.stale')}</> : null}
          </dd>
        </div>
        <div className="dl-row">
          <dt>{t('night.synced')}</dt>
          <dd>{night.syncedAt ? formatDateTime(night.syncedAt, locale, timeZone) : t('common.never')}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('calendar.restrictions')}</dt>
          <dd data-testid="night-restrictions">
            {tags.length === 0
              ? t('night.noRestrictions')
              : tags.map((tag) => `${t(`restriction.${tag.key}` as MessageKey, { value: tag.value ?? '' })}${tag.source ? ` (${t(`restriction.source.${tag.source}`)})` : ''}`).join(' · ')}
          </dd>
        </div>
      </dl>
      <RouteGate planned="nightEdit" label={t('nightEdit.title')}>
        <NightEditForm
          key={`${night.date}-${night.updatedAt}`}
          hotelId={hotelId}
          roomTypeId={roomType.roomTypeId}
          roomTypeName={roomType.name}
          night={night}
          pmsManaged={pmsManaged}
          onSaved={(edited) => {
            onEdited(edited);
            movements.reload();
          }}
        />
      </RouteGate>
      <h3>{t('night.movements')}</h3>
      <p className="muted small">{t('booking.timesIn', { zone: timeZone })}</p>
      {movements.status === 'loading' ? <Loading /> : null}
      {movements.status === 'error' ? <ErrorNotice error={movements.error} onRetry={movements.reload} /> : null}
      {movements.status === 'ok' && movements.data.length === 0 ? <Empty>{t('night.noMovements')}</Empty> : null}
      {movements.status === 'ok' && movements.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="movements">
            <caption className="visually-hidden">{t('night.movements')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('night.col.at')}</th>
                <th scope="col">{t('night.col.kind')}</th>
                <th scope="col">{t('night.col.change')}</th>
                <th scope="col">{t('night.col.reason')}</th>
                <th scope="col">{t('night.col.ref')}</th>
              </tr>
            </thead>
            <tbody>
              {movements.data.map((m, i) => (
                <tr key={`${m.at}-${i}`}>
                  <td>
                    <time dateTime={m.at}>{formatDateTime(m.at, locale, timeZone)}</time>
                  </td>
                  <td>{t(`movement.${m.kind}`)}</td>
                  <td>
                    <code>{countsChange(m)}</code>
                  </td>
                  <td>{m.reason}</td>
                  <td>
                    {m.ref.type === 'booking' ? (
                      <Link to={`/bookings/${encodeURIComponent(m.ref.id)}`}>
                        <code>{m.ref.id}</code>
                      </Link>
                    ) : (
                      <code>
                        {m.ref.type}:{m.ref.id}
                      </code>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
