import { useId, useState } from 'react';
import { useApp } from '../app-context.tsx';
import type { WebhookEvent } from '../api/types.ts';
import { formatDateTime } from '../format/format.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { RouteGate } from './capabilities.tsx';
import { Empty, ErrorNotice, Loading, Success } from './feedback.tsx';

/**
 * PMS webhook events that failed (`GET /api/admin/pms/webhook-events`), newest failure first, with
 * the reason in our words and whether the queue already retried it. Retry sends one back to the
 * processor once its mapping is fixed; the API makes it idempotent, so it needs no confirmation.
 */
export function WebhookEventsPanel() {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const headingId = useId();
  const [extra, setExtra] = useState<{ events: WebhookEvent[]; nextCursor?: string }>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const first = useAsync(async (signal) => {
    setExtra(undefined);
    return api.pms.webhookEvents({ limit: 20 }, signal);
  }, []);
  const events = [...(first.data?.events ?? []), ...(extra?.events ?? [])];
  const nextCursor = extra ? extra.nextCursor : first.data?.nextCursor;

  async function run(key: string, work: () => Promise<string>) {
    setBusy(key);
    setError(undefined);
    setNotice(undefined);
    try {
      setNotice(await work());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  }

  const retry = (e: WebhookEvent) =>
    run(`${e.vendor}/${e.eventId}`, async () => {
      const result = await api.pms.retryWebhookEvent(e.vendor, e.eventId);
      first.reload();
      return result.requeued ? t('webhooks.requeued', { id: e.eventId }) : t('webhooks.notRequeued', { id: e.eventId, status: result.event.status });
    });

  const loadMore = () =>
    run('more', async () => {
      const page = await api.pms.webhookEvents({ limit: 20, ...(nextCursor ? { cursor: nextCursor } : {}) });
      setExtra({ events: [...(extra?.events ?? []), ...page.events], ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
      return '';
    });

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="webhook-events">
      <h2 id={headingId}>{t('pms.webhookEvents')}</h2>
      <p className="muted">{t('webhooks.intro')}</p>
      {notice ? <Success>{notice}</Success> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {first.status === 'loading' ? <Loading /> : null}
      {first.status === 'error' ? <ErrorNotice error={first.error} onRetry={first.reload} /> : null}
      {first.status === 'ok' && events.length === 0 ? <Empty>{t('webhooks.empty')}</Empty> : null}
      {events.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('pms.webhookEvents')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('webhooks.col.received')}</th>
                <th scope="col">{t('pms.vendor')}</th>
                <th scope="col">{t('webhooks.col.event')}</th>
                <th scope="col">{t('webhooks.col.reason')}</th>
                <th scope="col">{t('webhooks.col.attempts')}</th>
                <th scope="col">{t('booking.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={`${e.vendor}/${e.eventId}`}>
                  <td>
                    <time dateTime={e.receivedAt}>{formatDateTime(e.receivedAt, locale, 'UTC')}</time>
                  </td>
                  <td>
                    {e.vendor} <code>{e.pmsHotelId}</code>
                  </td>
                  <td>
                    {e.eventType} <code className="muted">{e.eventId}</code>
                    {e.roomTypeId ? <div className="muted small">{e.roomTypeId}</div> : null}
                  </td>
                  <td>
                    <span className="step-error">{e.error ?? t('common.none')}</span>
                    <div className="muted small">{e.retryable === false ? t('webhooks.needsFix') : e.retryable ? t('webhooks.transient') : ''}</div>
                  </td>
                  <td>{e.attempts}</td>
                  <td>
                    <RouteGate planned="webhookRetry" label={t('webhooks.retry')}>
                      <button type="button" className="button" disabled={busy !== undefined} onClick={() => void retry(e)} aria-label={t('webhooks.retryOne', { id: e.eventId })}>
                        {busy === `${e.vendor}/${e.eventId}` ? t('common.loading') : t('webhooks.retry')}
                      </button>
                    </RouteGate>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {nextCursor ? (
        <button type="button" className="button" onClick={() => void loadMore()} disabled={busy !== undefined}>
          {t('findings.more')}
        </button>
      ) : null}
    </section>
  );
}
