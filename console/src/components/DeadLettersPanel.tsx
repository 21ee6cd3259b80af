import { useId, useState } from 'react';
import { useApp } from '../app-context.tsx';
import type { DeadLetter, DeadLetterStatus } from '../api/types.ts';
import { formatDateTime } from '../format/format.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { Link } from '../router/router.tsx';
import { RouteGate } from './capabilities.tsx';
import { NoteDialog } from './NoteDialog.tsx';
import { Empty, ErrorNotice, Loading, Success } from './feedback.tsx';

interface Pages {
  letters: DeadLetter[];
  nextCursor?: string;
}

/**
 * The saga dead-letter queue's letters (`GET /api/admin/dead-letters`), as recorded when each was
 * sent: open ones first (their booking is not resolved yet), then resolved ones, each newest first.
 * A letter is closed by its booking's retry or resolve above, or, when its booking cannot be closed
 * that way (a change saga's letter on a checked-in or refunded booking), on its own with a note;
 * nothing here acts on the queue, which stays the alarm's. `openInList` names the bookings listed above, so a letter links to that entry.
 */
export function DeadLettersPanel({ openInList, reloadKey }: { openInList: ReadonlySet<string>; reloadKey: number }) {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const headingId = useId();
  const [more, setMore] = useState<Partial<Record<DeadLetterStatus, Pages>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [closing, setClosing] = useState<DeadLetter>();
  const [notice, setNotice] = useState<string>();
  const first = useAsync(
    async (signal) => {
      setMore({});
      const [open, resolved] = await Promise.all([api.deadLetters.list({ status: 'open', limit: 20 }, signal), api.deadLetters.list({ status: 'resolved', limit: 20 }, signal)]);
      return { open, resolved };
    },
    [reloadKey],
  );

  const pagesOf = (status: DeadLetterStatus): Pages | undefined => {
    const head = first.data?.[status === 'open' ? 'open' : 'resolved'];
    if (!head) return undefined;
    const extra = more[status];
    return { letters: [...head.letters, ...(extra?.letters ?? [])], ...((extra ? extra.nextCursor : head.nextCursor) ? { nextCursor: (extra ? extra.nextCursor : head.nextCursor)! } : {}) };
  };
  const open = pagesOf('open');
  const resolved = pagesOf('resolved');
  const letters = [...(open?.letters ?? []), ...(resolved?.letters ?? [])];

  async function loadMore(status: DeadLetterStatus, cursor: string) {
    setBusy(true);
    setError(undefined);
    try {
      const page = await api.deadLetters.list({ status, limit: 20, cursor });
      setMore((m) => ({ ...m, [status]: { letters: [...(m[status]?.letters ?? []), ...page.letters], ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const stepName = (step: string) => {
    const key = `step.${step}` as MessageKey;
    return t(key) === key ? step : t(key);
  };

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="dead-letters">
      <h2 id={headingId}>{t('attention.deadLetters')}</h2>
      <p className="muted">{t('deadLetters.intro')}</p>
      {error ? <ErrorNotice error={error} /> : null}
      {notice ? <Success>{notice}</Success> : null}
      {first.status === 'loading' ? <Loading /> : null}
      {first.status === 'error' ? <ErrorNotice error={first.error} onRetry={first.reload} /> : null}
      {first.status === 'ok' && letters.length === 0 ? <Empty>{t('deadLetters.empty')}</Empty> : null}
      {letters.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('attention.deadLetters')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('deadLetters.col.booking')}</th>
                <th scope="col">{t('deadLetters.col.hotel')}</th>
                <th scope="col">{t('deadLetters.col.at')}</th>
                <th scope="col">{t('deadLetters.col.failed')}</th>
                <th scope="col">{t('deadLetters.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {letters.map((l) => (
                <tr key={`${l.bookingId}/${l.letterId}`} data-testid="dead-letter" data-booking={l.bookingId} data-status={l.status}>
                  <td>
                    <Link to={`/bookings/${encodeURIComponent(l.bookingId)}`}>{l.bookingId}</Link>
                    {l.status === 'open' && openInList.has(l.bookingId) ? (
                      <div className="small">
                        <a href={`#attention-${encodeURIComponent(l.bookingId)}`}>{t('deadLetters.toEntry')}</a>
                      </div>
                    ) : null}
                    <div className="muted small">{t(`deadLetters.kind.${l.kind}`)}</div>
                  </td>
                  <td>{l.hotelId ? <code>{l.hotelId}</code> : t('common.none')}</td>
                  <td>
                    <time dateTime={l.at}>{formatDateTime(l.at, locale, 'UTC')}</time>
                  </td>
                  <td>
                    {l.failures.length > 0 ? (
                      <ul className="plain-list">
                        {l.failures.map((f, i) => (
                          <li key={i}>
                            {stepName(f.step)}
                            {f.error ? <span className="step-error"> — {f.error}</span> : null}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    <div className="muted small">{l.reason}</div>
                  </td>
                  <td>
                    {l.status === 'open' ? (
                      <>
                        <strong>{t('deadLetters.status.open')}</strong>
                        <div>
                          <RouteGate planned="deadLetterResolve" label={t('deadLetters.close')}>
                            <button type="button" className="button" aria-label={t('deadLetters.closeLabel', { bookingId: l.bookingId })} onClick={() => setClosing(l)}>
                              {t('deadLetters.close')}
                            </button>
                          </RouteGate>
                        </div>
                      </>
                    ) : (
                      <>
                        {t('deadLetters.status.resolved')}
                        {l.resolution ? (
                          <div className="muted small">
                            {l.resolution.via === 'letter'
                              ? t('deadLetters.via.letter', { at: formatDateTime(l.resolution.at, locale, 'UTC'), note: l.resolution.note ?? '' })
                              : t(l.resolution.via === 'resolve' ? 'deadLetters.via.resolve' : 'deadLetters.via.retry', { at: formatDateTime(l.resolution.at, locale, 'UTC') })}
                          </div>
                        ) : null}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {open?.nextCursor ? (
        <button type="button" className="button" onClick={() => void loadMore('open', open.nextCursor!)} disabled={busy}>
          {t('deadLetters.moreOpen')}
        </button>
      ) : null}
      {resolved?.nextCursor ? (
        <button type="button" className="button" onClick={() => void loadMore('resolved', resolved.nextCursor!)} disabled={busy}>
          {t('deadLetters.moreResolved')}
        </button>
      ) : null}
      {closing ? (
        <NoteDialog
          title={t('deadLetters.closeTitle')}
          confirmLabel={t('deadLetters.close')}
          consequence={t('deadLetters.closeConsequence', { bookingId: closing.bookingId })}
          submit={(note) => api.deadLetters.resolve(closing, note)}
          onClose={() => setClosing(undefined)}
          onDone={() => {
            setNotice(t('deadLetters.closed', { bookingId: closing.bookingId }));
            setClosing(undefined);
            first.reload();
          }}
        />
      ) : null}
    </section>
  );
}
