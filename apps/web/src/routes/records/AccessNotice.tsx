import { Alert } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/session.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { cardQuery } from './shared.tsx';

/**
 * Tells a learner on academic leave, expelled or graduated why course content and tests
 * are closed (their status follows their orders); shows nothing to anyone else.
 */
export function AccessNotice() {
  const { t } = useTranslation();
  const me = useMe();
  const { data } = useQuery({ ...cardQuery(me?.id ?? ''), enabled: !!me });
  if (!data || data.access.allowed) return null;
  return (
    <Alert color="grape.9" variant="outline" role="status" title={t('records.card.accessClosed')} mb="md">
      {data.access.message} <AnchorLink to="/my-record">{t('records.card.seeRecord')}</AnchorLink>
    </Alert>
  );
}
