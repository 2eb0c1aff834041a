import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, post } from '../../api/client.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { NewPasswordFields, newPasswordRules } from '../../components/NewPasswordFields.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token } = useSearch({ from: '/public/reset-password' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useForm({ initialValues: { newPassword: '', repeat: '' }, validate: newPasswordRules(t) });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      await post('/api/v1/auth/password-reset/confirm', { token, newPassword: v.newPassword });
      setDone(true);
    } catch (err) {
      form.setErrors(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  });
  return (
    <Stack>
      <PageHeader title={t('reset.title')} />
      {!token ? (
        <Alert color="red.9" variant="outline" role="alert">
          {t('reset.noToken')}
        </Alert>
      ) : done ? (
        <Alert color="teal.9" variant="outline" role="status">
          {t('reset.done')}
        </Alert>
      ) : (
        <>
          <Text size="sm">{t('reset.intro')}</Text>
          <form onSubmit={submit} noValidate>
            <Stack>
              <FormAlert error={error} />
              <NewPasswordFields form={form} />
              <Button type="submit" loading={busy}>
                {t('reset.submit')}
              </Button>
            </Stack>
          </form>
        </>
      )}
      <Anchor component={Link} to="/sign-in" size="sm">
        {t('forgot.back')}
      </Anchor>
    </Stack>
  );
}
