import { useId, useState, type FormEvent } from 'react';
import { useApp } from '../app-context.tsx';
import type { InventoryNight } from '../api/types.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../components/feedback.tsx';
import { formatDate } from '../format/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { FLAGS, nightEditBody, type FlagChoice, type NightEditForm as Form } from './calendar-edit.ts';

/**
 * Edit one night (`PATCH /api/admin/inventory/{hotelId}/{roomTypeId}/{date}`): its rooms where no
 * PMS manages the room type, and the hotel's own restrictions, which win over the PMS's. The reason
 * is required: the night's ledger keeps it with the admin-edit movement.
 */
export function NightEditForm({
  hotelId,
  roomTypeId,
  roomTypeName,
  night,
  pmsManaged,
  onSaved,
}: {
  hotelId: string;
  roomTypeId: string;
  roomTypeName: string;
  night: InventoryNight;
  pmsManaged: boolean;
  onSaved(night: InventoryNight): void;
}) {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const reasonId = useId();
  const [form, setForm] = useState<Form>({ total: '', minStay: '', maxStay: '', flags: { stopSell: 'keep', closedToArrival: 'keep', closedToDeparture: 'keep' }, reason: '' });
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const body = nightEditBody(form);
  const changes = (body.total !== undefined ? 1 : 0) + Object.keys(body.overrides ?? {}).length;

  async function save() {
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await api.inventory.editNight(hotelId, roomTypeId, night.date, body));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <form
      className="form"
      data-testid="night-edit"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      <h3>{t('nightEdit.title')}</h3>
      <div className="form-grid">
        <div className="field-stack">
          <label>
            <span>{t('calendarEdit.total')}</span>
            <input type="number" min={0} max={1000} value={form.total} disabled={pmsManaged} aria-describedby={pmsManaged ? `${reasonId}-pms` : undefined} onChange={(e) => setForm({ ...form, total: e.target.value })} />
          </label>
          {pmsManaged ? (
            <span id={`${reasonId}-pms`} className="hint">
              {t('hotelEdit.ownedByPms')}
            </span>
          ) : null}
        </div>
        <label>
          <span>{t('calendarEdit.minStay')}</span>
          <input type="text" inputMode="numeric" pattern="-|[0-9]{1,3}" value={form.minStay} onChange={(e) => setForm({ ...form, minStay: e.target.value })} />
        </label>
        <label>
          <span>{t('calendarEdit.maxStay')}</span>
          <input type="text" inputMode="numeric" pattern="-|[0-9]{1,3}" value={form.maxStay} onChange={(e) => setForm({ ...form, maxStay: e.target.value })} />
        </label>
        {FLAGS.map((flag) => (
          <label key={flag}>
            <span>{t(`calendarEdit.${flag}` as MessageKey)}</span>
            <select value={form.flags[flag]} onChange={(e) => setForm({ ...form, flags: { ...form.flags, [flag]: e.target.value as FlagChoice } })}>
              <option value="keep">{t('calendarEdit.keep')}</option>
              <option value="on">{t('common.yes')}</option>
              <option value="off">{t('common.no')}</option>
              <option value="remove">{t('calendarEdit.remove')}</option>
            </select>
          </label>
        ))}
        <label htmlFor={reasonId}>
          <span>{t('nightEdit.reason')}</span>
          <input id={reasonId} required maxLength={200} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
        </label>
      </div>
      <p className="hint">{t('nightEdit.hint')}</p>
      <button type="submit" className="button button-primary" disabled={busy || changes === 0 || form.reason.trim() === ''}>
        {t('nightEdit.save')}
      </button>
      {error ? <ErrorNotice error={error} /> : null}
      <ConfirmDialog open={confirming} title={t('nightEdit.save')} confirmLabel={t('nightEdit.save')} busy={busy} onConfirm={() => void save()} onCancel={() => setConfirming(false)}>
        <p>{t('nightEdit.confirm', { roomType: roomTypeName, date: formatDate(night.date, locale, 'full'), count: changes })}</p>
      </ConfirmDialog>
    </form>
  );
}
