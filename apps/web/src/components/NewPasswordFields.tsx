import { PasswordInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

export const MIN_PASSWORD = 10;

/** New password + repeat, with the rules stated up front. */
export function NewPasswordFields<T extends { newPassword: string; repeat: string }>({
  form,
}: {
  form: UseFormReturnType<T>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={t('fields.newPassword')}
        description={t('password.rules', { min: MIN_PASSWORD })}
        autoComplete="new-password"
        required
        {...form.getInputProps('newPassword')}
      />
      <PasswordInput
        label={t('fields.repeatPassword')}
        autoComplete="new-password"
        required
        {...form.getInputProps('repeat')}
      />
    </>
  );
}

export function newPasswordRules(t: TFunction) {
  return {
    newPassword: (v: string) =>
      v.length >= MIN_PASSWORD ? null : t('password.tooShort', { min: MIN_PASSWORD }),
    repeat: (v: string, values: { newPassword: string }) =>
      v === values.newPassword ? null : t('password.mismatch'),
  };
}
