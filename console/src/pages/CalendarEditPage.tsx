import { useState, type FormEvent } from 'react';
import { useApp } from '../app-context.tsx';
import { WEEKDAYS, type CalendarResult } from '../api/types.ts';
import { FLAGS, rangeOf, type CalendarEditForm as Form, type FlagChoice } from '../calendar/calendar-edit.ts';
import { nightsCovered } from '../calendar/ranges.ts';
import { RouteGate } from '../components/capabilities.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorNotice, Loading, Success } from '../components/feedback.tsx';
import { formatDate, formatMoney, todayIn } from '../format/format.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { Link, useLocation } from '../router/router.tsx';

/**
 * Range editing of prices, room counts and restrictions for one room type
 * (`PUT /api/admin/hotels/{hotelId}/room-types/{roomTypeId}/calendar`, issue 9). Fields the
 * hotel's PMS owns are read-only here with a note; the API refuses them anyway (409 PMS_MANAGED).
 */
export function CalendarEditPage() {
  const { api } = useApp();
  const { t } = useI18n();
  const { query } = useLocation();
  const hotelId = query.get('hotelId') ?? '';
  const data = useAsync(
    async (signal) => {
      const [hotel, roomTypes, admin] = await Promise.all([api.catalog.getHotel(hotelId, signal), api.catalog.listRoomTypes(hotelId, signal), api.catalogAdmin.getHotel(hotelId, signal)]);
      return { hotel, roomTypes, owned: new Set(admin.pmsOwned.calendar) };
    },
    [hotelId],
  );
  return (
    <>
      <p>
        <Link to={`/calendar?hotelId=${encodeURIComponent(hotelId)}`}>← {t('calendar.title')}</Link>
      </p>
      <h1>{t('calendar.edit')}</h1>
      <RouteGate planned="calendarEdit" label={t('calendar.edit')}>
        {data.status === 'loading' ? <Loading /> : null}
        {data.status === 'error' ? <ErrorNotice error={data.error} onRetry={data.reload} /> : null}
        {data.status === 'ok' ? <EditForm hotelId={hotelId} hotelName={data.data.hotel.name} currency={data.data.hotel.currency} today={todayIn(data.data.hotel.timeZone)} roomTypes={data.data.roomTypes} owned={data.data.owned} /> : null}
      </RouteGate>
    </>
  );
}

