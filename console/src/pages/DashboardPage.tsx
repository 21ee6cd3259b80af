import { useApp } from '../app-context.tsx';
import type { Hotel, HotelDayMeasures, PmsConfig } from '../api/types.ts';
import { useRouteStatus } from '../components/capabilities.tsx';
import { ErrorNotice, Loading, PlannedPanel } from '../components/feedback.tsx';
import { formatDate, formatNumber, formatPercent, todayIn } from '../format/format.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router/router.tsx';

/** Hotels the session may look at: all for an admin, the token's hotels for a manager. */
export function visibleHotels(hotels: Hotel[], hotelIds: string[], role: string): Hotel[] {
  return role === 'hotel_manager' ? hotels.filter((h) => hotelIds.includes(h.hotelId)) : hotels;
}

function PmsHealth({ config }: { config: PmsConfig | undefined }) {
  const { t } = useI18n();
  if (!config) return <span className="muted">{t('dashboard.noPms')}</span>;
  if (config.paused) return <span className="badge badge-needs-attention">{t('dashboard.pmsPaused')}</span>;
  if (config.circuit.state !== 'CLOSED') return <span className="badge badge-failed">{t('dashboard.pmsCircuit', { state: t(`pms.circuit.${config.circuit.state}`) })}</span>;
  if (config.consecutiveFailures > 0) return <span className="badge badge-pending">{t('dashboard.pmsFailing', { count: config.consecutiveFailures })}</span>;
  return <span className="badge badge-confirmed">{t('dashboard.pmsOk')}</span>;
}

/** A rate with the counts it is made of (`40% (2/5)`), or a dash with the reason when there is none yet. */
function Rate({ rate, part, whole, none, testId }: { rate: number | null; part: number; whole: number; none: string; testId: string }) {
  const { t, locale } = useI18n();
  if (rate === null) {
    return (
      <td className="num muted" data-testid={testId} title={none}>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{none}</span>
      </td>
    );
  }
  return (
    <td className="num" data-testid={testId}>
      {t('dashboard.rateOf', { rate: formatPercent(rate, locale), part: formatNumber(part, locale), whole: formatNumber(whole, locale) })}
    </td>
  );
}

/** The measure cells of one hotel's row, from `GET /api/admin/metrics/bookings`. */
function MeasureCells({ measures }: { measures: HotelDayMeasures }) {
  const { t, locale } = useI18n();
  const m = measures;
  const plus = m.complete ? '' : '+';
  const id = m.hotelId;
  return (
    <>
      <td className="num" data-testid={`arrivals-${id}`}>{formatNumber(m.arrivals, locale)}{plus}</td>
      <td className="num" data-testid={`departures-${id}`}>{formatNumber(m.departures, locale)}{plus}</td>
      <td className="num" data-testid={`in-house-${id}`}>{formatNumber(m.inHouse, locale)}{plus}</td>
      <td className="num" data-testid={`made-${id}`} title={t('dashboard.startedTitle', { started: m.checkouts.started, running: m.checkouts.running })}>
        {formatNumber(m.bookingsMade, locale)}{plus}
      </td>
      <Rate rate={m.successRate} part={m.checkouts.confirmed} whole={m.checkouts.confirmed + m.checkouts.failed} none={t('dashboard.noOutcomes')} testId={`success-${id}`} />
      <Rate rate={m.holdExpiryRate} part={m.holds.expired} whole={m.holds.placed} none={t('dashboard.noHolds')} testId={`hold-expiry-${id}`} />
      <td className="num" data-testid={`needs-attention-${id}`}>
        {m.needsAttention > 0 ? <Link to="/attention">{formatNumber(m.needsAttention, locale)}{plus}</Link> : <>{formatNumber(0, locale)}{plus}</>}
      </td>
    </>
  );
}

const MEASURE_COLUMNS = 7;

