import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, post } from '../../api/client.ts';
import { meKey, useMe } from '../../api/session.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { TotpSetup } from './TotpSetup.tsx';

export function TwoFactorSection() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [settingUp, setSettingUp] = useState(false);
  if (!me) return null;
  const refresh = () => qc.invalidateQueries({ queryKey: meKey });

  if (settingUp) {
    return (
      <TotpSetup
        onDone={async () => {
          setSettingUp(false);
          await refresh();
        }}
      />
    );
  }
  if (!me.twoFactorEnabled) {
    return (
      <Stack>
        <Text size="sm">{t('totp.off')}</Text>
        <Group>
          <Button onClick={() => setSettingUp(true)}>{t('totp.enable')}</Button>
        </Group>
      </Stack>
    );
  }
  return <DisableTotp onDone={refresh} />;
}

function DisableTotp({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { password: '', code: '' },
    validate: {
      password: (v) => (v ? null : t('validation.required')),
      code: (v) => (v.trim() ? null : t('validation.required')),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      await post('/api/v1/auth/totp/disable', { password: v.password, code: v.code.trim() });
      notifications.show({ message: t('totp.disabled'), color: 'teal.9' });
      await onDone();
    } catch (err) {
      form.setErrors(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  });
  return (
    <Stack>
      <Alert color="teal.9" variant="outline">
        {t('totp.on')}
      </Alert>
      <form onSubmit={submit} noValidate>
        <Stack maw={420}>
          <Text size="sm">{t('totp.disableIntro')}</Text>
          <FormAlert error={error} />
          <PasswordInput
            label={t('fields.currentPassword')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <TextInput
            label={t('signIn.totp')}
            autoComplete="one-time-code"
            required
            {...form.getInputProps('code')}
          />
          <Group>
            <Button type="submit" color="red.9" loading={busy}>
              {t('totp.disable')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
