import type { FastifyRequest } from 'fastify';

export const languages = ['kk', 'ru', 'en'] as const;
export type Language = (typeof languages)[number];
export type MessageKey = string;
export type Catalog = Record<Language, Record<string, string>>;

const catalog: Catalog = { kk: {}, ru: {}, en: {} };

/**
 * Each area registers its server-side messages (errors, e-mails, notifications) in all
 * three languages. A key missing from one language is a programming error caught by
 * the i18n completeness test, not a runtime fallback.
 */
export function registerMessages(messages: Catalog): void {
  for (const lang of languages) Object.assign(catalog[lang], messages[lang]);
}

export function allMessages(): Catalog {
  return catalog;
}

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (languages as readonly string[]).includes(v);
}

/** Renders a message; `{name}` placeholders take params. Unknown keys come back as given. */
export function t(lang: Language, key: MessageKey, params: Record<string, unknown> = {}): string {
  const text = catalog[lang][key] ?? catalog.kk[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/**
 * The web app sends its interface language in Accept-Language; API clients may too.
 * Otherwise the signed-in user's preference, otherwise Kazakh.
 */
export function requestLanguage(req: FastifyRequest): Language {
  const header = req.headers['accept-language'];
  if (typeof header === 'string') {
    for (const part of header.split(',')) {
      const code = part.trim().split(';')[0]!.slice(0, 2).toLowerCase();
      if (isLanguage(code)) return code;
    }
  }
  const preferred = req.actor?.preferredLanguage;
  return isLanguage(preferred) ? preferred : 'kk';
}

registerMessages({
  kk: {
    'error.unauthenticated': 'Жүйеге кіру қажет.',
    'error.forbidden': 'Бұл әрекетке рұқсатыңыз жоқ.',
    'error.notFound': 'Сұралған нысан табылмады.',
    'error.conflict': 'Әрекет ағымдағы күйге қайшы келеді.',
    'error.staleVersion': 'Жазбаны басқа біреу өзгертті. Бетті жаңартып, қайталаңыз.',
    'error.validation': 'Енгізілген деректерде қате бар.',
    'error.csrf': 'Сұрау қорғау белгісінсіз жіберілді (X-CSRF-Token). Бетті жаңартыңыз.',
    'error.internal': 'Ішкі қате. Әрекет орындалмады; кейінірек қайталаңыз.',
    'error.rateLimited': 'Тым көп әрекет. {seconds} секундтан кейін қайталаңыз.',
    'error.payloadTooLarge': 'Жіберілген дерек тым үлкен.',
    'error.passwordChangeRequired': 'Жалғастыру үшін құпиясөзді өзгертіңіз.',
    'error.twoFactorSetupRequired': 'Жалғастыру үшін екі факторлы кіруді қосыңыз.',
    'validation.required': 'Міндетті өріс.',
    'validation.invalidType': 'Мәннің түрі дұрыс емес.',
    'validation.tooShort': 'Кемінде {min} таңба болуы керек.',
    'validation.tooLong': 'Ең көбі {max} таңба болуы керек.',
    'validation.tooSmall': 'Мән {min} кем болмауы керек.',
    'validation.tooBig': 'Мән {max} аспауы керек.',
    'validation.tooFewItems': 'Кемінде {min} элемент болуы керек.',
    'validation.tooManyItems': 'Ең көбі {max} элемент болуы керек.',
    'validation.invalidFormat': 'Пішімі дұрыс емес.',
    'validation.invalidEmail': 'Электрондық пошта мекенжайы дұрыс емес.',
    'validation.invalidValue': 'Рұқсат етілмеген мән.',
    'validation.unknownField': 'Белгісіз өріс: {keys}.',
    'validation.invalid': 'Мән дұрыс емес.',
  },
  ru: {
    'error.unauthenticated': 'Требуется вход в систему.',
    'error.forbidden': 'У вас нет прав на это действие.',
    'error.notFound': 'Запрошенный объект не найден.',
    'error.conflict': 'Действие противоречит текущему состоянию.',
    'error.staleVersion': 'Запись изменил кто-то другой. Обновите страницу и повторите.',
    'error.validation': 'Во введённых данных есть ошибки.',
    'error.csrf': 'Запрос отправлен без защитного токена (X-CSRF-Token). Обновите страницу.',
    'error.internal': 'Внутренняя ошибка. Действие не выполнено; повторите позже.',
    'error.rateLimited': 'Слишком много попыток. Повторите через {seconds} с.',
    'error.payloadTooLarge': 'Отправленные данные слишком велики.',
    'error.passwordChangeRequired': 'Чтобы продолжить, смените пароль.',
    'error.twoFactorSetupRequired': 'Чтобы продолжить, включите двухфакторный вход.',
    'validation.required': 'Обязательное поле.',
    'validation.invalidType': 'Неверный тип значения.',
    'validation.tooShort': 'Не меньше {min} символов.',
    'validation.tooLong': 'Не больше {max} символов.',
    'validation.tooSmall': 'Значение должно быть не меньше {min}.',
    'validation.tooBig': 'Значение должно быть не больше {max}.',
    'validation.tooFewItems': 'Не меньше {min} элементов.',
    'validation.tooManyItems': 'Не больше {max} элементов.',
    'validation.invalidFormat': 'Неверный формат.',
    'validation.invalidEmail': 'Неверный адрес электронной почты.',
    'validation.invalidValue': 'Недопустимое значение.',
    'validation.unknownField': 'Неизвестное поле: {keys}.',
    'validation.invalid': 'Неверное значение.',
  },
  en: {
    'error.unauthenticated': 'You need to sign in.',
    'error.forbidden': 'You are not allowed to do this.',
    'error.notFound': 'The requested item was not found.',
    'error.conflict': 'This conflicts with the current state.',
    'error.staleVersion': 'Someone else changed this record. Reload and try again.',
    'error.validation': 'The data you entered has errors.',
    'error.csrf': 'The request came without its protection token (X-CSRF-Token). Reload the page.',
    'error.internal': 'Internal error. Nothing was changed; try again later.',
    'error.rateLimited': 'Too many attempts. Try again in {seconds} s.',
    'error.payloadTooLarge': 'The data sent is too large.',
    'error.passwordChangeRequired': 'Change your password to continue.',
    'error.twoFactorSetupRequired': 'Turn on two-factor sign-in to continue.',
    'validation.required': 'Required.',
    'validation.invalidType': 'Wrong kind of value.',
    'validation.tooShort': 'At least {min} characters.',
    'validation.tooLong': 'At most {max} characters.',
    'validation.tooSmall': 'Must be at least {min}.',
    'validation.tooBig': 'Must be at most {max}.',
    'validation.tooFewItems': 'At least {min} items.',
    'validation.tooManyItems': 'At most {max} items.',
    'validation.invalidFormat': 'Invalid format.',
    'validation.invalidEmail': 'Invalid e-mail address.',
    'validation.invalidValue': 'Value not allowed.',
    'validation.unknownField': 'Unknown field: {keys}.',
    'validation.invalid': 'Invalid value.',
  },
});

registerMessages({
  kk: {
    'problem.400': 'Сұрау дұрыс емес',
    'problem.401': 'Кіру қажет',
    'problem.403': 'Рұқсат жоқ',
    'problem.404': 'Табылмады',
    'problem.409': 'Қайшылық',
    'problem.413': 'Тым үлкен',
    'problem.422': 'Ереже бойынша мүмкін емес',
    'problem.428': 'Алғышарт қажет',
    'problem.429': 'Тым көп сұрау',
    'problem.500': 'Ішкі қате',
  },
  ru: {
    'problem.400': 'Неверный запрос',
    'problem.401': 'Требуется вход',
    'problem.403': 'Доступ запрещён',
    'problem.404': 'Не найдено',
    'problem.409': 'Конфликт',
    'problem.413': 'Слишком большой запрос',
    'problem.422': 'Запрещено правилами',
    'problem.428': 'Требуется предусловие',
    'problem.429': 'Слишком много запросов',
    'problem.500': 'Внутренняя ошибка',
  },
  en: {
    'problem.400': 'Bad request',
    'problem.401': 'Sign-in required',
    'problem.403': 'Forbidden',
    'problem.404': 'Not found',
    'problem.409': 'Conflict',
    'problem.413': 'Payload too large',
    'problem.422': 'Refused by a rule',
    'problem.428': 'Precondition required',
    'problem.429': 'Too many requests',
    'problem.500': 'Internal error',
  },
});
