import { useId, useState, type FormEvent } from 'react';
import { useApp } from '../app-context.tsx';
import type { PmsConfig } from '../api/types.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { RouteGate, RoutePanelGate } from '../components/capabilities.tsx';
import { Empty, ErrorNotice, Loading, Success } from '../components/feedback.tsx';
import { WebhookEventsPanel } from '../components/WebhookEventsPanel.tsx';
import type { ReconciliationSummary } from '../api/types.ts';
import { formatDateTime } from '../format/format.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router/router.tsx';
import type { MessageKey } from '../i18n/messages.ts';

/** PMS configs: health at a glance and the actions the API has (resume, sync now, key, polling). */
export function PmsPage() {
  const { api } = useApp();
  const { t } = useI18n();
  const configs = useAsync((signal) => api.pms.listConfigs(signal), []);
  const hotels = useAsync((signal) => api.catalog.listAllHotels(signal), []);
  return (
    <>
      <h1>{t('pms.title')}</h1>
      {configs.status === 'loading' ? <Loading /> : null}
      {configs.status === 'error' ? <ErrorNotice error={configs.error} onRetry={configs.reload} /> : null}
      {configs.status === 'ok' && configs.data.length === 0 ? <Empty>{t('pms.empty')}</Empty> : null}
      {configs.status === 'ok'
        ? configs.data.map((config) => (
            <ConfigCard key={config.configId} initial={config} timeZone={hotels.data?.find((h) => h.hotelId === config.hotelId)?.timeZone ?? 'UTC'} />
          ))
        : null}
      <RoutePanelGate planned="webhookEvents" title={t('pms.webhookEvents')}>
        <WebhookEventsPanel />
      </RoutePanelGate>
    </>
  );
}

