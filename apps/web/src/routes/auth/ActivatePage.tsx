import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionAnswer } from '#core/wire/auth.ts';
import { api, fieldErrors } from '../../api/client.ts';
import { acceptSession, meKey } from '../../api/session.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { NewPasswordFields, newPasswordRules } from '../../components/NewPasswordFields.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

/** First sign-in of an imported or newly created account: login + one-time code + own password. */
export function ActivatePage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/public/activate' });
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { login: search.login ?? '', code: '', newPassword: '', repeat: '' },
    validate: {
      login: (v) => (v.trim() ? null : t('validation.required')),
      code: (v) => (v.trim() ? null : t('validation.required')),
      ...newPasswordRules(t),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api<SessionAnswer>('POST', '/api/v1/auth/activate', {
        body: { login: v.login.trim(), code: v.code.trim(), newPassword: v.newPassword },
        quiet401: true,
      });
      acceptSession(answer, true);
      qc.setQueryData(meKey, answer);
      await navigate({ to: answer.user.mustSetupTwoFactor ? '/two-factor-setup' : '/' });
    } catch (err) {
      form.setErrors(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  });
  return (
    <Stack>
      <PageHeader title={t('activate.title')} />
      <Text size="sm">{t('activate.intro')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert error={error} />
          <TextInput
            label={t('fields.login')}
            autoComplete="username"
            required
            {...form.getInputProps('login')}
          />
          <TextInput
            label={t('activate.code')}
            autoComplete="one-time-code"
            required
            {...form.getInputProps('code')}
          />
          <NewPasswordFields form={form} />
          <Button type="submit" loading={busy}>
            {t('activate.submit')}
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} to="/sign-in" size="sm">
        {t('forgot.back')}
      </Anchor>
    </Stack>
  );
}
