import { Alert } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

/** The form-level refusal, announced to screen readers the moment it appears. */
export function FormAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const text = errorText(error, t);
  return (
    <Alert color="red.9" variant="outline" role="alert" title={title} mb="md">
      {text}
    </Alert>
  );
}

export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.status === 429 && error.retryAfter) {
      return `${error.detail || t('errors.rateLimited')} ${t('errors.retryIn', { seconds: error.retryAfter })}`;
    }
    return error.detail || error.title || t('errors.generic');
  }
  if (error instanceof TypeError) return t('errors.network');
  return t('errors.generic');
}
