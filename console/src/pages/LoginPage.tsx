import { useState, type FormEvent } from 'react';
import { ApiClient } from '../api/client.ts';
import { catalogApi } from '../api/catalog.ts';
import type { Hotel } from '../api/types.ts';
import { beginLogin } from '../auth/cognito.ts';
import { localLogin, type LocalLoginRole } from '../auth/local-login.ts';
import { ErrorNotice, Loading } from '../components/feedback.tsx';
import { LanguageSwitch } from '../components/Layout.tsx';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { BASE_PATH } from '../router/router.tsx';

/**
 * Local mode: pick admin, or a hotel manager and their hotels, and get a token from the local
 * issuer. Cognito mode: one button to the managed login (authorization code + PKCE).
 */
export function LoginPage({ config, onToken, expired, returnTo }: { config: RuntimeConfig; onToken(token: string): void; expired: boolean; returnTo: string }) {
  const { t } = useI18n();
  return (
    <main className="centered login" id="main">
      <div className="login-top">
        <LanguageSwitch />
      </div>
      <h1>{t('app.title')}</h1>
      <section className="panel" aria-labelledby="login-title">
        <h2 id="login-title">{t('login.title')}</h2>
        {expired ? <p className="notice notice-info">{t('login.expired')}</p> : null}
        {config.auth.mode === 'local' ? <LocalLogin config={config} onToken={onToken} /> : <CognitoLogin config={config.auth} returnTo={returnTo} />}
      </section>
    </main>
  );
}

function LocalLogin({ config, onToken }: { config: RuntimeConfig; onToken(token: string): void }) {
  const { t } = useI18n();
  const [role, setRole] = useState<LocalLoginRole>('admin');
  const [hotelIds, setHotelIds] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // The public hotel list, to pick a manager's hotels from.
  const hotels = useAsync<Hotel[]>((signal) => catalogApi(new ApiClient({ basePath: config.apiBase, token: () => undefined })).listAllHotels(signal), [config.apiBase]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (role === 'hotel_manager' && hotelIds.length === 0) {
      setError(new Error(t('login.hotelsNeeded')));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onToken(await localLogin(role, role === 'hotel_manager' ? hotelIds : []));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="form">
      <p className="hint">{t('login.localNote')}</p>
      <fieldset>
        <legend>{t('login.role')}</legend>
        {(['admin', 'hotel_manager'] as const).map((r) => (
          <label key={r} className="choice">
            <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} />
            {t(`login.role.${r}`)}
          </label>
        ))}
      </fieldset>
      {role === 'hotel_manager' ? (
        <fieldset>
          <legend>{t('login.hotels')}</legend>
          {hotels.status === 'loading' ? <Loading /> : null}
          {hotels.status === 'error' ? <ErrorNotice error={hotels.error} onRetry={hotels.reload} /> : null}
          {hotels.data?.map((h) => (
            <label key={h.hotelId} className="choice">
              <input
                type="checkbox"
                value={h.hotelId}
                checked={hotelIds.includes(h.hotelId)}
                onChange={(e) => setHotelIds((ids) => (e.target.checked ? [...ids, h.hotelId] : ids.filter((x) => x !== h.hotelId)))}
              />
              {h.name} <span className="muted">({h.hotelId})</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('login.submit')}
      </button>
    </form>
  );
}

function CognitoLogin({ config, returnTo }: { config: Extract<RuntimeConfig['auth'], { mode: 'cognito' }>; returnTo: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  async function go() {
    try {
      const url = await beginLogin(config, { redirectUri: `${window.location.origin}${BASE_PATH}/callback`, returnTo, storage: window.sessionStorage });
      window.location.assign(url);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <div className="form">
      <p className="hint">{t('login.cognitoNote')}</p>
      {error ? <ErrorNotice error={error} /> : null}
      <button type="button" className="button button-primary" onClick={() => void go()}>
        {t('login.cognito')}
      </button>
    </div>
  );
}
