import { useEffect, useId, useState, type FormEvent } from 'react';
import { useApp } from '../app-context.tsx';
import type { Hotel, PmsVendor, RoomType, SavedListing } from '../api/types.ts';
import { PMS_VENDORS } from '../api/types.ts';
import { ErrorNotice, Loading } from '../components/feedback.tsx';
import { formatMoney } from '../format/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { draftFromForm, importChanges, nightsSummary, toSaveInput, type ImportDraft } from '../import/import-draft.ts';
import { Link, navigate, useLocation } from '../router/router.tsx';

/** The PMS's errors in words an admin can act on; the API's own message is shown as well. */
const PMS_HINTS: Partial<Record<string, MessageKey>> = {
  PMS_AUTH_FAILED: 'import.pmsError.PMS_AUTH_FAILED',
  PMS_NOT_FOUND: 'import.pmsError.PMS_NOT_FOUND',
  PMS_UNAVAILABLE: 'import.pmsError.PMS_UNAVAILABLE',
  PMS_RATE_LIMITED: 'import.pmsError.PMS_RATE_LIMITED',
  VALIDATION_ERROR: 'import.pmsError.VALIDATION_ERROR',
  IMPORT_CONFLICT: 'import.pmsError.IMPORT_CONFLICT',
};

type Step = 'connect' | 'review' | 'done';

interface Connection {
  vendor: PmsVendor;
  hotelId: string;
  apiKey: string;
  apiBaseUrl: string;
}

function Steps({ step }: { step: Step }) {
  const { t } = useI18n();
  const steps: Array<[Step, MessageKey]> = [
    ['connect', 'import.step.connect'],
    ['review', 'import.step.review'],
    ['done', 'import.step.done'],
  ];
  return (
    <ol className="steps" aria-label={t('import.steps')}>
      {steps.map(([id, label], i) => (
        <li key={id} aria-current={id === step ? 'step' : undefined} className={id === step ? 'current' : undefined}>
          <span className="step-number">{i + 1}</span> {t(label)}
        </li>
      ))}
    </ol>
  );
}

function Field({ label, hint, children }: { label: string; hint?: string; children: (ids: { id: string; describedBy?: string }) => React.ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(hint ? { describedBy: hintId } : {}) })}
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Seed 000's import modal as a wizard: connect (vendor, PMS hotel id, API key, base URL), review
 * and edit the fetched form (with what a re-import will change), save, go to the hotel.
 */
