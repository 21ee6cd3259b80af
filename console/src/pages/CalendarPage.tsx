import { useApp } from '../app-context.tsx';
import type { Hotel, InventoryNight, RoomType } from '../api/types.ts';
import { useState } from 'react';
import { NightPanel } from '../calendar/NightPanel.tsx';
import { addMonths, calendarWindow, cellState, isWeekend, monthOf, nightsByDate, restrictionTags } from '../calendar/ranges.ts';
import { RouteGate } from '../components/capabilities.tsx';
import { Empty, ErrorNotice, Loading } from '../components/feedback.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { formatDate, formatDayOfMonth, formatMonth, formatMoney, formatMoneyCompact, formatWeekday, todayIn } from '../format/format.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, useLocation } from '../router/router.tsx';

const MONTH = /^\d{4}-\d{2}$/;

function Grid({ hotel, month }: { hotel: Hotel; month: string }) {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const today = todayIn(hotel.timeZone);
  const window_ = calendarWindow(month, today);
  const [selected, setSelected] = useState<{ roomType: RoomType; night: InventoryNight }>();
  const data = useAsync(
    async (signal) => {
      const roomTypes = await api.catalog.listRoomTypes(hotel.hotelId, signal);
      if (window_.dates.length === 0) return { roomTypes, nights: new Map<string, Map<string, InventoryNight>>() };
      const rows = await Promise.all(
        roomTypes.map(async (rt) => [rt.roomTypeId, nightsByDate(await api.catalog.getInventory(hotel.hotelId, rt.roomTypeId, window_.start, window_.end, signal))] as const),
      );
      return { roomTypes, nights: new Map(rows) };
    },
    [hotel.hotelId, window_.start, window_.end],
  );
  if (data.status === 'loading') return <Loading />;
  if (data.status === 'error') return <ErrorNotice error={data.error} onRetry={data.reload} />;
  if (data.data.roomTypes.length === 0) return <Empty>{t('calendar.noRoomTypes')}</Empty>;
  if (window_.dates.length === 0) return <Empty>{t('calendar.pastMonth')}</Empty>;
  return (
    <>
    <div className="table-wrap calendar-wrap" role="region" tabIndex={0} aria-label={t('calendar.caption', { month: formatMonth(month, locale) })}>
      <table className="calendar" data-testid="calendar">
        <caption className="visually-hidden">{t('calendar.caption', { month: formatMonth(month, locale) })}</caption>
        <thead>
          <tr>
            <th scope="col" className="calendar-corner">
              {t('common.roomType')}
            </th>
            {window_.dates.map((date) => (
              <th key={date} scope="col" className={isWeekend(date) ? 'weekend' : undefined}>
                <abbr title={formatDate(date, locale, 'full')}>
                  <span className="calendar-weekday">{formatWeekday(date, locale)}</span>
                  <span className="calendar-day">{formatDayOfMonth(date, locale)}</span>
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.data.roomTypes.map((rt: RoomType) => {
            const nights = data.data.nights.get(rt.roomTypeId) ?? new Map<string, InventoryNight>();
            return (
              <tr key={rt.roomTypeId}>
                <th scope="row" className="calendar-room">
                  {rt.name}
                  <div className="muted small">{rt.roomTypeId}</div>
                </th>
                {window_.dates.map((date) => {
                  const night = nights.get(date);
                  if (!night) return <td key={date} className="cell cell-missing">{t('common.none')}</td>;
                  const state = cellState(night);
                  const label = t('calendar.cell', {
                    date: formatDate(date, locale),
                    available: night.available,
                    total: night.total,
                    price: formatMoney(night.price, night.currency, locale),
                  });
                  const flags = [state === 'overbooked' ? t('calendar.overbooked') : '', state === 'soldOut' ? t('calendar.soldOut') : '', night.stale ? t('calendar.stale') : ''].filter(Boolean);
                  const tags = restrictionTags(night).map((tag) => t(`restriction.short.${tag.key}` as MessageKey, { value: tag.value ?? '' }));
                  const isOpen = selected?.roomType.roomTypeId === rt.roomTypeId && selected.night.date === date;
                  return (
                    <td key={date} className={`cell cell-${state}${night.stale ? ' cell-stale' : ''}${isOpen ? ' cell-selected' : ''}`}>
                      <button
                        type="button"
                        className="cell-button"
                        aria-label={[label, ...flags, ...tags, t('calendar.openNight')].join(' · ')}
                        aria-pressed={isOpen}
                        title={[label, ...flags, ...tags].join(' · ')}
                        data-testid={`cell-${rt.roomTypeId}-${date}`}
                        onClick={() => setSelected(isOpen ? undefined : { roomType: rt, night })}
                      >
                        <span className="cell-count">
                          {night.available}/{night.total}
                        </span>
                        <span className="cell-price">{formatMoneyCompact(night.price, night.currency, locale)}</span>
                        {flags.length > 0 ? <span className="cell-flags">{flags.join(' · ')}</span> : null}
                        {tags.length > 0 ? <span className="cell-restrictions">{tags.join(' ')}</span> : null}
                      </button>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
    {selected ? (
      <NightPanel
        hotelId={hotel.hotelId}
        timeZone={hotel.timeZone}
        roomType={selected.roomType}
        night={selected.night}
        pmsManaged={Boolean(hotel.pmsVendor)}
        onClose={() => setSelected(undefined)}
        onEdited={(night) => {
          // The panel shows the night as the API answered; the grid reads the month again.
          setSelected({ roomType: selected.roomType, night });
          data.reload();
        }}
      />
    ) : null}
    </>
  );
}

/** Room types x nights of one hotel for one month: available/total, price, overbooked, stale. */
export function CalendarPage() {
  const { api, session } = useApp();
  const { t, locale } = useI18n();
  const { query } = useLocation();
  const hotels = useAsync((signal) => api.catalog.listAllHotels(signal), []);
  const list = hotels.data ? (session.role === 'hotel_manager' ? hotels.data.filter((h) => session.hotelIds.includes(h.hotelId)) : hotels.data) : [];
  const hotel = list.find((h) => h.hotelId === query.get('hotelId')) ?? list[0];
  const today = hotel ? todayIn(hotel.timeZone) : todayIn('UTC');
  const wanted = query.get('month') ?? '';
  const month = MONTH.test(wanted) && wanted >= monthOf(today) ? wanted : monthOf(today);
  const go = (hotelId: string, m: string) => navigate(`/calendar?hotelId=${encodeURIComponent(hotelId)}&month=${m}`, { replace: true });

  return (
    <>
      <h1>{t('calendar.title')}</h1>
      {hotels.status === 'loading' ? <Loading /> : null}
      {hotels.status === 'error' ? <ErrorNotice error={hotels.error} onRetry={hotels.reload} /> : null}
      {hotels.status === 'ok' && !hotel ? <Empty>{t('hotels.empty')}</Empty> : null}
      {hotel ? (
        <>
          <div className="toolbar">
            <label>
              <span>{t('calendar.hotel')}</span>
              <select value={hotel.hotelId} onChange={(e) => go(e.target.value, month)} data-testid="calendar-hotel">
                {list.map((h) => (
                  <option key={h.hotelId} value={h.hotelId}>
                    {h.name}
                  </option>
                ))}
              </select>
            </label>
            <div className="month-nav" role="group" aria-label={t('calendar.month')}>
              <button type="button" className="button" onClick={() => go(hotel.hotelId, addMonths(month, -1))} disabled={!calendarWindow(month, today).canGoBack} aria-label={t('calendar.prevMonth')}>
                ‹
              </button>
              <span className="month-label" aria-live="polite">
                {formatMonth(month, locale)}
              </span>
              <button type="button" className="button" onClick={() => go(hotel.hotelId, addMonths(month, 1))} aria-label={t('calendar.nextMonth')}>
                ›
              </button>
            </div>
          </div>
          {hotel.pmsVendor ? <p className="notice notice-info">{t('calendar.pmsOwns', { vendor: hotel.pmsVendor })}</p> : null}
          <div className="actions">
            <RouteGate planned="calendarEdit" label={t('calendar.edit')}>
              <CalendarEditLink hotelId={hotel.hotelId} />
            </RouteGate>
          </div>
          <p className="hint">{t('calendar.cellHint')}</p>
          <ul className="legend" aria-label={t('calendar.legend')}>
            <li className="cell-open">{t('calendar.legend.open')}</li>
            <li className="cell-low">{t('calendar.legend.low')}</li>
            <li className="cell-soldOut">{t('calendar.legend.soldOut')}</li>
            <li className="cell-overbooked">{t('calendar.legend.overbooked')}</li>
            <li className="cell-stale">{t('calendar.legend.stale')}</li>
          </ul>
          <Grid hotel={hotel} month={month} />
        </>
      ) : null}
    </>
  );
}

/** Range editing lives on its own form (`CalendarEditPage`), reached from here when the API has it. */
function CalendarEditLink({ hotelId }: { hotelId: string }) {
  const { t } = useI18n();
  return (
    <button type="button" className="button" onClick={() => navigate(`/calendar/edit?hotelId=${encodeURIComponent(hotelId)}`)}>
      {t('calendar.edit')}
    </button>
  );
}
