import { Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, post } from '../../api/client.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { NewPasswordFields, newPasswordRules } from '../../components/NewPasswordFields.tsx';

export function ChangePasswordForm({ onDone }: { onDone?: () => void | Promise<void> }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('validation.required')),
      ...newPasswordRules(t),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      await post('/api/v1/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      form.reset();
      notifications.show({ message: t('changePassword.done'), color: 'teal.9' });
      await onDone?.();
    } catch (err) {
      form.setErrors(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert error={error} />
        <PasswordInput
          label={t('fields.currentPassword')}
          autoComplete="current-password"
          required
          {...form.getInputProps('currentPassword')}
        />
        <NewPasswordFields form={form} />
        <Button type="submit" loading={busy}>
          {t('changePassword.submit')}
        </Button>
      </Stack>
    </form>
  );
}
