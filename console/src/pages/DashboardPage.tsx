import { useApp } from '../app-context.tsx';
import type { Hotel, PmsConfig } from '../api/types.ts';
import { stayCounts } from '../bookings/booking-view.ts';
import { addDays } from '../calendar/ranges.ts';
import { ErrorNotice, Loading, PlannedPanel } from '../components/feedback.tsx';
import { formatDate, formatNumber, todayIn } from '../format/format.ts';
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

function Arrivals({ hotel }: { hotel: Hotel }) {
  const { api } = useApp();
  const { locale } = useI18n();
  const today = todayIn(hotel.timeZone);
  const arrivals = useAsync((signal) => api.bookings.count({ hotelId: hotel.hotelId, status: 'CONFIRMED', from: today, to: today }, 500, signal), [hotel.hotelId, today]);
  if (arrivals.status === 'loading') return <span className="muted">…</span>;
  if (arrivals.status === 'error') return <span className="muted" title={(arrivals.error as Error).message}>{(arrivals.error as { code?: string }).code ?? '!'}</span>;
  return <>{formatNumber(arrivals.data.count, locale)}{arrivals.data.capped ? '+' : ''}</>;
}

/** The longest stay the API sells (`MAX_NIGHTS`): a stay ending today began at most this long ago. */
const MAX_NIGHTS = 30;

/**
 * In house and departures today: every checked-in stay (in house; departing if it ends today) and
 * the checked-out stays that began within the longest stay (departed today if they ended today).
 */
function Stays({ hotel }: { hotel: Hotel }) {
  const { api } = useApp();
  const { locale } = useI18n();
  const today = todayIn(hotel.timeZone);
  const stays = useAsync(
    async (signal) => {
      const [inHouse, out] = await Promise.all([
        api.bookings.count({ hotelId: hotel.hotelId, status: 'CHECKED_IN' }, 500, signal),
        api.bookings.count({ hotelId: hotel.hotelId, status: 'CHECKED_OUT', from: addDays(today, -MAX_NIGHTS), to: today }, 500, signal),
      ]);
      return { ...stayCounts([...inHouse.bookings, ...out.bookings], today), capped: inHouse.capped || out.capped };
    },
    [hotel.hotelId, today],
  );
  if (stays.status === 'loading') {
    return (
      <>
        <td className="num muted">…</td>
        <td className="num muted">…</td>
      </>
    );
  }
  if (stays.status === 'error') {
    const code = (stays.error as { code?: string }).code ?? '!';
    return (
      <>
        <td className="num muted" title={(stays.error as Error).message}>{code}</td>
        <td className="num muted" title={(stays.error as Error).message}>{code}</td>
      </>
    );
  }
  const plus = stays.data.capped ? '+' : '';
  return (
    <>
      <td className="num" data-testid={`departures-${hotel.hotelId}`}>
        {formatNumber(stays.data.departures, locale)}
        {plus}
      </td>
      <td className="num" data-testid={`in-house-${hotel.hotelId}`}>
        {formatNumber(stays.data.inHouse, locale)}
        {plus}
      </td>
    </>
  );
}

export function DashboardPage() {
  const { api, session } = useApp();
  const { t, locale } = useI18n();
  const hotels = useAsync((signal) => api.catalog.listAllHotels(signal), []);
  const configs = useAsync((signal) => api.pms.listConfigs(signal), []);
  const attention = useAsync((signal) => api.bookings.count({ status: 'NEEDS_ATTENTION' }, 500, signal), []);

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
        <PlannedPanel title={t('dashboard.measures')} planned="bookingMeasures" />
      </div>

      {hotels.status === 'loading' ? <Loading /> : null}
      {hotels.status === 'error' ? <ErrorNotice error={hotels.error} onRetry={hotels.reload} /> : null}
      {configs.status === 'error' ? <ErrorNotice error={configs.error} onRetry={configs.reload} /> : null}
      {hotels.status === 'ok' ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('common.hotel')}</th>
                <th scope="col">{t('dashboard.arrivals')}</th>
                <th scope="col">{t('dashboard.departures')}</th>
                <th scope="col">{t('dashboard.inHouse')}</th>
                <th scope="col">{t('dashboard.pmsHealth')}</th>
              </tr>
            </thead>
            <tbody>
              {visibleHotels(hotels.data, session.hotelIds, session.role).map((hotel) => (
                <tr key={hotel.hotelId}>
                  <th scope="row">
                    <Link to={`/hotels/${encodeURIComponent(hotel.hotelId)}`}>{hotel.name}</Link>
                    <div className="muted small">{t('dashboard.today', { hotel: hotel.city, date: formatDate(todayIn(hotel.timeZone), locale) })}</div>
                  </th>
                  <td className="num">
                    <Arrivals hotel={hotel} />
                  </td>
                  <Stays hotel={hotel} />
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
