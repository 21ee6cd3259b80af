import { useId, useState, type FormEvent } from 'react';
import { useApp } from '../app-context.tsx';
import type { AdminHotel } from '../api/types.ts';
import { HOTEL_FIELDS as FIELDS, hotelFormValues as initialValues, hotelPatch } from '../catalog/hotel-form.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { RouteGate } from './capabilities.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { ErrorNotice, Loading } from './feedback.tsx';

/**
 * Edit a hotel's own fields and deactivate it (issue 9's admin catalog API). It reads the admin
 * view first for the version (sent back as If-Match) and the fields the hotel's PMS owns, which are
 * shown read-only with the reason instead of being refused after the fact.
 */
/**
 * `onChanged` gets what the API did, in words: the page shows it and reads the hotel again (which
 * remounts this editor, so the message cannot live here).
 */
export function HotelEditor({ hotelId, onChanged }: { hotelId: string; onChanged(message: string): void }) {
  const { api } = useApp();
  const { t } = useI18n();
  const headingId = useId();
  const admin = useAsync((signal) => api.catalogAdmin.getHotel(hotelId, signal), [hotelId]);
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="hotel-editor">
      <h2 id={headingId}>{t('hotel.edit')}</h2>
      {admin.status === 'loading' ? <Loading /> : null}
      {admin.status === 'error' ? <ErrorNotice error={admin.error} onRetry={admin.reload} /> : null}
      {admin.status === 'ok' ? (
        <HotelForm
          key={admin.data.version}
          hotel={admin.data}
          onSaved={(message) => {
            admin.reload();
            onChanged(message);
          }}
        />
      ) : null}
    </section>
  );
}

function HotelForm({ hotel, onSaved }: { hotel: AdminHotel; onSaved(message: string): void }) {
  const { api, session } = useApp();
  // (De)activating is an admin's decision: the API refuses it to a hotel manager (403), so it is not offered.
  const mayActivate = session.role === 'admin';
  const { t } = useI18n();
  const before = initialValues(hotel);
  const [values, setValues] = useState(before);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);
  const owned = new Set(hotel.pmsOwned.hotel);
  const patch = hotelPatch(before, values);

  async function run(work: () => Promise<string>) {
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await work());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setConfirmDeactivate(false);
    }
  }

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.catalogAdmin.updateHotel(hotel.hotelId, hotel.version, patch);
      return t('hotelEdit.saved', { name: hotel.name });
    });
  };

  return (
    <>
      {!hotel.isActive ? (
        <div className="notice notice-info">
          <p>{t('hotelEdit.inactive')}</p>
          {mayActivate ? null : <p>{t('hotelEdit.adminActivates')}</p>}
          {mayActivate ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await api.catalogAdmin.updateHotel(hotel.hotelId, hotel.version, { isActive: true });
                  return t('hotelEdit.reactivated');
                })
              }
            >
              {t('hotelEdit.reactivate')}
            </button>
          ) : null}
        </div>
      ) : null}
      {owned.size > 0 ? <p className="hint">{t('hotelEdit.pmsOwned', { fields: [...owned].join(', ') })}</p> : null}
      <form className="form" onSubmit={save}>
        <div className="form-grid">
          {FIELDS.map(({ field, label, type }) => {
            const locked = owned.has(field);
            const common = {
              value: values[field],
              disabled: locked || busy,
              onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value })),
              'aria-describedby': locked ? `${field}-owned` : undefined,
            };
            return (
              // The note sits beside the label, not in it: the field's name stays its label alone.
              <div key={field} className="field-stack">
                <label>
                  <span>{t(label)}</span>
                  {type === 'textarea' ? <textarea rows={3} {...common} /> : <input type={type ?? 'text'} step={field === 'starRating' ? 0.5 : 1} {...common} />}
                </label>
                {locked ? (
                  <span id={`${field}-owned`} className="hint">
                    {t('hotelEdit.ownedByPms')}
                  </span>
                ) : null}
              </div>
            );
          })}
        </div>
        <button type="submit" className="button button-primary" disabled={busy || Object.keys(patch).length === 0}>
          {t('hotelEdit.save')}
        </button>
      </form>
      {error ? <ErrorNotice error={error} /> : null}
      {hotel.isActive && mayActivate ? (
        <RouteGate planned="hotelDeactivate" label={t('hotel.deactivate')}>
          <button type="button" className="button" onClick={() => setConfirmDeactivate(true)} disabled={busy}>
            {t('hotel.deactivate')}
          </button>
        </RouteGate>
      ) : null}
      <ConfirmDialog
        open={confirmDeactivate}
        title={t('hotel.deactivate')}
        confirmLabel={t('hotel.deactivate')}
        busy={busy}
        onConfirm={() =>
          void run(async () => {
            await api.catalogAdmin.deactivateHotel(hotel.hotelId, hotel.version);
            return t('hotelEdit.deactivated');
          })
        }
        onCancel={() => setConfirmDeactivate(false)}
      >
        <p>{t('hotelEdit.confirmDeactivate', { hotel: hotel.name })}</p>
      </ConfirmDialog>
    </>
  );
}
