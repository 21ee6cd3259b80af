import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LOCALES, type UiLanguage } from '../format/format.ts';
import { MESSAGES, translate, type MessageKey } from './messages.ts';

/**
 * The UI language (English or Korean) and `t()`. The choice is kept in `localStorage` (a
 * preference, not a secret; tokens never go there) and set on `<html lang>` so screen readers
 * pronounce the page right.
 */
export interface I18n {
  lang: UiLanguage;
  /** The locale `Intl` formats with. */
  locale: string;
  setLang(lang: UiLanguage): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
}

const LANG_KEY = 'console.lang';
const I18nContext = createContext<I18n | undefined>(undefined);

function initialLang(): UiLanguage {
  try {
    const stored = localStorage.getItem(LANG_KEY);
    if (stored === 'en' || stored === 'ko') return stored;
  } catch {
    /* storage blocked */
  }
  return navigator.language.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<UiLanguage>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: UiLanguage) => {
    setLangState(next);
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      /* storage blocked: the choice lasts this page */
    }
  }, []);
  const value = useMemo<I18n>(
    () => ({ lang, locale: LOCALES[lang], setLang, // A key built at run time (a saga step, a finding type the API added later) may have no
      // text yet: it shows as itself, which callers test with `t(key) === key`.
      t: (key, values) => translate((MESSAGES[lang] as Partial<Record<string, string>>)[key] ?? key, values) }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
