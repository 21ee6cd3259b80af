import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../app-context.tsx';
import { HOTEL_STATUS_FILTERS, type Hotel } from '../api/types.ts';
import { hotelFiltersFrom, hotelListParams, hotelListPath } from '../catalog/hotel-list.ts';
import { useRouteStatus } from '../components/capabilities.tsx';
import { Empty, ErrorNotice, Loading } from '../components/feedback.tsx';
import { formatDateTime } from '../format/format.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../router/router.tsx';

const PAGE_SIZE = 25;

/**
 * Hotels. With the admin list (`GET /api/admin/hotels`) every hotel is here, deactivated ones
 * marked and filterable, searched by name prefix or city, paged by cursor; a hotel manager gets
 * their own hotels from the API itself. A stack without that route gets the public list, which
 * leaves deactivated hotels out.
 */
export function HotelsPage() {
  const { t } = useI18n();
  const adminList = useRouteStatus('adminHotelList');
  return (
    <>
      <div className="page-head">
        <h1>{t('hotels.title')}</h1>
        <Link to="/import" className="button button-primary">
          {t('hotels.import')}
        </Link>
      </div>
      {adminList === 'checking' ? <Loading /> : adminList === 'available' ? <AdminHotelList /> : <PublicHotelList />}
    </>
  );
}

function HotelRows({ hotels }: { hotels: Hotel[] }) {
  const { t, locale } = useI18n();
  // Only an admin reactivates (the API refuses a hotel manager): the link is offered to admins.
  const { session } = useApp();
  return (
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
                <Link to={`/hotels/${encodeURIComponent(h.hotelId)}`}>{h.name}</Link>{' '}
                {h.isActive ? null : (
                  <>
                    <span className="badge badge-inactive">{t('hotels.inactive')}</span>{' '}
                    {session.role !== 'admin' ? null : (
                      <Link to={`/hotels/${encodeURIComponent(h.hotelId)}?reactivate=1`} className="small">
                        {t('hotels.reactivateLink', { name: h.name })}
                      </Link>
                    )}
                  </>
                )}
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
  );
}

function AdminHotelList() {
  const { api } = useApp();
  const { t } = useI18n();
  const { query } = useLocation();
  const filters = hotelFiltersFrom(query);
  const key = hotelListPath(filters);
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(hotelFiltersFrom(new URLSearchParams(key.split('?')[1] ?? ''))), [key]);
  const first = useAsync((signal) => api.catalogAdmin.listHotels(hotelListParams(filters, PAGE_SIZE), signal), [key]);
  const [more, setMore] = useState<{ hotels: Hotel[]; cursor?: string; loading: boolean; error?: unknown }>({ hotels: [], loading: false });
  useEffect(() => setMore({ hotels: [], loading: false, ...(first.data?.nextCursor ? { cursor: first.data.nextCursor } : {}) }), [first.data]);

  async function loadMore() {
    if (!more.cursor) return;
    setMore((m) => ({ ...m, loading: true, error: undefined }));
    try {
      const page = await api.catalogAdmin.listHotels(hotelListParams(filters, PAGE_SIZE, more.cursor));
      setMore((m) => ({ hotels: [...m.hotels, ...page.hotels], loading: false, ...(page.nextCursor ? { cursor: page.nextCursor } : {}) }));
    } catch (error) {
      setMore((m) => ({ ...m, loading: false, error }));
    }
  }

  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(hotelListPath(draft));
  };

  const rows = [...(first.data?.hotels ?? []), ...more.hotels];
  return (
    <>
      <form className="filters" onSubmit={apply} role="search" aria-label={t('hotels.filters')}>
        <label>
          <span>{t('hotels.status')}</span>
          <select value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as typeof draft.status })} data-testid="hotel-status-filter">
            {HOTEL_STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(`hotels.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('hotels.search')}</span>
          <input type="search" maxLength={100} value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        </label>
        <div className="filter-actions">
          <button type="submit" className="button button-primary">
            {t('common.apply')}
          </button>
          <button type="button" className="button" onClick={() => navigate('/hotels')}>
            {t('common.clear')}
          </button>
        </div>
      </form>
      {first.status === 'loading' ? <Loading /> : null}
      {first.status === 'error' ? <ErrorNotice error={first.error} onRetry={first.reload} /> : null}
      {first.status === 'ok' && rows.length === 0 ? <Empty>{filters.q || filters.status !== 'all' ? t('hotels.noMatch') : t('hotels.empty')}</Empty> : null}
      {rows.length > 0 ? (
        <>
          <HotelRows hotels={rows} />
          <p className="muted" aria-live="polite">
            {t('hotels.count', { count: rows.length })}
          </p>
        </>
      ) : null}
      {more.error ? <ErrorNotice error={more.error} /> : null}
      {more.cursor ? (
        <button type="button" className="button" onClick={() => void loadMore()} disabled={more.loading} aria-busy={more.loading}>
          {more.loading ? t('common.loading') : t('hotels.more')}
        </button>
      ) : null}
    </>
  );
}

/** The public list (active hotels only), for a stack without the admin list. */
function PublicHotelList() {
  const { api, session } = useApp();
  const { t } = useI18n();
  const { query } = useLocation();
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const data = useAsync((signal) => api.catalog.listHotels({ page, pageSize: 20 }, signal), [page]);
  const hotels = data.data ? (session.role === 'hotel_manager' ? data.data.hotels.filter((h) => session.hotelIds.includes(h.hotelId)) : data.data.hotels) : [];
  return (
    <>
      {data.status === 'loading' ? <Loading /> : null}
      {data.status === 'error' ? <ErrorNotice error={data.error} onRetry={data.reload} /> : null}
      {data.status === 'ok' && hotels.length === 0 ? <Empty>{t('hotels.empty')}</Empty> : null}
      {hotels.length > 0 ? <HotelRows hotels={hotels} /> : null}
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
