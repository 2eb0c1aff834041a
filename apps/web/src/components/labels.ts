import type { TFunction } from 'i18next';

/** Permission codes contain dots, which i18next reads as nesting: keys use underscores. */
export const permissionLabel = (t: TFunction, code: string) =>
  t(`permission.${code.replaceAll('.', '_')}`, { defaultValue: code });

export const scopeTypeLabel = (t: TFunction, type: string) => t(`scopeType.${type}`, { defaultValue: type });

export const localizedName = (
  lang: string,
  v: { nameKk: string; nameRu: string; nameEn: string } | { kk: string; ru: string; en: string },
): string => {
  if ('nameKk' in v) return lang === 'ru' ? v.nameRu : lang === 'en' ? v.nameEn : v.nameKk;
  return lang === 'ru' ? v.ru : lang === 'en' ? v.en : v.kk;
};