function ConfigCard({ initial, timeZone }: { initial: PmsConfig; timeZone: string }) {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const [config, setConfig] = useState<PmsConfig>(initial);
  const [confirmOverbooking, setConfirmOverbooking] = useState(false);
  const [confirmResume, setConfirmResume] = useState(false);
  const [confirmReconcile, setConfirmReconcile] = useState(false);
  const [report, setReport] = useState<ReconciliationSummary>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState<string>();
  const [newKey, setNewKey] = useState('');
  const [interval, setIntervalValue] = useState(String(initial.pollingIntervalSeconds));
  const [horizon, setHorizon] = useState(String(initial.pollingHorizonDays));
  const headingId = useId();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale, timeZone) : t('common.never'));
  const name = config.hotelName ?? config.hotelId;

  async function run(action: string, work: () => Promise<string>) {
    setBusy(action);
    setError(undefined);
    setMessage(undefined);
    try {
      setMessage(await work());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  }

  const resume = () =>
    run('resume', async () => {
      setConfig(await api.pms.updateConfig(config.configId, { paused: false }));
      setConfirmResume(false);
      return t('pms.resumed');
    }).finally(() => setConfirmResume(false));

  const syncNow = () =>
    run('sync', async () => {
      const result = await api.pms.syncNow(config.configId);
      // The poll changes the config's health: read it again.
      const fresh = (await api.pms.listConfigs()).find((c) => c.configId === config.configId);
      if (fresh) setConfig(fresh);
      return result.status === 'ok'
        ? t('pms.syncResult.ok', { applied: result.nights.applied, created: result.nights.created, stale: result.nights.stale })
        : t('pms.syncResult.failed', { error: result.error ?? '' });
    });

  const reconcile = () =>
    run('reconcile', async () => {
      setReport(undefined);
      const summary = await api.pms.reconcile(config.configId);
      setConfirmReconcile(false);
      // The run changes the config's health (last reconciled, circuit): read it again.
      const fresh = (await api.pms.listConfigs()).find((c) => c.configId === config.configId);
      if (fresh) setConfig(fresh);
      setReport(summary);
      return summary.status === 'ok' ? t('pms.reconciled', { opened: summary.opened }) : t('pms.reconcileFailed', { error: summary.error ?? '' });
    }).finally(() => setConfirmReconcile(false));

  const toggleOverbooking = () =>
    run('overbooking', async () => {
      const accepts = !config.acceptsOverbooking;
      const updated = await api.pms.updateConfig(config.configId, { acceptsOverbooking: accepts });
      setConfig(updated);
      return t('pms.overbookingSaved', { state: accepts ? t('common.yes') : t('common.no'), nights: updated.nightsChanged ?? 0 });
    }).finally(() => setConfirmOverbooking(false));

  const rotate = (event: FormEvent) => {
    event.preventDefault();
    void run('rotate', async () => {
      setConfig(await api.pms.updateConfig(config.configId, { apiKey: newKey }));
      setNewKey('');
      return t('pms.rotated');
    });
  };

  const savePolling = (event: FormEvent) => {
    event.preventDefault();
    void run('polling', async () => {
      setConfig(await api.pms.updateConfig(config.configId, { pollingIntervalSeconds: Number(interval), pollingHorizonDays: Number(horizon) }));
      return t('pms.saved');
    });
  };

  return (
    <section className="panel pms-config" aria-labelledby={headingId} data-testid={`pms-config-${config.configId}`}>
      <h2 id={headingId}>
        <Link to={`/hotels/${encodeURIComponent(config.hotelId)}`}>{name}</Link> <span className="muted">· {config.vendor}</span>
      </h2>
      <dl className="dl-grid">
        <div className="dl-row">
          <dt>{t('pms.vendor')}</dt>
          <dd>
            {config.vendor} <code>{config.pmsHotelId}</code>
          </dd>
        </div>
        <div className="dl-row">
          <dt>{t('pms.lastSync')}</dt>
          <dd>{when(config.lastSyncAt)}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('pms.lastPoll')}</dt>
          <dd>{when(config.lastPollAt)}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('pms.failures')}</dt>
          <dd>{config.consecutiveFailures}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('pms.circuit')}</dt>
          <dd>{t(`pms.circuit.${config.circuit.state}`)}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('pms.paused')}</dt>
          <dd data-testid="paused">
            {config.paused ? <span className="badge badge-needs-attention">{t('common.yes')}</span> : t('common.no')}
          </dd>
        </div>
        <div className="dl-row">
          <dt>{t('pms.lastReconciled')}</dt>
          <dd>{when(config.lastReconciledAt)}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('pms.acceptsOverbooking')}</dt>
          <dd data-testid="accepts-overbooking">
            {config.acceptsOverbooking ? t('common.yes') : t('common.no')}{' '}
            <button type="button" className="button" disabled={busy !== undefined} onClick={() => setConfirmOverbooking(true)} aria-label={t('pms.changeOverbooking')}>
              {t('pms.change')}
            </button>
          </dd>
        </div>
        <div className="dl-row">
          <dt>{t('pms.active')}</dt>
          <dd>{config.isActive ? t('common.yes') : t('common.no')}</dd>
        </div>
        <div className="dl-row">
          <dt>
            {t('pms.webhooks')} / {t('pms.polling')}
          </dt>
          <dd>
            {config.webhookEnabled ? t('pms.on') : t('pms.off')} / {config.pollingEnabled ? t('pms.on') : t('pms.off')}
          </dd>
        </div>
        {config.lastError ? (
          <div className="dl-row">
            <dt>{t('pms.lastError')}</dt>
            <dd className="step-error">{config.lastError}</dd>
          </div>
        ) : null}
      </dl>
      {error ? <ErrorNotice error={error} /> : null}
      {message ? <Success>{message}</Success> : null}
      <div className="actions">
        {config.paused ? (
          <button type="button" className="button button-primary" onClick={() => setConfirmResume(true)} disabled={busy !== undefined}>
            {t('pms.resume')}
          </button>
        ) : null}
        <button type="button" className="button" onClick={() => void syncNow()} disabled={busy !== undefined}>
          {busy === 'sync' ? t('common.loading') : t('pms.syncNow')}
        </button>
        <RouteGate planned="reconcile" label={t('pms.reconcile')}>
          <button type="button" className="button" onClick={() => setConfirmReconcile(true)} disabled={busy !== undefined}>
            {busy === 'reconcile' ? t('common.loading') : t('pms.reconcile')}
          </button>
        </RouteGate>
      </div>
      {report ? <ReconcileReport report={report} /> : null}
      <div className="grid-2">
        <form className="form" onSubmit={savePolling}>
          <div className="form-grid">
            <label>
              <span>{t('pms.interval')}</span>
              <input type="number" min={60} max={86400} required value={interval} onChange={(e) => setIntervalValue(e.target.value)} />
            </label>
            <label>
              <span>{t('pms.horizon')}</span>
              <input type="number" min={1} max={90} required value={horizon} onChange={(e) => setHorizon(e.target.value)} />
            </label>
          </div>
          <button type="submit" className="button" disabled={busy !== undefined}>
            {t('pms.saveSettings')}
          </button>
        </form>
        <form className="form" onSubmit={rotate}>
          <label>
            <span>{t('pms.newKey')}</span>
            <input type="password" autoComplete="off" required value={newKey} onChange={(e) => setNewKey(e.target.value)} />
          </label>
          <p className="hint">{t('pms.rotateHint')}</p>
          <button type="submit" className="button" disabled={busy !== undefined}>
            {t('pms.rotateKey')}
          </button>
        </form>
      </div>
      <ConfirmDialog open={confirmResume} title={t('pms.resume')} confirmLabel={t('pms.resume')} busy={busy === 'resume'} onConfirm={() => void resume()} onCancel={() => setConfirmResume(false)}>
        <p>{t('pms.resumeConfirm', { hotel: name })}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmOverbooking}
        title={t('pms.changeOverbooking')}
        confirmLabel={t('pms.changeOverbooking')}
        busy={busy === 'overbooking'}
        onConfirm={() => void toggleOverbooking()}
        onCancel={() => setConfirmOverbooking(false)}
      >
        <p>{config.acceptsOverbooking ? t('pms.overbookingOffConfirm', { hotel: name }) : t('pms.overbookingOnConfirm', { hotel: name })}</p>
      </ConfirmDialog>
      <ConfirmDialog open={confirmReconcile} title={t('pms.reconcile')} confirmLabel={t('pms.reconcile')} busy={busy === 'reconcile'} onConfirm={() => void reconcile()} onCancel={() => setConfirmReconcile(false)}>
        <p>{t('pms.reconcileConfirm', { hotel: name, days: config.pollingHorizonDays })}</p>
      </ConfirmDialog>
    </section>
  );
}

