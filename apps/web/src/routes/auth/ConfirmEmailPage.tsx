import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { meKey } from '../../api/session.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

/**
 * The page the link mailed to a new address opens. The address is confirmed by a button,
 * not on load, so a mail scanner that follows links does not use the token up.
 */
export function ConfirmEmailPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { token } = useSearch({ from: '/public/confirm-email' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await post('/api/v1/me/email/confirm', { token });
      await qc.invalidateQueries({ queryKey: meKey });
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <PageHeader title={t('confirmEmail.title')} />
      {!token ? (
        <Alert color="red.9" variant="outline" role="alert">
          {t('confirmEmail.noToken')}
        </Alert>
      ) : done ? (
        <Alert color="teal.9" variant="outline" role="status">
          {t('confirmEmail.done')}
        </Alert>
      ) : (
        <>
          <Text size="sm">{t('confirmEmail.intro')}</Text>
          <FormAlert error={error} />
          <div>
            <Button onClick={confirm} loading={busy}>
              {t('confirmEmail.submit')}
            </Button>
          </div>
        </>
      )}
      <Anchor component={Link} to="/" size="sm">
        {t('confirmEmail.home')}
      </Anchor>
    </Stack>
  );
}
