import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';

/** `reason` replaces the general text when the API said why (a learner on academic leave). */
export function NotAllowedPage({ reason }: { reason?: string }) {
  const { t } = useTranslation();
  return (
    <Stack data-testid="not-allowed">
      <PageHeader title={t('errors.notAllowedTitle')} />
      <Text role={reason ? 'alert' : undefined}>{reason || t('errors.notAllowedText')}</Text>
      <Anchor component={Link} to="/">
        {t('errors.backHome')}
      </Anchor>
    </Stack>
  );
}
