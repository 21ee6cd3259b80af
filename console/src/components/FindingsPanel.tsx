import { useId, useState } from 'react';
import { useApp } from '../app-context.tsx';
import type { Finding } from '../api/types.ts';
import { formatDate, formatDateTime } from '../format/format.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { Link } from '../router/router.tsx';
import { NoteDialog } from './NoteDialog.tsx';
import { Empty, ErrorNotice, Loading, Success } from './feedback.tsx';

/**
 * Reconciliation findings (`GET /api/admin/reconciliation`): what our records and the PMSs disagree
 * on, newest first, open or resolved, with "load more" over the API's cursor. An open finding can
 * be closed with a required note saying what was done (`POST .../{findingId}/resolve`); a finding
 * found again by a later run opens again, so closing one is safe.
 */
export function FindingsPanel({ hotelId }: { hotelId?: string }) {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const headingId = useId();
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const [more, setMore] = useState<{ findings: Finding[]; nextCursor?: string }>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();
  const [resolving, setResolving] = useState<Finding>();
  const [notice, setNotice] = useState<string>();
  const first = useAsync(
    async (signal) => {
      setMore(undefined);
      return api.inventory.findings({ status, ...(hotelId ? { hotelId } : {}), limit: 20 }, signal);
    },
    [status, hotelId],
  );
  const findings = [...(first.data?.findings ?? []), ...(more?.findings ?? [])];
  const nextCursor = more ? more.nextCursor : first.data?.nextCursor;

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await api.inventory.findings({ status, ...(hotelId ? { hotelId } : {}), limit: 20, cursor: nextCursor });
      setMore({ findings: [...(more?.findings ?? []), ...page.findings], ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="findings">
      <div className="panel-head">
        <h2 id={headingId}>{t('findings.title')}</h2>
        <label>
          <span>{t('common.status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'resolved')} data-testid="findings-status">
            <option value="open">{t('findings.status.open')}</option>
            <option value="resolved">{t('findings.status.resolved')}</option>
          </select>
        </label>
      </div>
      <p className="muted">{t('findings.intro')}</p>
      {notice ? <Success>{notice}</Success> : null}
      {first.status === 'loading' ? <Loading /> : null}
      {first.status === 'error' ? <ErrorNotice error={first.error} onRetry={first.reload} /> : null}
      {first.status === 'ok' && findings.length === 0 ? <Empty>{status === 'open' ? t('findings.emptyOpen') : t('findings.emptyResolved')}</Empty> : null}
      {findings.length > 0 ? (
        <ul className="finding-list">
          {findings.map((f) => {
            const typeKey = `finding.type.${f.type}` as MessageKey;
            return (
              <li key={f.findingId} className="finding" data-testid={`finding-${f.findingId}`}>
                <p className="finding-title">
                  <strong>{t(typeKey) === typeKey ? f.type : t(typeKey)}</strong> <code className="muted">{f.findingId}</code>
                </p>
                <p>{f.detail}</p>
                <dl className="dl-grid">
                  <div className="dl-row">
                    <dt>{t('common.hotel')}</dt>
                    <dd>
                      <Link to={`/hotels/${encodeURIComponent(f.hotelId)}`}>{f.hotelId}</Link>
                    </dd>
                  </div>
                  {f.bookingId ? (
                    <div className="dl-row">
                      <dt>{t('findings.booking')}</dt>
                      <dd>
                        <Link to={`/bookings/${encodeURIComponent(f.bookingId)}`}>{f.bookingId}</Link>
                      </dd>
                    </div>
                  ) : null}
                  {f.pmsReservationId ? (
                    <div className="dl-row">
                      <dt>{t('booking.reservation')}</dt>
                      <dd>
                        <code>{f.pmsReservationId}</code>
                      </dd>
                    </div>
                  ) : null}
                  {f.roomTypeId || f.date ? (
                    <div className="dl-row">
                      <dt>{t('findings.night')}</dt>
                      <dd>
                        {f.roomTypeId ?? ''} {f.date ? formatDate(f.date, locale) : ''}
                      </dd>
                    </div>
                  ) : null}
                  {f.action ? (
                    <div className="dl-row">
                      <dt>{t('findings.action')}</dt>
                      <dd>{f.action}</dd>
                    </div>
                  ) : null}
                  <div className="dl-row">
                    <dt>{t('findings.seen')}</dt>
                    <dd>
                      {formatDateTime(f.firstSeenAt, locale, 'UTC')} → {formatDateTime(f.lastSeenAt, locale, 'UTC')} · <code>{f.source}</code>
                    </dd>
                  </div>
                  {f.resolvedAt ? (
                    <div className="dl-row">
                      <dt>{t('findings.resolvedAt')}</dt>
                      <dd>
                        {formatDateTime(f.resolvedAt, locale, 'UTC')}
                        {f.resolution ? ` — ${f.resolution}` : ''}
                      </dd>
                    </div>
                  ) : null}
                </dl>
                {f.status === 'open' ? (
                  <button type="button" className="button" onClick={() => setResolving(f)}>
                    {t('findings.resolve')}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {moreError ? <ErrorNotice error={moreError} /> : null}
      {nextCursor ? (
        <button type="button" className="button" onClick={() => void loadMore()} disabled={loadingMore}>
          {loadingMore ? t('common.loading') : t('findings.more')}
        </button>
      ) : null}
      {resolving ? (
        <NoteDialog
          title={t('findings.resolve')}
          confirmLabel={t('findings.resolve')}
          consequence={t('findings.confirmResolve', { id: resolving.findingId })}
          submit={(note) => api.inventory.resolveFinding(resolving.findingId, note)}
          onClose={() => setResolving(undefined)}
          onDone={() => {
            setResolving(undefined);
            setNotice(t('findings.resolved', { id: resolving.findingId }));
            first.reload();
          }}
        />
      ) : null}
    </section>
  );
}
