import { Button, Group, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateUserAnswer, User } from '#core/wire/users.ts';
import { api, fieldErrors } from '../../../api/client.ts';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { languageNames, languages } from '../../../i18n/index.ts';

type Props = {
  user: User | null;
  etag: string | null;
  readOnly?: boolean;
  onSaved: (answer: CreateUserAnswer | User) => void;
};

const opt = (v: string) => (v.trim() ? v.trim() : null);

/** Create or edit a user's record; edits send the version they were based on (If-Match). */
export function UserForm({ user, etag, readOnly, onSaved }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: {
      login: user?.login ?? '',
      surname: user?.surname ?? '',
      givenName: user?.givenName ?? '',
      patronymic: user?.patronymic ?? '',
      email: user?.email ?? '',
      phone: user?.phone ?? '',
      iin: user?.iinMasked ? '' : (user?.iin ?? ''),
      recordBookNo: user?.recordBookNo ?? '',
      preferredLanguage: user?.preferredLanguage ?? 'kk',
      status: user?.status ?? 'active',
      password: '',
    },
    validate: {
      login: (v) => (v.trim().length >= 3 ? null : t('users.loginRule')),
      surname: (v) => (v.trim() ? null : t('validation.required')),
      givenName: (v) => (v.trim() ? null : t('validation.required')),
      iin: (v) => (!v.trim() || /^\d{12}$/.test(v.trim()) ? null : t('users.iinRule')),
    },
  });

  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    const fields = {
      login: v.login.trim(),
      surname: v.surname.trim(),
      givenName: v.givenName.trim(),
      patronymic: opt(v.patronymic),
      email: opt(v.email),
      phone: opt(v.phone),
      recordBookNo: opt(v.recordBookNo),
      preferredLanguage: v.preferredLanguage,
    };
    try {
      if (!user) {
        const answer = await api<CreateUserAnswer>('POST', '/api/v1/users', {
          body: { ...fields, iin: opt(v.iin), ...(v.password ? { password: v.password } : {}) },
        });
        await qc.invalidateQueries({ queryKey: ['users'] });
        onSaved(answer);
      } else {
        // A masked IIN left empty is not changed.
        const iin = user.iinMasked && !v.iin.trim() ? {} : { iin: opt(v.iin) };
        const status = v.status === 'pseudonymized' ? {} : { status: v.status as 'active' | 'deactivated' };
        const answer = await api<User>('PATCH', `/api/v1/users/${user.id}`, {
          body: { ...fields, ...iin, ...status, version: user.version },
          headers: etag ? { 'If-Match': etag } : {},
        });
        await qc.invalidateQueries({ queryKey: ['users'] });
        notifications.show({ message: t('common.saved'), color: 'teal.9' });
        onSaved(answer);
      }
    } catch (err) {
      form.setErrors(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  });

  const ro = readOnly || user?.status === 'pseudonymized';
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert error={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('fields.surname')} required readOnly={ro} {...form.getInputProps('surname')} />
          <TextInput
            label={t('fields.givenName')}
            required
            readOnly={ro}
            {...form.getInputProps('givenName')}
          />
          <TextInput label={t('fields.patronymic')} readOnly={ro} {...form.getInputProps('patronymic')} />
          <TextInput
            label={t('fields.login')}
            required
            readOnly={ro}
            autoComplete="off"
            {...form.getInputProps('login')}
          />
          <TextInput label={t('fields.email')} type="email" readOnly={ro} {...form.getInputProps('email')} />
          <TextInput label={t('fields.phone')} type="tel" readOnly={ro} {...form.getInputProps('phone')} />
          <TextInput
            label={t('fields.iin')}
            description={user?.iinMasked ? t('users.iinMasked', { iin: user.iin ?? '' }) : t('users.iinHelp')}
            inputMode="numeric"
            maxLength={12}
            readOnly={ro}
            {...form.getInputProps('iin')}
          />
          <TextInput label={t('fields.recordBookNo')} readOnly={ro} {...form.getInputProps('recordBookNo')} />
          <Select
            label={t('fields.preferredLanguage')}
            data={languages.map((l) => ({ value: l, label: languageNames[l] }))}
            allowDeselect={false}
            readOnly={ro}
            {...form.getInputProps('preferredLanguage')}
          />
          {user && (
            <Select
              label={t('fields.status')}
              data={(user.status === 'pseudonymized' ? ['pseudonymized'] : ['active', 'deactivated']).map(
                (s) => ({
                  value: s,
                  label: t(`userStatus.${s}`),
                }),
              )}
              allowDeselect={false}
              readOnly={ro}
              {...form.getInputProps('status')}
            />
          )}
          {!user && (
            <PasswordInput
              label={t('users.initialPassword')}
              description={t('users.initialPasswordHelp')}
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
          )}
        </SimpleGrid>
        {!ro && (
          <Group>
            <Button type="submit" loading={busy}>
              {user ? t('common.save') : t('users.create')}
            </Button>
          </Group>
        )}
        {ro && user?.status === 'pseudonymized' && <Text size="sm">{t('users.pseudonymizedNote')}</Text>}
      </Stack>
    </form>
  );
}
