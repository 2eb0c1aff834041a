import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Every route names itself in the browser tab (and to screen readers on navigation). */
export function usePageTitle(title: string) {
  const { t } = useTranslation();
  const app = t('app.shortName');
  useEffect(() => {
    document.title = title ? `${title} — ${app}` : app;
  }, [title, app]);
}
