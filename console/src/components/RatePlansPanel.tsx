import { useId, useState, type FormEvent } from 'react';
import { useApp } from '../app-context.tsx';
import type { AdminHotel, AdminRatePlan, AdminRoomType } from '../api/types.ts';
import { ratePlanFormValues, ratePlanInput, ratePlanPatch, ratePlanProblem, type RatePlanValues } from '../catalog/rate-plan-form.ts';
import { formatMoney } from '../format/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { RouteGate } from './capabilities.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { ErrorNotice } from './feedback.tsx';

/**
 * A room type's rate plans from the admin view (inactive ones too, each with its version): their
 * terms, edit, add, deactivate behind a confirmation that says what it does, reactivate. Where the
 * hotel has a PMS, the fields it owns (price, currency) are read-only with the reason, and adding a
 * plan is not offered: the API refuses both (409 PMS_MANAGED); the plans come with the import.
 * The API decides who may do what (an admin, or the hotel's manager); a refusal is shown as it is.
 */
export function RatePlansPanel({ hotel, roomType, onChanged }: { hotel: AdminHotel; roomType: AdminRoomType; onChanged(message: string): void }) {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [deactivating, setDeactivating] = useState<AdminRatePlan>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const owned = new Set(hotel.pmsOwned.ratePlan);
  const pms = hotel.pmsVendor !== undefined;

  async function run(work: () => Promise<string>) {
    setBusy(true);
    setError(undefined);
    try {
      const message = await work();
      setEditing(undefined);
      setAdding(false);
      onChanged(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setDeactivating(undefined);
    }
  }

  return (
    <div className="rate-plans" data-testid={`rate-plans-${roomType.roomTypeId}`}>
      <h4>{t('ratePlans.title', { roomType: roomType.name })}</h4>
      {owned.size > 0 ? <p className="hint">{t('ratePlans.pmsOwned', { fields: [...owned].join(', '), vendor: hotel.pmsVendor ?? '' })}</p> : null}
      {roomType.ratePlans.length === 0 ? <p className="muted">{t('ratePlans.empty')}</p> : null}
      <ul className="rate-plan-list">
        {roomType.ratePlans.map((plan) => (
          <li key={plan.ratePlanId} className="rate-plan">
            <p>
              <strong>{plan.name}</strong> <code className="muted">{plan.ratePlanId}</code>{' '}
              {plan.isActive ? null : <span className="badge badge-inactive">{t('ratePlans.inactive')}</span>}
            </p>
            <p>{t('ratePlans.price', { price: formatMoney(plan.basePrice, plan.currency, locale) })}</p>
            <p className="muted">{termsOf(plan, t)}</p>
            <div className="actions">
              <RouteGate planned="ratePlanEdit" label={t('ratePlans.edit', { name: plan.name })}>
                <button type="button" className="button" aria-expanded={editing === plan.ratePlanId} disabled={busy} onClick={() => setEditing(editing === plan.ratePlanId ? undefined : plan.ratePlanId)}>
                  {t('ratePlans.edit', { name: plan.name })}
                </button>
              </RouteGate>
              {plan.isActive ? (
                <RouteGate planned="ratePlanDeactivate" label={t('ratePlans.deactivate', { name: plan.name })}>
                  <button type="button" className="button" disabled={busy} onClick={() => setDeactivating(plan)}>
                    {t('ratePlans.deactivate', { name: plan.name })}
                  </button>
                </RouteGate>
              ) : (
                <RouteGate planned="ratePlanEdit" label={t('ratePlans.reactivate', { name: plan.name })}>
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    onClick={() =>
                      void run(async () => {
                        await api.catalogAdmin.updateRatePlan(hotel.hotelId, roomType.roomTypeId, plan.ratePlanId, plan.version, { isActive: true });
                        return t('ratePlans.reactivated', { name: plan.name });
                      })
                    }
                  >
                    {t('ratePlans.reactivate', { name: plan.name })}
                  </button>
                </RouteGate>
              )}
            </div>
            {editing === plan.ratePlanId ? (
              <RatePlanForm
                initial={ratePlanFormValues(plan)}
                currency={plan.currency}
                owned={owned}
                busy={busy}
                submitLabel={t('hotelEdit.save')}
                testId={`rate-plan-editor-${plan.ratePlanId}`}
                onSubmit={(before, after) =>
                  void run(async () => {
                    await api.catalogAdmin.updateRatePlan(hotel.hotelId, roomType.roomTypeId, plan.ratePlanId, plan.version, ratePlanPatch(before, after));
                    return t('ratePlans.saved', { name: after.name.trim() || plan.name });
                  })
                }
              />
            ) : null}
          </li>
        ))}
      </ul>
      {pms ? (
        <p className="hint">{t('ratePlans.addPms', { vendor: hotel.pmsVendor ?? '' })}</p>
      ) : (
        <RouteGate planned="ratePlanCreate" label={t('ratePlans.add')}>
          <button type="button" className="button" aria-expanded={adding} disabled={busy} onClick={() => setAdding((a) => !a)}>
            {t('ratePlans.add')}
          </button>
        </RouteGate>
      )}
      {adding && !pms ? (
        <RatePlanForm
          initial={ratePlanFormValues()}
          currency={hotel.currency}
          owned={owned}
          busy={busy}
          submitLabel={t('ratePlans.create')}
          testId={`rate-plan-new-${roomType.roomTypeId}`}
          onSubmit={(_before, after) =>
            void run(async () => {
              const plan = await api.catalogAdmin.createRatePlan(hotel.hotelId, roomType.roomTypeId, ratePlanInput(after));
              return t('ratePlans.created', { name: plan.name });
            })
          }
        />
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <ConfirmDialog
        open={deactivating !== undefined}
        title={t('ratePlans.deactivateTitle')}
        confirmLabel={t('ratePlans.deactivateTitle')}
        busy={busy}
        onConfirm={() =>
          deactivating &&
          void run(async () => {
            await api.catalogAdmin.deactivateRatePlan(hotel.hotelId, roomType.roomTypeId, deactivating.ratePlanId, deactivating.version);
            return t('ratePlans.deactivated', { name: deactivating.name });
          })
        }
        onCancel={() => setDeactivating(undefined)}
      >
        <p>{t('ratePlans.confirmDeactivate', { name: deactivating?.name ?? '', roomType: roomType.name })}</p>
      </ConfirmDialog>
    </div>
  );
}

type Translate = ReturnType<typeof useI18n>['t'];

/** A plan's terms in words: refund and cancellation, breakfast, stays. */
function termsOf(plan: AdminRatePlan, t: Translate): string {
  const parts = [plan.isRefundable ? t('hotel.refundable') : t('hotel.nonRefundable')];
  if (plan.isRefundable && plan.cancellationHours !== undefined) parts.push(t('ratePlans.freeUntil', { hours: plan.cancellationHours }));
  if (plan.cancellationFeePercent !== undefined) parts.push(t('ratePlans.feeOf', { percent: plan.cancellationFeePercent }));
  if (plan.breakfastIncluded) parts.push(t('hotel.breakfast'));
  if (plan.minStay !== undefined) parts.push(t('ratePlans.minStayOf', { nights: plan.minStay }));
  if (plan.maxStay !== undefined) parts.push(t('ratePlans.maxStayOf', { nights: plan.maxStay }));
  return parts.join(' · ');
}

function RatePlanForm({
  initial,
  currency,
  owned,
  busy,
  submitLabel,
  testId,
  onSubmit,
}: {
  initial: RatePlanValues;
  currency: string;
  owned: ReadonlySet<string>;
  busy: boolean;
  submitLabel: string;
  testId: string;
  onSubmit(before: RatePlanValues, after: RatePlanValues): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [values, setValues] = useState(initial);
  const problem = ratePlanProblem(values);
  const unchanged = JSON.stringify(values) === JSON.stringify(initial);
  const priceLocked = owned.has('basePrice');
  const set = (field: keyof RatePlanValues) => (e: { target: { value: string; checked: boolean; type: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.type === 'checkbox' ? e.target.checked : e.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!problem) onSubmit(initial, values);
  };
  return (
    <form className="form" onSubmit={submit} data-testid={testId}>
      <div className="form-grid">
        <label>
          <span>{t('ratePlans.name')}</span>
          <input required maxLength={200} value={values.name} onChange={set('name')} disabled={busy} />
        </label>
        <div className="field-stack">
          <label>
            <span>{t('ratePlans.basePrice', { currency })}</span>
            <input type="number" required min={0.01} step="any" value={values.basePrice} onChange={set('basePrice')} disabled={busy || priceLocked} aria-describedby={priceLocked ? `${id}-price-owned` : undefined} />
          </label>
          {priceLocked ? (
            <span id={`${id}-price-owned`} className="hint">
              {t('hotelEdit.ownedByPms')}
            </span>
          ) : null}
        </div>
        <label className="choice">
          <input type="checkbox" checked={values.isRefundable} onChange={set('isRefundable')} disabled={busy} />
          <span>{t('ratePlans.refundable')}</span>
        </label>
        <label>
          <span>{t('ratePlans.cancellationHours')}</span>
          <input type="number" min={0} max={8760} step={1} value={values.cancellationHours} onChange={set('cancellationHours')} disabled={busy} />
        </label>
        <label>
          <span>{t('ratePlans.cancellationFee')}</span>
          <input type="number" min={0} max={100} step="any" value={values.cancellationFeePercent} onChange={set('cancellationFeePercent')} disabled={busy} />
        </label>
        <label className="choice">
          <input type="checkbox" checked={values.breakfastIncluded} onChange={set('breakfastIncluded')} disabled={busy} />
          <span>{t('ratePlans.breakfast')}</span>
        </label>
        <label>
          <span>{t('ratePlans.minStay')}</span>
          <input type="number" min={1} max={365} step={1} value={values.minStay} onChange={set('minStay')} disabled={busy} />
        </label>
        <div className="field-stack">
          <label>
            <span>{t('ratePlans.maxStay')}</span>
            <input type="number" min={1} max={365} step={1} value={values.maxStay} onChange={set('maxStay')} disabled={busy} aria-invalid={problem === 'maxStay'} aria-describedby={problem ? `${id}-stay` : undefined} />
          </label>
          {problem ? (
            <span id={`${id}-stay`} className="hint" role="alert">
              {t('ratePlans.maxBelowMin')}
            </span>
          ) : null}
        </div>
      </div>
      <p className="hint">{t('ratePlans.emptyHint')}</p>
      <button type="submit" className="button button-primary" disabled={busy || unchanged || problem !== undefined}>
        {submitLabel}
      </button>
    </form>
  );
}
