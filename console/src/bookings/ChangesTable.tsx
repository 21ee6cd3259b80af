import type { AdminBooking } from '../api/types.ts';
import { formatDateTime, formatMoney } from '../format/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The booking's lifecycle changes (cancellations, modifications, no-shows, refunds) and how each
 * ended, newest first: where a 202 "still running" action shows its outcome once it settles.
 */
export function ChangesTable({ booking: b, timeZone }: { booking: AdminBooking; timeZone: string }) {
  const { t, locale } = useI18n();
  const changes = [...(b.changes ?? [])].sort((x, y) => y.startedAt.localeCompare(x.startedAt));
  if (changes.length === 0) return <p className="empty">{t('changes.empty')}</p>;
  const money = (amount: number | undefined) => (amount ? formatMoney(amount, b.currency, locale) : t('common.none'));
  return (
    <div className="table-wrap">
      <table className="table" data-testid="changes">
        <caption className="visually-hidden">{t('changes.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('changes.col.started')}</th>
            <th scope="col">{t('changes.col.kind')}</th>
            <th scope="col">{t('changes.col.outcome')}</th>
            <th scope="col" className="num">
              {t('changes.col.refunded')}
            </th>
            <th scope="col" className="num">
              {t('changes.col.fee')}
            </th>
            <th scope="col" className="num">
              {t('changes.col.charged')}
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.changeId}>
              <td>
                <time dateTime={c.startedAt}>{formatDateTime(c.startedAt, locale, timeZone)}</time>
              </td>
              <td>
                {t(`changes.kind.${c.kind}`)} · {t(`changes.by.${c.by}`)}
              </td>
              <td>
                {t(`changes.outcome.${c.outcome}`)}
                {c.failureCode ? (
                  <>
                    {' '}
                    <code>{c.failureCode}</code>
                  </>
                ) : null}
              </td>
              <td className="num">{money(c.refundedAmount)}</td>
              <td className="num">{money(c.feeAmount)}</td>
              <td className="num">{money(c.chargedAmount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
