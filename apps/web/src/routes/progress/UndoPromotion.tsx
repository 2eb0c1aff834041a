import { Alert, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { OrderFields, useOrderHead } from './OrderFields.tsx';

type Undone = {
  groups: number;
  promotionsCancelled: number;
  repeatersBack: number;
  enrolmentsRemoved: number;
  offeringsRemoved: number;
};

/**
 * Undoing a whole promotion run of the programme and year (a mistaken order), with the order
 * that cancels it. The server refuses once the new year has started; single learners are
 * then corrected by cancelling their orders on their card.
 */
export function UndoPromotion({
  programmeId,
  yearOfStudy,
  orderNumber,
  onDone,
}: {
  programmeId: string;
  yearOfStudy: number;
  /** the promotion order just applied, if any */
  orderNumber?: string;
  onDone: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [undoNumber, setUndoNumber] = useState(orderNumber ?? '');
  const [order, setOrder] = useOrderHead();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [done, setDone] = useState<Undone | null>(null);
  const key = useRef<string | null>(null);
  // The promotion just applied is the one a mistake would be in.
  useEffect(() => {
    if (orderNumber) setUndoNumber(orderNumber);
  }, [orderNumber]);
  const ready = () => {
    const e = {
      undoNumber: undoNumber.trim() ? undefined : t('progress.promotion.undo.numberRequired'),
      number: order.number.trim() ? undefined : t('progress.promotion.numberRequired'),
      signer: order.signerId ? undefined : t('progress.promotion.signerRequired'),
      reason: reason.trim() ? undefined : t('progress.promotion.undo.reasonRequired'),
    };
    setErrors(e);
    return Object.values(e).every((x) => !x);
  };
  const undo = async () => {
    if (!ready()) throw new Error(t('progress.promotion.orderIncomplete'));
    key.current ??= crypto.randomUUID();
    const r = await post<Undone>(
      '/api/v1/promotion/undo',
      {
        programmeId,
        yearOfStudy,
        orderNumber: undoNumber.trim(),
        cancellation: { ...order, number: order.number.trim(), reason: reason.trim() },
      },
      { 'idempotency-key': key.current },
    );
    key.current = null;
    setDone(r);
    await onDone();
  };
  return (
    <Card withBorder component="section" aria-labelledby="promotion-undo">
      <Stack>
        <Title order={2} size="h4" id="promotion-undo">
          {t('progress.promotion.undo.title')}
        </Title>
        <Text size="sm">{t('progress.promotion.undo.help', { year: yearOfStudy })}</Text>
        {done && (
          <Alert
            variant="outline"
            color="teal.9"
            role="status"
            title={t('progress.promotion.undo.doneTitle')}
          >
            {t('progress.promotion.undo.done', { ...done })}
          </Alert>
        )}
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('progress.promotion.undo.orderToUndo')}
            required
            value={undoNumber}
            onChange={(e) => setUndoNumber(e.currentTarget.value)}
            error={errors.undoNumber}
            w={200}
          />
          <OrderFields
            value={order}
            onChange={setOrder}
            errors={errors}
            numberLabel={t('progress.promotion.undo.cancellationNumber')}
            dateLabel={t('progress.promotion.undo.cancellationDate')}
          />
        </Group>
        <TextInput
          label={t('progress.promotion.undo.reason')}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
        />
        <Group justify="flex-end">
          <ConfirmButton
            variant="default"
            danger
            title={t('progress.promotion.undo.confirmTitle')}
            message={t('progress.promotion.undo.confirmMessage', {
              number: undoNumber.trim(),
              year: yearOfStudy,
            })}
            confirmLabel={t('progress.promotion.undo.confirm')}
            onConfirm={undo}
          >
            {t('progress.promotion.undo.confirm')}
          </ConfirmButton>
        </Group>
      </Stack>
    </Card>
  );
}