export function ImportPage() {
  const { api } = useApp();
  const { t } = useI18n();
  const { query } = useLocation();
  const [step, setStep] = useState<Step>('connect');
  const [connection, setConnection] = useState<Connection>({ vendor: 'cloudbeds', hotelId: '', apiKey: '', apiBaseUrl: '' });
  const [draft, setDraft] = useState<ImportDraft>();
  const [existing, setExisting] = useState<{ hotel: Hotel; roomTypes: RoomType[] }>();
  const [saved, setSaved] = useState<SavedListing>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  // `/import?hotelId=htl_...`: a re-import, prefilled from that hotel's PMS config (never its key).
  const reimportOf = query.get('hotelId');
  useEffect(() => {
    if (!reimportOf) return;
    const controller = new AbortController();
    api.pms.listConfigs(controller.signal).then(
      (configs) => {
        const config = configs.find((c) => c.hotelId === reimportOf);
        if (config) setConnection((c) => ({ ...c, vendor: config.vendor, hotelId: config.pmsHotelId, apiBaseUrl: config.apiBaseUrl }));
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [api, reimportOf]);

  async function fetchForm(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const baseUrl = connection.apiBaseUrl.trim();
      const form = await api.pms.fetchHotelData({
        vendor: connection.vendor,
        hotelId: connection.hotelId.trim(),
        apiKey: connection.apiKey,
        ...(baseUrl ? { apiBaseUrl: baseUrl } : {}),
      });
      // Is this PMS hotel imported already? Then show what saving will change.
      const configs = await api.pms.listConfigs().catch(() => []);
      const config = configs.find((c) => c.vendor === form.vendor && c.pmsHotelId === form.hotelId);
      if (config) {
        const [hotel, roomTypes] = await Promise.all([api.catalog.getHotel(config.hotelId), api.catalog.listRoomTypes(config.hotelId)]);
        setExisting({ hotel, roomTypes });
      } else setExisting(undefined);
      setDraft(draftFromForm(form));
      setStep('review');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setBusy(true);
    setError(undefined);
    try {
      const baseUrl = connection.apiBaseUrl.trim();
      setSaved(await api.pms.saveListing(toSaveInput(draft, { apiKey: connection.apiKey, ...(baseUrl ? { apiBaseUrl: baseUrl } : {}) })));
      // The key has done its job: it is not kept in the page.
      setConnection((c) => ({ ...c, apiKey: '' }));
      setStep('done');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function restart() {
    setStep('connect');
    setDraft(undefined);
    setExisting(undefined);
    setSaved(undefined);
    setError(undefined);
    setConnection({ vendor: 'cloudbeds', hotelId: '', apiKey: '', apiBaseUrl: '' });
    navigate('/import', { replace: true });
  }

  return (
    <>
      <h1>{t('import.title')}</h1>
      <Steps step={step} />
      {step === 'connect' ? (
        <form className="form panel" onSubmit={fetchForm} data-testid="import-connect">
          <Field label={t('import.vendor')}>
            {({ id }) => (
              <select id={id} value={connection.vendor} onChange={(e) => setConnection({ ...connection, vendor: e.target.value as PmsVendor })}>
                {PMS_VENDORS.map((v) => (
                  <option key={v} value={v}>
                    {t(`import.vendor.${v}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('import.hotelId')} hint={t('import.hotelIdHint')}>
            {({ id, describedBy }) => (
              <input id={id} aria-describedby={describedBy} required value={connection.hotelId} onChange={(e) => setConnection({ ...connection, hotelId: e.target.value })} autoComplete="off" />
            )}
          </Field>
          <Field label={t('import.apiKey')} hint={t('import.apiKeyHint')}>
            {({ id, describedBy }) => (
              <input id={id} aria-describedby={describedBy} required type="password" value={connection.apiKey} onChange={(e) => setConnection({ ...connection, apiKey: e.target.value })} autoComplete="off" />
            )}
          </Field>
          <Field label={t('import.baseUrl')} hint={t('import.baseUrlHint')}>
            {({ id, describedBy }) => (
              <input
                id={id}
                aria-describedby={describedBy}
                type="url"
                required={connection.vendor === 'generic'}
                value={connection.apiBaseUrl}
                onChange={(e) => setConnection({ ...connection, apiBaseUrl: e.target.value })}
                placeholder="https://pms.example.com/api"
              />
            )}
          </Field>
          {error ? <ErrorNotice error={error} hints={PMS_HINTS} /> : null}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('import.fetching') : t('import.fetch')}
          </button>
          {busy ? <Loading label={t('import.fetching')} /> : null}
        </form>
      ) : null}
      {step === 'review' && draft ? (
        <Review draft={draft} setDraft={setDraft} existing={existing} busy={busy} error={error} onSave={save} onBack={() => setStep('connect')} />
      ) : null}
      {step === 'done' && saved && draft ? (
        <section className="panel" aria-labelledby="import-done" data-testid="import-done">
          <h2 id="import-done">{t('import.savedTitle', { name: draft.hotelName })}</h2>
          <p>{t(saved.created ? 'import.savedCreated' : 'import.savedUpdated', { count: saved.roomTypes.length, nights: saved.nights })}</p>
          {saved.webhookUrl ? (
            <p>
              {t('import.webhookUrl')}: <code>{saved.webhookUrl}</code>
            </p>
          ) : null}
          <div className="actions">
            <Link className="button button-primary" to={`/hotels/${encodeURIComponent(saved.listingId)}`}>
              {t('import.openHotel')}
            </Link>
            <button type="button" className="button" onClick={restart}>
              {t('import.another')}
            </button>
          </div>
        </section>
      ) : null}
    </>
  );
}

function Review({
  draft,
  setDraft,
  existing,
  busy,
  error,
  onSave,
  onBack,
}: {
  draft: ImportDraft;
  setDraft(d: ImportDraft): void;
  existing: { hotel: Hotel; roomTypes: RoomType[] } | undefined;
  busy: boolean;
  error: unknown;
  onSave(e: FormEvent): void;
  onBack(): void;
}) {
  const { t, locale } = useI18n();
  const currency = draft.form.currency;
  const changes = existing ? importChanges(draft, existing) : undefined;
  const text = (key: keyof Pick<ImportDraft, 'hotelName' | 'description' | 'city' | 'country' | 'address' | 'timeZone'>, label: MessageKey, required = false) => (
    <Field label={t(label)}>
      {({ id }) => <input id={id} value={draft[key]} required={required} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />}
    </Field>
  );
  return (
    <form className="form" onSubmit={onSave} data-testid="import-review">
      <section className="panel" aria-labelledby="import-hotel">
        <h2 id="import-hotel">{t('import.hotel')}</h2>
        <div className="form-grid">
          {text('hotelName', 'import.name', true)}
          {text('city', 'import.city', true)}
          {text('country', 'import.country', true)}
          {text('address', 'import.address')}
          {text('timeZone', 'import.timeZone')}
          <Field label={t('import.currency')}>{({ id }) => <input id={id} value={currency} readOnly />}</Field>
        </div>
        <Field label={t('import.description')}>
          {({ id }) => <textarea id={id} rows={2} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />}
        </Field>
      </section>
      <section className="panel" aria-labelledby="import-rooms">
        <h2 id="import-rooms">{t('import.roomTypes')}</h2>
        {draft.roomTypes.map((rt, i) => {
          const update = (patch: Partial<typeof rt>) => setDraft({ ...draft, roomTypes: draft.roomTypes.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
          const summary = nightsSummary(rt.source);
          return (
            <fieldset key={rt.pmsRoomTypeId} className="room-edit">
              <legend>
                {rt.source.roomTypeName} <code className="muted">{rt.pmsRoomTypeId}</code>
              </legend>
              <label className="choice">
                <input type="checkbox" checked={rt.include} onChange={(e) => update({ include: e.target.checked })} />
                {t('import.include')}
              </label>
              <div className="form-grid">
                <Field label={t('import.roomName')}>{({ id }) => <input id={id} value={rt.roomTypeName} required={rt.include} onChange={(e) => update({ roomTypeName: e.target.value })} />}</Field>
                <Field label={t('import.maxOccupancy')}>
                  {({ id }) => <input id={id} type="number" min={1} max={50} value={rt.maxOccupancy} onChange={(e) => update({ maxOccupancy: Number(e.target.value) })} />}
                </Field>
                <Field label={t('import.averagePrice', { average: rt.source.averagePrice === null ? t('common.none') : formatMoney(rt.source.averagePrice, rt.source.currency, locale) })}>
                  {({ id }) => <input id={id} type="number" min={0} step="any" value={rt.basePrice} onChange={(e) => update({ basePrice: e.target.value })} />}
                </Field>
              </div>
              <p className="muted small">
                {t('import.photos', { count: rt.source.images.length })}
                {summary
                  ? ` · ${t('import.nights', {
                      min: summary.minFree,
                      max: summary.maxFree,
                      low: formatMoney(summary.minPrice, rt.source.currency, locale),
                      high: formatMoney(summary.maxPrice, rt.source.currency, locale),
                    })}`
                  : ''}
              </p>
            </fieldset>
          );
        })}
      </section>
      <section className="panel" aria-labelledby="import-changes" data-testid="import-changes">
        <h2 id="import-changes">{t(changes ? 'import.changes' : 'import.newTitle')}</h2>
        {!changes ? <p>{t('import.newListing')}</p> : null}
        {changes && changes.length === 0 ? <p>{t('import.changesNone')}</p> : null}
        {changes && changes.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('import.change.scope')}</th>
                  <th scope="col">{t('import.change.field')}</th>
                  <th scope="col">{t('import.change.now')}</th>
                  <th scope="col">{t('import.change.after')}</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((c, i) =>
                  c.kind === 'field' ? (
                    <tr key={i}>
                      <th scope="row">{c.scope === 'hotel' ? t('import.change.hotelScope') : c.scope}</th>
                      <td>{t(`import.field.${c.field}` as MessageKey)}</td>
                      <td className="diff-before">{c.field === 'basePrice' && c.before ? formatMoney(Number(c.before), currency, locale) : c.before || t('common.none')}</td>
                      <td className="diff-after">{c.field === 'basePrice' && c.after ? formatMoney(Number(c.after), currency, locale) : c.after || t('common.none')}</td>
                    </tr>
                  ) : (
                    <tr key={i}>
                      <th scope="row">{c.name}</th>
                      <td colSpan={3}>{t(c.kind === 'roomTypeAdded' ? 'import.change.added' : 'import.change.removed')}</td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {error ? <ErrorNotice error={error} hints={PMS_HINTS} /> : null}
      <div className="actions">
        <button type="button" className="button" onClick={onBack} disabled={busy}>
          {t('common.back')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('import.saving') : t('import.save')}
        </button>
      </div>
    </form>
  );
}
