import { Button, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionAnswer } from '#core/wire/auth.ts';
import { fieldErrors, patch } from '../../api/client.ts';
import { displayName, meKey, useMe } from '../../api/session.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import i18n, { isLanguage, languageNames, languages, rememberLanguage } from '../../i18n/index.ts';

export function ProfileForm() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: {
      email: me?.email ?? '',
      phone: me?.phone ?? '',
      preferredLanguage: me?.preferredLanguage ?? 'kk',
    },
  });
  if (!me) return null;
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await patch<SessionAnswer>('/api/v1/me', {
        email: v.email.trim() || null,
        phone: v.phone.trim() || null,
        preferredLanguage: v.preferredLanguage,
      });
      qc.setQueryData(meKey, answer);
      // A new address is pending until its link is opened: the field shows the one in use.
      form.setFieldValue('email', answer.user.email ?? '');
      if (isLanguage(v.preferredLanguage) && v.preferredLanguage !== i18n.language) {
        rememberLanguage(v.preferredLanguage);
        await i18n.changeLanguage(v.preferredLanguage);
      }
      const sent = answer.user.pendingEmail && answer.user.pendingEmail !== me.pendingEmail;
      notifications.show({
        message: sent
          ? t('account.pendingEmailSent', { email: answer.user.pendingEmail })
          : t('common.saved'),
        color: 'teal.9',
      });
    } catch (err) {
      form.setErrors(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={480}>
        <FormAlert error={error} />
        <TextInput label={t('fields.fullName')} value={displayName(me)} readOnly />
        <TextInput label={t('fields.login')} value={me.login} readOnly />
        <TextInput
          label={t('fields.email')}
          type="email"
          autoComplete="email"
          description={me.pendingEmail ? t('account.pendingEmail', { email: me.pendingEmail }) : undefined}
          {...form.getInputProps('email')}
        />
        <TextInput label={t('fields.phone')} type="tel" autoComplete="tel" {...form.getInputProps('phone')} />
        <Select
          label={t('fields.preferredLanguage')}
          data={languages.map((l) => ({ value: l, label: languageNames[l] }))}
          allowDeselect={false}
          {...form.getInputProps('preferredLanguage')}
        />
        <div>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
