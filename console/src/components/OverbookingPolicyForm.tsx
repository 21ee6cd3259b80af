import { useId, useState, type FormEvent } from 'react';
import { useApp } from '../app-context.tsx';
import type { OverbookingPolicyResult } from '../api/types.ts';
import { formatDate } from '../format/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { ErrorNotice, Success } from './feedback.tsx';

interface RangeRow {
  key: number;
  from: string;
  to: string;
  rooms: string;
}

/**
 * A hotel's overbooking policy (`PUT /api/admin/hotels/{hotelId}/overbooking-policy`): how far
 * beyond its rooms all channels together may sell, as a percentage of total, with room counts per
 * date range overriding it. The read API does not return the policy in force, so the form starts
 * empty (the API's default is 110 %) and shows what the API answered after a save.
 */
export function OverbookingPolicyForm({ hotelId, hotelName }: { hotelId: string; hotelName: string }) {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const headingId = useId();
  const [percent, setPercent] = useState('');
  const [ranges, setRanges] = useState<RangeRow[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<OverbookingPolicyResult>();
  const [nextKey, setNextKey] = useState(1);

  const update = (key: number, patch: Partial<RangeRow>) => setRanges((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  function submit(event: FormEvent) {
    event.preventDefault();
    setConfirming(true);
  }

  async function save() {
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      const result = await api.inventory.setOverbookingPolicy(hotelId, {
        percent: Number(percent),
        ranges: ranges.map((r) => ({ from: r.from, to: r.to, rooms: Number(r.rooms) })),
      });
      setSaved(result);
      setConfirming(false);
    } catch (e) {
      setError(e);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="overbooking-policy">
      <h2 id={headingId}>{t('policy.title')}</h2>
      <p className="muted">{t('policy.intro')}</p>
      <form className="form" onSubmit={submit}>
        <label>
          <span>{t('policy.percent')}</span>
          <input type="number" min={100} max={300} step={1} required value={percent} placeholder="110" onChange={(e) => setPercent(e.target.value)} />
        </label>
        <p className="hint">{t('policy.percentHint')}</p>
        <fieldset>
          <legend>{t('policy.ranges')}</legend>
          {ranges.length === 0 ? <p className="muted small">{t('policy.noRanges')}</p> : null}
          {ranges.map((r, i) => (
            <div key={r.key} className="form-grid policy-range" role="group" aria-label={t('policy.range', { index: i + 1 })}>
              <label>
                <span>{t('policy.from')}</span>
                <input type="date" required value={r.from} onChange={(e) => update(r.key, { from: e.target.value })} />
              </label>
              <label>
                <span>{t('policy.to')}</span>
                <input type="date" required min={r.from || undefined} value={r.to} onChange={(e) => update(r.key, { to: e.target.value })} />
              </label>
              <label>
                <span>{t('policy.rooms')}</span>
                <input type="number" min={0} max={1000} required value={r.rooms} onChange={(e) => update(r.key, { rooms: e.target.value })} />
              </label>
              <button type="button" className="button" onClick={() => setRanges((rows) => rows.filter((x) => x.key !== r.key))}>
                {t('policy.removeRange', { index: i + 1 })}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button"
            disabled={ranges.length >= 100}
            onClick={() => {
              setRanges((rows) => [...rows, { key: nextKey, from: '', to: '', rooms: '0' }]);
              setNextKey((k) => k + 1);
            }}
          >
            {t('policy.addRange')}
          </button>
        </fieldset>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('policy.save')}
        </button>
      </form>
      {error ? <ErrorNotice error={error} /> : null}
      {saved ? (
        <Success>
          <span data-testid="policy-saved">
            {t('policy.saved', { percent: saved.overbooking.percent, ranges: saved.overbooking.ranges.length, nights: saved.nightsChanged })}
          </span>
        </Success>
      ) : null}
      <ConfirmDialog open={confirming} title={t('policy.save')} confirmLabel={t('policy.save')} busy={busy} onConfirm={() => void save()} onCancel={() => setConfirming(false)}>
        <p>{t('policy.confirm', { hotel: hotelName, percent })}</p>
        {ranges.length > 0 ? (
          <ul>
            {ranges.map((r) => (
              <li key={r.key}>{t('policy.confirmRange', { from: r.from ? formatDate(r.from, locale) : '?', to: r.to ? formatDate(r.to, locale) : '?', rooms: r.rooms })}</li>
            ))}
          </ul>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
