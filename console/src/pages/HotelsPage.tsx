import { useApp } from '../app-context.tsx';
import { Empty, ErrorNotice, Loading } from '../components/feedback.tsx';
import { formatDateTime } from '../format/format.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../router/router.tsx';

export function HotelsPage() {
  const { api, session } = useApp();
  const { t, locale } = useI18n();
  const { query } = useLocation();
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const data = useAsync((signal) => api.catalog.listHotels({ page, pageSize: 20 }, signal), [page]);
  const hotels = data.data ? (session.role === 'hotel_manager' ? data.data.hotels.filter((h) => session.hotelIds.includes(h.hotelId)) : data.data.hotels) : [];
  return (
    <>
      <div className="page-head">
        <h1>{t('hotels.title')}</h1>
        <Link to="/import" className="button button-primary">
          {t('hotels.import')}
        </Link>
      </div>
      {data.status === 'loading' ? <Loading /> : null}
      {data.status === 'error' ? <ErrorNotice error={data.error} onRetry={data.reload} /> : null}
      {data.status === 'ok' && hotels.length === 0 ? <Empty>{t('hotels.empty')}</Empty> : null}
      {hotels.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="hotels-table">
            <thead>
              <tr>
                <th scope="col">{t('hotels.col.name')}</th>
                <th scope="col">{t('hotels.col.city')}</th>
                <th scope="col">{t('hotels.col.pms')}</th>
                <th scope="col">{t('hotels.col.currency')}</th>
                <th scope="col">{t('hotels.col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {hotels.map((h) => (
                <tr key={h.hotelId}>
                  <th scope="row">
                    <Link to={`/hotels/${encodeURIComponent(h.hotelId)}`}>{h.name}</Link>
                    <div className="muted small">{h.hotelId}</div>
                  </th>
                  <td>
                    {h.city}, {h.country}
                  </td>
                  <td>{h.pmsVendor ?? t('common.none')}</td>
                  <td>
                    {h.currency} · {h.timeZone}
                  </td>
                  <td>{formatDateTime(h.updatedAt, locale, h.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data.data && data.data.pagination.totalPages > 1 ? (
        <nav className="pager" aria-label={t('hotels.page', { page, pages: data.data.pagination.totalPages })}>
          <button type="button" className="button" disabled={page <= 1} onClick={() => navigate(`/hotels?page=${page - 1}`)}>
            {t('common.previous')}
          </button>
          <span>{t('hotels.page', { page, pages: data.data.pagination.totalPages })}</span>
          <button type="button" className="button" disabled={page >= data.data.pagination.totalPages} onClick={() => navigate(`/hotels?page=${page + 1}`)}>
            {t('common.next')}
          </button>
        </nav>
      ) : null}
    </>
  );
}
