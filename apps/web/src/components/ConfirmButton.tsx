import { Button, type ButtonProps, Group, Stack } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from './AppModal.tsx';
import { FormAlert } from './FormAlert.tsx';

type Props = ButtonProps & {
  /** The button's text. */
  children: ReactNode;
  'aria-label'?: string;
  title: string;
  /** What will happen, said before it happens. */
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<unknown>;
};

/** A button that asks first, in a modal that traps focus; a refusal shows inside the modal. */
export function ConfirmButton({
  children,
  title,
  message,
  confirmLabel,
  danger,
  onConfirm,
  ...button
}: Props) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setOpened(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button {...button} onClick={() => setOpened(true)}>
        {children}
      </Button>
      <AppModal opened={opened} onClose={() => setOpened(false)} title={title}>
        <Stack>
          <FormAlert error={error} />
          {message}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color={danger ? 'red.9' : undefined}
              loading={busy}
              onClick={() => void confirm()}
              data-autofocus
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </>
  );
}