export function DashboardPage() {
  const { api, session } = useApp();
  const { t, locale } = useI18n();
  const hotels = useAsync((signal) => api.catalog.listAllHotels(signal), []);
  const configs = useAsync((signal) => api.pms.listConfigs(signal), []);
  const attention = useAsync((signal) => api.bookings.count({ status: 'NEEDS_ATTENTION' }, 500, signal), []);
  const measuresRoute = useRouteStatus('bookingMeasures');
  // Each hotel's today, computed by the API (the same for a manager, scoped to their hotels).
  const measures = useAsync(
    async (signal) => (measuresRoute === 'available' ? new Map((await api.bookings.measures({}, signal)).map((m) => [m.hotelId, m])) : undefined),
    [measuresRoute],
  );

  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <div className="cards">
        <section className="card" aria-labelledby="card-attention">
          <h2 id="card-attention">{t('dashboard.attention')}</h2>
          {attention.status === 'loading' ? <Loading /> : null}
          {attention.status === 'error' ? <ErrorNotice error={attention.error} onRetry={attention.reload} /> : null}
          {attention.status === 'ok' ? (
            <>
              <p className="card-number" data-testid="attention-count">
                {attention.data.capped ? t('dashboard.capped', { count: attention.data.count }) : formatNumber(attention.data.count, locale)}
              </p>
              <Link to="/attention">{t('dashboard.viewAttention')}</Link>
            </>
          ) : null}
        </section>
        {/* An API without the measures route: its columns are left out and this says why. */}
        {measuresRoute === 'missing' ? <PlannedPanel title={t('dashboard.measures')} planned="bookingMeasures" /> : null}
      </div>

      {hotels.status === 'loading' ? <Loading /> : null}
      {hotels.status === 'error' ? <ErrorNotice error={hotels.error} onRetry={hotels.reload} /> : null}
      {configs.status === 'error' ? <ErrorNotice error={configs.error} onRetry={configs.reload} /> : null}
      {measures.status === 'error' ? <ErrorNotice error={measures.error} onRetry={measures.reload} /> : null}
      {hotels.status === 'ok' ? (
        <div className="table-wrap">
          <table className="table measures-table">
            <thead>
              <tr>
                <th scope="col">{t('common.hotel')}</th>
                {measuresRoute === 'missing' ? null : (
                  <>
                    <th scope="col">{t('dashboard.arrivals')}</th>
                    <th scope="col">{t('dashboard.departures')}</th>
                    <th scope="col">{t('dashboard.inHouse')}</th>
                    <th scope="col">{t('dashboard.bookingsMade')}</th>
                    <th scope="col">{t('dashboard.successRate')}</th>
                    <th scope="col">{t('dashboard.holdExpiryRate')}</th>
                    <th scope="col">{t('dashboard.needsAttention')}</th>
                  </>
                )}
                <th scope="col">{t('dashboard.pmsHealth')}</th>
              </tr>
            </thead>
            <tbody>
              {visibleHotels(hotels.data, session.hotelIds, session.role).map((hotel) => (
                <tr key={hotel.hotelId}>
                  <th scope="row">
                    <Link to={`/hotels/${encodeURIComponent(hotel.hotelId)}`}>{hotel.name}</Link>
                    <div className="muted small">
                      {t('dashboard.today', { hotel: hotel.city, date: formatDate(measures.data?.get(hotel.hotelId)?.date ?? todayIn(hotel.timeZone), locale) })}
                    </div>
                  </th>
                  {measuresRoute === 'missing' ? null : measures.status === 'ok' && measures.data?.get(hotel.hotelId) ? (
                    <MeasureCells measures={measures.data.get(hotel.hotelId)!} />
                  ) : (
                    <td className="num muted" colSpan={MEASURE_COLUMNS}>
                      {measures.status === 'error' ? <span data-testid="error-code">{(measures.error as { code?: string }).code ?? '!'}</span> : null}
                      {measures.status === 'loading' || (measures.status === 'ok' && !measures.data) ? '…' : null}
                      {/* Measured hotels are the active ones (the first 100 for an admin). */}
                      {measures.status === 'ok' && measures.data ? t('dashboard.notMeasured') : null}
                    </td>
                  )}
                  <td>{configs.status === 'ok' ? <PmsHealth config={configs.data.find((c) => c.hotelId === hotel.hotelId)} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
