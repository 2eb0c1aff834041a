import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';

export function NotAllowedPage() {
  const { t } = useTranslation();
  return (
    <Stack data-testid="not-allowed">
      <PageHeader title={t('errors.notAllowedTitle')} />
      <Text>{t('errors.notAllowedText')}</Text>
      <Anchor component={Link} to="/">
        {t('errors.backHome')}
      </Anchor>
    </Stack>
  );
}
