import { Anchor, Container, Stack, Text } from '@mantine/core';
import { Link, useMatches } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  // Outside the application shell (an unknown URL), the page brings its own main landmark.
  const inShell = useMatches().some(
    (m) => m.routeId === '/app' || m.routeId === '/public' || m.routeId === '/pending',
  );
  const body = (
    <Stack data-testid="not-found">
      <PageHeader title={t('errors.notFoundTitle')} />
      <Text>{t('errors.notFoundText')}</Text>
      <Anchor component={Link} to="/">
        {t('errors.backHome')}
      </Anchor>
    </Stack>
  );
  return inShell ? (
    body
  ) : (
    <Container component="main" id="main" size="sm" py="xl">
      {body}
    </Container>
  );
}
