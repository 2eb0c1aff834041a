import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, post } from '../../api/client.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { login: '' },
    validate: { login: (v) => (v.trim() ? null : t('validation.required')) },
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      const value = v.login.trim();
      await post(
        '/api/v1/auth/password-reset/request',
        value.includes('@') ? { email: value } : { login: value },
      );
      setSent(true);
    } catch (err) {
      form.setErrors({ login: Object.values(fieldErrors(err))[0] });
      setError(err);
    } finally {
      setBusy(false);
    }
  });
  return (
    <Stack>
      <PageHeader title={t('forgot.title')} />
      {sent ? (
        <Alert color="teal.9" variant="outline" role="status">
          {t('forgot.sent')}
        </Alert>
      ) : (
        <>
          <Text size="sm">{t('forgot.intro')}</Text>
          <form onSubmit={submit} noValidate>
            <Stack>
              <FormAlert error={error} />
              <TextInput
                label={t('forgot.loginOrEmail')}
                autoComplete="username"
                required
                {...form.getInputProps('login')}
              />
              <Button type="submit" loading={busy}>
                {t('forgot.submit')}
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
