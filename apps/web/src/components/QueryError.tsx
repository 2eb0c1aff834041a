import { Anchor, Stack } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { NotAllowedPage } from '../routes/errors/NotAllowedPage.tsx';
import { NotFoundPage } from '../routes/errors/NotFoundPage.tsx';
import { FormAlert } from './FormAlert.tsx';
import { PageHeader } from './PageHeader.tsx';

/**
 * A failed page load: the API's 403 and 404 become the matching pages; any other refusal
 * is a page of its own with the API's reason, so the page still has its heading.
 * `inline` is for a panel inside a page: the reason alone.
 */
export function QueryError({ error, inline = false }: { error: unknown; inline?: boolean }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 403)
    return <NotAllowedPage reason={error.type === 'learner-access-closed' ? error.detail : undefined} />;
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (inline) return <FormAlert error={error} />;
  return (
    <Stack>
      <PageHeader title={t('errors.loadFailedTitle')} />
      <FormAlert error={error} />
      <Anchor component={Link} to="/">
        {t('errors.backHome')}
      </Anchor>
    </Stack>
  );
}
