import type { ReactNode } from 'react';
import { useApp } from '../app-context.tsx';
import type { UiLanguage } from '../format/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { Link, useLocation } from '../router/router.tsx';

/**
 * `adminOnly`: pages whose every route the API keeps for admins (the PMS import and connections). A
 * hotel manager is not offered them; the API still refuses them anyway, to an address typed in.
 */
const NAV: Array<{ to: string; label: MessageKey; adminOnly?: true }> = [
  { to: '/', label: 'nav.dashboard' },
  { to: '/bookings', label: 'nav.bookings' },
  { to: '/attention', label: 'nav.attention' },
  { to: '/calendar', label: 'nav.calendar' },
  { to: '/hotels', label: 'nav.hotels' },
  { to: '/import', label: 'nav.import', adminOnly: true },
  { to: '/pms', label: 'nav.pms', adminOnly: true },
];

function isCurrent(to: string, path: string): boolean {
  return to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`);
}

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="lang-switch">
      <span>{t('lang.label')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as UiLanguage)} data-testid="language">
        <option value="en">English</option>
        <option value="ko">한국어</option>
      </select>
    </label>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { session, signOut } = useApp();
  const { path } = useLocation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          {t('app.title')}
        </Link>
        <div className="topbar-tools">
          <LanguageSwitch />
          <span className="user" data-testid="user">
            {t('user.signedInAs', { name: session.email ?? session.subject })} · {t(`user.role.${session.role}`)}
          </span>
          <button type="button" className="button" onClick={signOut}>
            {t('user.signOut')}
          </button>
        </div>
      </header>
      <nav className="sidenav" aria-label={t('nav.label')}>
        <ul>
          {NAV.filter((item) => !item.adminOnly || session.role === 'admin').map((item) => (
            <li key={item.to}>
              <Link to={item.to} aria-current={isCurrent(item.to, path) ? 'page' : undefined}>
                {t(item.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {session.role === 'hotel_manager' ? <p className="notice notice-info">{t('manager.notice')}</p> : null}
        {children}
      </main>
    </div>
  );
}
