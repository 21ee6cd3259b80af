import { useCallback, useEffect, useMemo, useState } from 'react';
import { createApi } from './api/index.ts';
import { AppContext, type AppContextValue } from './app-context.tsx';
import { logoutUrl } from './auth/cognito.ts';
import { SessionStore, type Session } from './auth/session.ts';
import { CapabilitiesProvider } from './components/capabilities.tsx';
import { ErrorNotice, Loading } from './components/feedback.tsx';
import { Layout } from './components/Layout.tsx';
import { loadRuntimeConfig, type RuntimeConfig } from './config/runtime-config.ts';
import { useI18n } from './i18n/i18n.tsx';
import { AttentionPage } from './pages/AttentionPage.tsx';
import { BookingDetailPage } from './pages/BookingDetailPage.tsx';
import { BookingsPage } from './pages/BookingsPage.tsx';
import { CalendarEditPage } from './pages/CalendarEditPage.tsx';
import { CalendarPage } from './pages/CalendarPage.tsx';
import { CallbackPage } from './pages/CallbackPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { HotelDetailPage } from './pages/HotelDetailPage.tsx';
import { HotelsPage } from './pages/HotelsPage.tsx';
import { ImportPage } from './pages/ImportPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PmsPage } from './pages/PmsPage.tsx';
import { BASE_PATH, matchPath, navigate, useLocation } from './router/router.tsx';

const store = new SessionStore(window.sessionStorage);

function Page() {
  const { path } = useLocation();
  if (path === '/') return <DashboardPage />;
  if (path === '/bookings') return <BookingsPage />;
  if (matchPath('/bookings/:bookingId', path)) return <BookingDetailPage />;
  if (path === '/attention') return <AttentionPage />;
  if (path === '/calendar') return <CalendarPage />;
  if (path === '/calendar/edit') return <CalendarEditPage />;
  if (path === '/hotels') return <HotelsPage />;
  if (matchPath('/hotels/:hotelId', path)) return <HotelDetailPage />;
  if (path === '/import') return <ImportPage />;
  if (path === '/pms') return <PmsPage />;
  return <NotFoundPage />;
}

/**
 * Loads `config.json`, restores the tab's session, and shows the login page, the Cognito callback
 * or the console. A 401 from the API ends the session (the token expired or was revoked).
 */
export function App() {
  const { t } = useI18n();
  const { path } = useLocation();
  const [config, setConfig] = useState<RuntimeConfig | undefined>();
  const [configError, setConfigError] = useState<unknown>();
  const [session, setSession] = useState<Session | undefined>(() => store.load());
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    loadRuntimeConfig(BASE_PATH).then(setConfig, setConfigError);
  }, []);

  const signIn = useCallback((token: string, returnTo?: string) => {
    setSession(store.save(token));
    setExpired(false);
    navigate(returnTo && returnTo.startsWith('/') ? returnTo : '/', { replace: true });
  }, []);

  const signOut = useCallback(() => {
    store.clear();
    setSession(undefined);
    if (config?.auth.mode === 'cognito') {
      window.location.assign(logoutUrl(config.auth, `${window.location.origin}${BASE_PATH}/`));
      return;
    }
    navigate('/', { replace: true });
  }, [config]);

  const value = useMemo<AppContextValue | undefined>(() => {
    if (!config || !session) return undefined;
    const api = createApi({
      basePath: config.apiBase,
      token: () => session.token,
      onUnauthorized: () => {
        store.clear();
        setSession(undefined);
        setExpired(true);
      },
    });
    return { config, session, api, signOut };
  }, [config, session, signOut]);

  if (configError) {
    return (
      <main className="centered">
        <h1>{t('app.configError')}</h1>
        <ErrorNotice error={configError} />
      </main>
    );
  }
  if (!config) {
    return (
      <main className="centered">
        <Loading label={t('app.loadingConfig')} />
      </main>
    );
  }
  if (path === '/callback' && config.auth.mode === 'cognito') return <CallbackPage config={config.auth} onToken={signIn} />;
  if (!value) return <LoginPage config={config} onToken={signIn} expired={expired} returnTo={path} />;
  return (
    <AppContext.Provider value={value}>
      <CapabilitiesProvider>
        <Layout>
          <Page />
        </Layout>
      </CapabilitiesProvider>
    </AppContext.Provider>
  );
}
