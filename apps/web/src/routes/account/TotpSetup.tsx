import { Alert, Button, Code, Group, Image, List, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TotpConfirmAnswer, TotpSetupAnswer } from '#core/wire/auth.ts';
import { fieldErrors, post } from '../../api/client.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { downloadText } from '../../components/format.ts';

/** Turning on two-factor sign-in: QR code and secret, a confirming code, then the recovery codes once. */
export function TotpSetup({ onDone }: { onDone: () => void | Promise<void> }) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<TotpSetupAnswer | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (v) => (/^\d{6}$/.test(v.trim()) ? null : t('totp.codeFormat')) },
  });

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setSetup(await post<TotpSetupAnswer>('/api/v1/auth/totp/setup'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const confirm = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await post<TotpConfirmAnswer>('/api/v1/auth/totp/confirm', { code: v.code.trim() });
      setCodes(answer.recoveryCodes);
    } catch (err) {
      form.setErrors(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  });

  if (codes) {
    return (
      <Stack>
        <Alert color="teal.9" variant="outline" role="status" title={t('totp.enabled')}>
          {t('totp.recoveryIntro')}
        </Alert>
        <List type="ordered" spacing={4} aria-label={t('totp.recoveryCodes')}>
          {codes.map((c) => (
            <List.Item key={c}>
              <Code fz="md">{c}</Code>
            </List.Item>
          ))}
        </List>
        <Group className="no-print">
          <Button
            variant="default"
            onClick={() =>
              downloadText('recovery-codes.txt', `${codes.join('\n')}\n`, 'text/plain;charset=utf-8')
            }
          >
            {t('totp.download')}
          </Button>
          <Button variant="default" onClick={() => window.print()}>
            {t('totp.print')}
          </Button>
          <Button onClick={() => void onDone()}>{t('totp.saved')}</Button>
        </Group>
      </Stack>
    );
  }

  if (!setup) {
    return (
      <Stack>
        <FormAlert error={error} />
        <Text size="sm">{t('totp.intro')}</Text>
        <Group>
          <Button onClick={() => void start()} loading={busy}>
            {t('totp.start')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack>
      <FormAlert error={error} />
      <Text size="sm">{t('totp.scan')}</Text>
      <Image src={setup.qrDataUrl} alt={t('totp.qrAlt')} w={200} h={200} fit="contain" />
      <Text size="sm">
        {t('totp.secret')} <Code fz="md">{setup.secret}</Code>
      </Text>
      <form onSubmit={confirm} noValidate>
        <Stack>
          <TextInput
            label={t('totp.code')}
            description={t('totp.codeHelp')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
            required
            {...form.getInputProps('code')}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('totp.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
