import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../app-context.tsx';
import type { AdminBooking } from '../api/types.ts';
import { BOOKING_STATUSES } from '../api/types.ts';
import { RouteGate } from '../components/capabilities.tsx';
import { Empty, ErrorNotice, Loading } from '../components/feedback.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatMoney, formatStay } from '../format/format.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../router/router.tsx';

const PAGE_SIZE = 25;

/**
 * The filters and the search text live in the URL (`/bookings?q=kim&status=FAILED&hotelId=...`), so
 * a filtered list or a search can be linked.
 */
export function filtersFrom(query: URLSearchParams) {
  const status = query.get('status') ?? '';
  return {
    q: query.get('q') ?? '',
    status: (BOOKING_STATUSES as readonly string[]).includes(status) ? status : '',
    hotelId: query.get('hotelId') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
  };
}

type Filters = ReturnType<typeof filtersFrom>;

/** The list query of the filters (empty ones left out); `q` makes it a search. */
function listQuery(filters: Filters) {
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.status ? { status: filters.status as AdminBooking['status'] } : {}),
    ...(filters.hotelId ? { hotelId: filters.hotelId } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };
}

function toQuery(filters: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function BookingRows({ bookings, hotelNames = new Map() }: { bookings: AdminBooking[]; hotelNames?: Map<string, string> }) {
  const { t, locale } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="bookings-table">
        <thead>
          <tr>
            <th scope="col">{t('bookings.col.id')}</th>
            <th scope="col">{t('bookings.col.guest')}</th>
            <th scope="col">{t('bookings.col.hotel')}</th>
            <th scope="col">{t('bookings.col.stay')}</th>
            <th scope="col" className="num">
              {t('bookings.col.total')}
            </th>
            <th scope="col">{t('bookings.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {bookings.map((b) => (
            <tr key={b.bookingId}>
              <th scope="row">
                <Link to={`/bookings/${encodeURIComponent(b.bookingId)}`}>{b.bookingId}</Link>
              </th>
              <td>
                {b.guestInfo.firstName} {b.guestInfo.lastName}
                <div className="muted small">{b.guestInfo.email}</div>
              </td>
              <td>
                {hotelNames.get(b.hotelId) ?? b.hotelId}
                <div className="muted small">{b.roomTypeId}</div>
              </td>
              <td>{formatStay(b.checkIn, b.checkOut, locale)}</td>
              <td className="num">{formatMoney(b.totalPrice, b.currency, locale)}</td>
              <td>
                <StatusBadge status={b.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BookingsPage() {
  const { api } = useApp();
  const { t } = useI18n();
  const { query } = useLocation();
  const filters = filtersFrom(query);
  const [draft, setDraft] = useState(filters);
  const [findId, setFindId] = useState('');
  const [searchText, setSearchText] = useState(filters.q);
  const [more, setMore] = useState<{ bookings: AdminBooking[]; cursor?: string; loading: boolean; error?: unknown }>({ bookings: [], loading: false });
  const key = toQuery(filters);
  useEffect(() => {
    const current = filtersFrom(new URLSearchParams(key));
    setDraft(current);
    setSearchText(current.q);
  }, [key]);

  const hotels = useAsync((signal) => api.catalog.listAllHotels(signal), []);
  const first = useAsync((signal) => api.bookings.list({ limit: PAGE_SIZE, ...listQuery(filters) }, signal), [key]);
  useEffect(() => setMore({ bookings: [], loading: false, ...(first.data?.nextCursor ? { cursor: first.data.nextCursor } : {}) }), [first.data]);

  async function loadMore() {
    if (!more.cursor) return;
    setMore((m) => ({ ...m, loading: true, error: undefined }));
    try {
      const page = await api.bookings.list({ limit: PAGE_SIZE, cursor: more.cursor, ...listQuery(filters) });
      setMore((m) => ({ bookings: [...m.bookings, ...page.bookings], loading: false, ...(page.nextCursor ? { cursor: page.nextCursor } : {}) }));
    } catch (error) {
      setMore((m) => ({ ...m, loading: false, error }));
    }
  }

  /** Enter or the button: the search text joins the filters in the URL (a new first page). */
  function search(event: FormEvent) {
    event.preventDefault();
    navigate(`/bookings${toQuery({ ...filters, q: searchText.trim() })}`);
  }

  function clearSearch() {
    setSearchText('');
    navigate(`/bookings${toQuery({ ...filters, q: '' })}`);
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    navigate(`/bookings${toQuery(draft)}`);
  }

  function find(event: FormEvent) {
    event.preventDefault();
    const id = findId.trim();
    if (id) navigate(`/bookings/${encodeURIComponent(id)}`);
  }

  const rows = [...(first.data?.bookings ?? []), ...more.bookings];
  return (
    <>
      <h1>{t('bookings.title')}</h1>
      <div className="toolbar">
        <form className="inline-form" onSubmit={find} role="search" aria-label={t('bookings.find')}>
          <label>
            <span>{t('bookings.find')}</span>
            <input type="search" value={findId} onChange={(e) => setFindId(e.target.value)} placeholder="bk_…" data-testid="find-booking" />
          </label>
          <button type="submit" className="button">
            {t('bookings.findSubmit')}
          </button>
        </form>
        <RouteGate planned="bookingTextSearch" label={t('bookings.textSearch')}>
          <form className="inline-form" onSubmit={search} role="search" aria-label={t('bookings.textSearch')}>
            <label>
              <span>{t('bookings.textSearch')}</span>
              <input
                type="search"
                value={searchText}
                onChange={(e) => setSearchText(e.target.value)}
                maxLength={100}
                placeholder={t('bookings.searchPlaceholder')}
                aria-describedby="booking-search-hint"
                data-testid="booking-search"
              />
            </label>
            <button type="submit" className="button button-primary">
              {t('bookings.searchSubmit')}
            </button>
            {filters.q ? (
              <button type="button" className="button" onClick={clearSearch}>
                {t('bookings.searchClear')}
              </button>
            ) : null}
            <span id="booking-search-hint" className="muted small">
              {t('bookings.searchHint')}
            </span>
          </form>
        </RouteGate>
      </div>
      <form className="filters" onSubmit={apply} aria-label={t('bookings.filters')}>
        <label>
          <span>{t('bookings.status')}</span>
          <select value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })} data-testid="filter-status">
            <option value="">{t('common.all')}</option>
            {BOOKING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('bookings.hotel')}</span>
          <select value={draft.hotelId} onChange={(e) => setDraft({ ...draft, hotelId: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {hotels.data?.map((h) => (
              <option key={h.hotelId} value={h.hotelId}>
                {h.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('bookings.from')}</span>
          <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          <span>{t('bookings.to')}</span>
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <div className="filter-actions">
          <button type="submit" className="button button-primary">
            {t('common.apply')}
          </button>
          <button type="button" className="button" onClick={() => navigate('/bookings')}>
            {t('common.clear')}
          </button>
        </div>
      </form>
      {first.status === 'loading' ? <Loading /> : null}
      {first.status === 'error' ? <ErrorNotice error={first.error} onRetry={first.reload} /> : null}
      {filters.q && first.status !== 'error' ? (
        <p className="muted" aria-live="polite" data-testid="search-summary">
          {t('bookings.searchingFor', { q: filters.q })}
        </p>
      ) : null}
      {first.status === 'ok' && rows.length === 0 ? <Empty>{filters.q ? t('bookings.searchEmpty', { q: filters.q }) : t('bookings.empty')}</Empty> : null}
      {rows.length > 0 ? (
        <>
          <BookingRows bookings={rows} hotelNames={new Map(hotels.data?.map((h) => [h.hotelId, h.name]))} />
          <p className="muted" aria-live="polite">
            {t('bookings.count', { count: rows.length })}
          </p>
        </>
      ) : null}
      {more.error ? <ErrorNotice error={more.error} /> : null}
      {more.cursor ? (
        <button type="button" className="button" onClick={() => void loadMore()} disabled={more.loading}>
          {more.loading ? t('common.loading') : t('bookings.more')}
        </button>
      ) : null}
    </>
  );
}