/** What one reconciliation run compared, found and did. */
function ReconcileReport({ report }: { report: ReconciliationSummary }) {
  const { t } = useI18n();
  const found = Object.entries(report.found).filter(([, n]) => n > 0);
  return (
    <div className="notice notice-info" data-testid="reconcile-report">
      <p>
        {t('pms.reconcileCompared', { bookings: report.compared.bookings, reservations: report.compared.pmsReservations, from: report.range?.from ?? '?', to: report.range?.to ?? '?' })}
      </p>
      <p>{found.length === 0 ? t('pms.reconcileNothing') : found.map(([type, n]) => `${t(`finding.type.${type}` as MessageKey) === `finding.type.${type}` ? type : t(`finding.type.${type}` as MessageKey)}: ${n}`).join(' · ')}</p>
      {report.cancelledInPms.length > 0 ? <p>{t('pms.reconcileCancelled', { ids: report.cancelledInPms.join(', ') })}</p> : null}
      {report.hotelCancelled.length > 0 ? <p>{t('pms.reconcileHotelCancelled', { ids: report.hotelCancelled.join(', ') })}</p> : null}
      {report.opened > 0 ? (
        <p>
          <Link to="/attention">{t('pms.reconcileSeeFindings')}</Link>
        </p>
      ) : null}
    </div>
  );
}