function EditForm({
  hotelId,
  hotelName,
  currency,
  today,
  roomTypes,
  owned,
}: {
  hotelId: string;
  hotelName: string;
  currency: string;
  today: string;
  roomTypes: Array<{ roomTypeId: string; name: string }>;
  owned: ReadonlySet<string>;
}) {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const [form, setForm] = useState<Form>({
    roomTypeId: roomTypes[0]?.roomTypeId ?? '',
    from: today,
    to: today,
    weekdays: [],
    price: '',
    total: '',
    minStay: '',
    maxStay: '',
    flags: { stopSell: 'keep', closedToArrival: 'keep', closedToDeparture: 'keep' },
  });
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<CalendarResult>();
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const range = rangeOf(form);
  const nights = nightsCovered(form.from, form.to, form.weekdays);
  const changes = Object.keys(range).filter((k) => k !== 'from' && k !== 'to' && k !== 'weekdays');
  const roomType = roomTypes.find((rt) => rt.roomTypeId === form.roomTypeId);

  async function save() {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api.catalogAdmin.setCalendar(hotelId, form.roomTypeId, [range]));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  const describe = (key: string): string => {
    const value = (range as unknown as Record<string, unknown>)[key];
    const label = t(`calendarEdit.${key}` as MessageKey);
    if (value === null) return t('calendarEdit.removeOverride', { field: label });
    if (key === 'price') return `${label}: ${formatMoney(value as number, currency, locale)}`;
    if (typeof value === 'boolean') return `${label}: ${value ? t('common.yes') : t('common.no')}`;
    return `${label}: ${String(value)}`;
  };

  const ownedNote = (field: string) =>
    owned.has(field) ? (
      <span className="hint" id={`own-${field}`}>
        {t('hotelEdit.ownedByPms')}
      </span>
    ) : null;

  return (
    <>
      {owned.size > 0 ? <p className="notice notice-info">{t('calendarEdit.pmsOwns', { fields: [...owned].join(', ') })}</p> : null}
      <form
        className="form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setConfirming(true);
        }}
      >
        <div className="form-grid">
          <label>
            <span>{t('common.roomType')}</span>
            <select value={form.roomTypeId} onChange={(e) => set({ roomTypeId: e.target.value })} required>
              {roomTypes.map((rt) => (
                <option key={rt.roomTypeId} value={rt.roomTypeId}>
                  {rt.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('policy.from')}</span>
            <input type="date" required min={today} value={form.from} onChange={(e) => set({ from: e.target.value })} />
          </label>
          <label>
            <span>{t('policy.to')}</span>
            <input type="date" required min={form.from} value={form.to} onChange={(e) => set({ to: e.target.value })} />
          </label>
        </div>
        <fieldset>
          <legend>{t('calendarEdit.weekdays')}</legend>
          {WEEKDAYS.map((day) => (
            <label key={day} className="check">
              <input
                type="checkbox"
                checked={form.weekdays.includes(day)}
                onChange={(e) => set({ weekdays: e.target.checked ? [...form.weekdays, day] : form.weekdays.filter((d) => d !== day) })}
              />
              <span>{t(`weekday.${day}` as MessageKey)}</span>
            </label>
          ))}
        </fieldset>
        <p className="hint">{t('calendarEdit.blankHint')}</p>
        <div className="form-grid">
          <div className="field-stack">
            <label>
              <span>
                {t('calendarEdit.price')} ({currency})
              </span>
              <input type="number" min={0} step="any" value={form.price} disabled={owned.has('price')} aria-describedby={owned.has('price') ? 'own-price' : undefined} onChange={(e) => set({ price: e.target.value })} />
            </label>
            {ownedNote('price')}
          </div>
          <div className="field-stack">
            <label>
              <span>{t('calendarEdit.total')}</span>
              <input type="number" min={0} max={10000} value={form.total} disabled={owned.has('total')} aria-describedby={owned.has('total') ? 'own-total' : undefined} onChange={(e) => set({ total: e.target.value })} />
            </label>
            {ownedNote('total')}
          </div>
          <div className="field-stack">
            <label>
              <span>{t('calendarEdit.minStay')}</span>
              <input type="text" inputMode="numeric" pattern="-|[0-9]{1,3}" value={form.minStay} disabled={owned.has('minStay')} aria-describedby={owned.has('minStay') ? 'own-minStay' : undefined} onChange={(e) => set({ minStay: e.target.value })} />
            </label>
            {ownedNote('minStay')}
          </div>
          <div className="field-stack">
            <label>
              <span>{t('calendarEdit.maxStay')}</span>
              <input type="text" inputMode="numeric" pattern="-|[0-9]{1,3}" value={form.maxStay} disabled={owned.has('maxStay')} aria-describedby={owned.has('maxStay') ? 'own-maxStay' : undefined} onChange={(e) => set({ maxStay: e.target.value })} />
            </label>
            {ownedNote('maxStay')}
          </div>
          {FLAGS.map((flag) => (
            <div key={flag} className="field-stack">
              <label>
                <span>{t(`calendarEdit.${flag}` as MessageKey)}</span>
                <select value={form.flags[flag]} disabled={owned.has(flag)} aria-describedby={owned.has(flag) ? `own-${flag}` : undefined} onChange={(e) => set({ flags: { ...form.flags, [flag]: e.target.value as FlagChoice } })}>
                  <option value="keep">{t('calendarEdit.keep')}</option>
                  <option value="on">{t('common.yes')}</option>
                  <option value="off">{t('common.no')}</option>
                  <option value="remove">{t('calendarEdit.remove')}</option>
                </select>
              </label>
              {ownedNote(flag)}
            </div>
          ))}
        </div>
        <p className="hint">{t('calendarEdit.stayHint')}</p>
        <button type="submit" className="button button-primary" disabled={busy || changes.length === 0 || nights === 0}>
          {t('calendarEdit.apply')}
        </button>
      </form>
      {error ? <ErrorNotice error={error} /> : null}
      {result ? <Success>{t('calendarEdit.done', { nights: result.nights, created: result.created, changed: result.changed, unchanged: result.unchanged })}</Success> : null}
      <ConfirmDialog open={confirming} title={t('calendarEdit.apply')} confirmLabel={t('calendarEdit.apply')} busy={busy} onConfirm={() => void save()} onCancel={() => setConfirming(false)}>
        <p>
          {t('calendarEdit.confirm', {
            hotel: hotelName,
            roomType: roomType?.name ?? form.roomTypeId,
            from: form.from ? formatDate(form.from, locale) : '?',
            to: form.to ? formatDate(form.to, locale) : '?',
            nights,
          })}
        </p>
        <ul>
          {changes.map((key) => (
            <li key={key}>{describe(key)}</li>
          ))}
        </ul>
      </ConfirmDialog>
    </>
  );
}
