/**
 * The languages guest mail is written in (issue 8): Korean, English and Japanese. A booking keeps
 * the one its guest chose at checkout, or the one of the hotel's country.
 */
export const LOCALES = ['ko', 'en', 'ja'] as const;

export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The hotel's country (ISO 3166-1 alpha-2, or a name a PMS gave) -> its language; English elsewhere. */
export function localeForCountry(country: string | undefined): Locale {
  const c = (country ?? '').trim().toUpperCase();
  if (c === 'KR' || c === 'KOR' || c === 'KOREA' || c === 'SOUTH KOREA' || c === 'REPUBLIC OF KOREA') return 'ko';
  if (c === 'JP' || c === 'JPN' || c === 'JAPAN') return 'ja';
  return DEFAULT_LOCALE;
}
