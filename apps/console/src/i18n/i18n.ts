import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import ru from './locales/ru.json';

export const languages = ['ru', 'en'] as const;
export type Language = (typeof languages)[number];

/** Russian and English; the browser's language first, the operator's choice remembered. */
export async function initI18n(options: { lng?: Language } = {}) {
  const instance = i18next.createInstance();
  if (!options.lng) instance.use(LanguageDetector);
  await instance.use(initReactI18next).init({
    resources: { en: { translation: en }, ru: { translation: ru } },
    lng: options.lng,
    fallbackLng: 'en',
    supportedLngs: [...languages],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    interpolation: { escapeValue: false },
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: 'switchboard.language', caches: ['localStorage'] },
    returnNull: false,
    // A key missing in the language shown is recorded where the browser tests look for it.
    saveMissing: true,
    missingKeyHandler: (lngs: readonly string[], _ns: string, key: string) => {
      const record = window as unknown as { __switchboardMissingKeys?: string[] };
      (record.__switchboardMissingKeys ??= []).push(`${lngs.join(',')}:${key}`);
    },
  });
  const sync = (lng: string) => document.documentElement.setAttribute('lang', lng.slice(0, 2));
  sync(instance.resolvedLanguage ?? 'en');
  instance.on('languageChanged', sync);
  return instance;
}
