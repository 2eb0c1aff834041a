import i18n, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const languages = ['kk', 'ru', 'en'] as const;
export type Language = (typeof languages)[number];
/** Each language names itself in the switcher. */
export const languageNames: Record<Language, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

const STORAGE_KEY = 'dl.language';

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (languages as readonly string[]).includes(v);
}

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(v)) return v;
  } catch {
    // Storage may be disabled; Kazakh is the default.
  }
  return 'kk';
}

export function rememberLanguage(lang: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore
  }
}

/** Each language's messages are their own chunk of the build, fetched when first needed. */
const messages: Record<Language, () => Promise<{ default: Record<string, unknown> }>> = {
  kk: () => import('./messages.kk.ts'),
  ru: () => import('./messages.ru.ts'),
  en: () => import('./messages.en.ts'),
};

/** i18next loads a language through this before switching to it (at start and on every change). */
const lazyMessages: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    if (!isLanguage(language)) return callback(null, {});
    messages[language]().then(
      (m) => callback(null, m.default as ResourceKey),
      (err: Error) => callback(err, false),
    );
  },
};

/** Resolves once the interface language's messages are in: the app renders after it. */
export const i18nReady = i18n
  .use(lazyMessages)
  .use(initReactI18next)
  .init({
    lng: storedLanguage(),
    fallbackLng: false,
    ns: ['translation'],
    defaultNS: 'translation',
    interpolation: { escapeValue: false },
    returnNull: false,
  });

function syncHtmlLang(lang: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
syncHtmlLang(i18n.language);
i18n.on('languageChanged', syncHtmlLang);

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'kk';
}

/** Names sort in Kazakh alphabetical order, whatever the interface language. */
export const kazakhCollator = new Intl.Collator('kk', { sensitivity: 'base' });

export default i18n;
