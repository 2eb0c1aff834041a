import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import academicsEn from './academics.en.json' with { type: 'json' };
import academicsKk from './academics.kk.json' with { type: 'json' };
import academicsRu from './academics.ru.json' with { type: 'json' };
import assessmentEn from './assessment.en.json' with { type: 'json' };
import assessmentKk from './assessment.kk.json' with { type: 'json' };
import assessmentRu from './assessment.ru.json' with { type: 'json' };
import assignmentsEn from './assignments.en.json' with { type: 'json' };
import assignmentsKk from './assignments.kk.json' with { type: 'json' };
import assignmentsRu from './assignments.ru.json' with { type: 'json' };
import contentEn from './content.en.json' with { type: 'json' };
import contentKk from './content.kk.json' with { type: 'json' };
import contentRu from './content.ru.json' with { type: 'json' };
import courseworksEn from './courseworks.en.json' with { type: 'json' };
import courseworksKk from './courseworks.kk.json' with { type: 'json' };
import courseworksRu from './courseworks.ru.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import gradebookEn from './gradebook.en.json' with { type: 'json' };
import gradebookKk from './gradebook.kk.json' with { type: 'json' };
import gradebookRu from './gradebook.ru.json' with { type: 'json' };
import interchangeEn from './interchange.en.json' with { type: 'json' };
import interchangeKk from './interchange.kk.json' with { type: 'json' };
import interchangeRu from './interchange.ru.json' with { type: 'json' };
import kk from './kk.json' with { type: 'json' };
import progressEn from './progress.en.json' with { type: 'json' };
import progressKk from './progress.kk.json' with { type: 'json' };
import progressRu from './progress.ru.json' with { type: 'json' };
import recordsEn from './records.en.json' with { type: 'json' };
import recordsKk from './records.kk.json' with { type: 'json' };
import recordsRu from './records.ru.json' with { type: 'json' };
import ru from './ru.json' with { type: 'json' };
import statementsEn from './statements.en.json' with { type: 'json' };
import statementsKk from './statements.kk.json' with { type: 'json' };
import statementsRu from './statements.ru.json' with { type: 'json' };
import transcriptsEn from './transcripts.en.json' with { type: 'json' };
import transcriptsKk from './transcripts.kk.json' with { type: 'json' };
import transcriptsRu from './transcripts.ru.json' with { type: 'json' };

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

void i18n.use(initReactI18next).init({
  resources: {
    kk: {
      translation: {
        ...kk,
        academics: academicsKk,
        gradebook: gradebookKk,
        assessment: assessmentKk,
        assignments: assignmentsKk,
        records: recordsKk,
        statements: statementsKk,
        transcripts: transcriptsKk,
        interchange: interchangeKk,
        courseworks: courseworksKk,
        content: contentKk,
        progress: progressKk,
      },
    },
    ru: {
      translation: {
        ...ru,
        academics: academicsRu,
        gradebook: gradebookRu,
        assessment: assessmentRu,
        assignments: assignmentsRu,
        records: recordsRu,
        statements: statementsRu,
        transcripts: transcriptsRu,
        interchange: interchangeRu,
        courseworks: courseworksRu,
        content: contentRu,
        progress: progressRu,
      },
    },
    en: {
      translation: {
        ...en,
        academics: academicsEn,
        gradebook: gradebookEn,
        assessment: assessmentEn,
        assignments: assignmentsEn,
        records: recordsEn,
        statements: statementsEn,
        transcripts: transcriptsEn,
        interchange: interchangeEn,
        courseworks: courseworksEn,
        content: contentEn,
        progress: progressEn,
      },
    },
  },
  lng: storedLanguage(),
  fallbackLng: false,
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
