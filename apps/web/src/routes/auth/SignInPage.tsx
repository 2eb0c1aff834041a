import { Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authProblemTypes, type SessionAnswer } from '#core/wire/auth.ts';
import { ApiError, api, fieldErrors } from '../../api/client.ts';
import { acceptSession, meKey } from '../../api/session.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const search = useSearch({ from: '/public/sign-in' });
  const [error, setError] = useState<unknown>(null);
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);
  const form = useForm({
    initialValues: { login: '', password: '', totp: '' },
    validate: {
      login: (v) => (v.trim() ? null : t('validation.required')),
      password: (v) => (v ? null : t('validation.required')),
      totp: (v) => (needTotp && !v.trim() ? t('validation.required') : null),
    },
  });

  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        login: values.login.trim(),
        password: values.password,
        ...(needTotp ? { totp: values.totp.trim() } : {}),
      };
      const answer = await api<SessionAnswer>('POST', '/api/v1/auth/login', { body, quiet401: true });
      acceptSession(answer, true);
      qc.setQueryData(meKey, answer);
      const to =
        search.redirect?.startsWith('/') && !search.redirect.startsWith('//') ? search.redirect : '/';
      if (answer.user.mustChangePassword) await navigate({ to: '/change-password' });
      else if (answer.user.mustSetupTwoFactor) await navigate({ to: '/two-factor-setup' });
      else await navigate({ to });
    } catch (err) {
      if (err instanceof ApiError && err.type === authProblemTypes.totpRequired && !needTotp) {
        setNeedTotp(true);
        setError(err);
      } else {
        if (err instanceof ApiError && err.type === authProblemTypes.invalidCredentials)
          form.setFieldValue('password', '');
        form.setErrors(fieldErrors(err));
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  });

  return (
    <Stack>
      <PageHeader title={t('signIn.title')} />
      <Text size="sm">{t('signIn.intro')}</Text>
      <form onSubmit={submit} noValidate aria-describedby={error ? 'sign-in-error' : undefined}>
        <Stack>
          <div id="sign-in-error">
            <FormAlert error={error} />
          </div>
          <TextInput
            label={t('fields.login')}
            autoComplete="username"
            required
            {...form.getInputProps('login')}
          />
          <PasswordInput
            label={t('fields.password')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          {needTotp && (
            <TextInput
              ref={totpRef}
              label={t('signIn.totp')}
              description={t('signIn.totpHelp')}
              autoComplete="one-time-code"
              inputMode="text"
              required
              {...form.getInputProps('totp')}
            />
          )}
          <Button type="submit" loading={busy}>
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
      <Group justify="space-between">
        <Anchor component={Link} to="/forgot-password" size="sm">
          {t('signIn.forgot')}
        </Anchor>
        <Anchor component={Link} to="/activate" size="sm">
          {t('signIn.activate')}
        </Anchor>
      </Group>
    </Stack>
  );
}
