import { useId, type ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { PLANNED, type PlannedKey } from '../api/planned.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';

/** Loading, empty and error states, and the "not built yet" action: the same everywhere. */
export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return <p className="empty">{children ?? t('empty.default')}</p>;
}

/**
 * An error as the API told it: its message, its code and the request id. `hints` may map a code to
 * words an admin can act on (the import's PMS errors); the API's own message is always shown too.
 */
export function ErrorNotice({ error, onRetry, hints }: { error: unknown; onRetry?: () => void; hints?: Partial<Record<string, MessageKey>> }) {
  const { t } = useI18n();
  const api = error instanceof ApiError ? error : undefined;
  const message = api?.message ?? (error instanceof Error ? error.message : String(error));
  const hint = api && hints?.[api.code];
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{t('error.title')}</p>
      {hint ? <p className="notice-hint">{t(hint)}</p> : null}
      {api?.status === 403 ? <p className="notice-hint">{t('error.forbiddenHint')}</p> : null}
      <p>{message}</p>
      {api ? (
        <p className="notice-meta">
          {t('error.code')}: <code data-testid="error-code">{api.code}</code>
          {api.status ? <> · HTTP {api.status}</> : null}
          {api.requestId ? (
            <>
              {' '}
              · {t('error.requestId')}: <code>{api.requestId}</code>
            </>
          ) : null}
        </p>
      ) : null}
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Success({ children }: { children: ReactNode }) {
  return (
    <p className="notice notice-success" role="status">
      {children}
    </p>
  );
}

/**
 * An action whose API route does not exist yet: a disabled button and, tied to it, the route it
 * needs and the issue that builds it. Never a button that pretends.
 */
export function PlannedAction({ label, planned }: { label: string; planned: PlannedKey }) {
  const { t } = useI18n();
  const id = useId();
  const { issue, route } = PLANNED[planned];
  return (
    <span className="planned">
      <button type="button" className="button" disabled aria-describedby={id}>
        {label}
      </button>
      <span id={id} className="planned-reason">
        {t('common.unavailable', { route, issue })}
      </span>
    </span>
  );
}

/** A whole panel that needs a route that does not exist yet. */
export function PlannedPanel({ title, planned }: { title: string; planned: PlannedKey }) {
  const { t } = useI18n();
  const { issue, route } = PLANNED[planned];
  return (
    <section className="panel panel-planned" aria-label={title}>
      <h3>{title}</h3>
      <p className="planned-reason">{t('common.unavailable', { route, issue })}</p>
    </section>
  );
}
