import { useEffect, useRef, useState } from 'react';
import { completeLogin, type CognitoSettings } from '../auth/cognito.ts';
import { ErrorNotice, Loading } from '../components/feedback.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router/router.tsx';

/** `/console/callback?code=...&state=...`: finishes the Cognito login. */
export function CallbackPage({ config, onToken }: { config: CognitoSettings; onToken(token: string, returnTo?: string): void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  const started = useRef(false);
  useEffect(() => {
    // Once only, even under StrictMode's double effects: a code can be exchanged a single time.
    if (started.current) return;
    started.current = true;
    completeLogin(config, window.location.href, { storage: window.sessionStorage }).then(
      (tokens) => onToken(tokens.idToken, tokens.returnTo),
      setError,
    );
  }, [config, onToken]);
  return (
    <main className="centered" id="main">
      {error ? (
        <>
          <h1>{t('login.failed')}</h1>
          <ErrorNotice error={error} />
          <Link to="/">{t('login.title')}</Link>
        </>
      ) : (
        <Loading label={t('login.callback')} />
      )}
    </main>
  );
}
