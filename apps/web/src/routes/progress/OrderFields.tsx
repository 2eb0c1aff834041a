import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, useMe } from '../../api/session.ts';
import { PersonSelect, today } from '../records/shared.tsx';

/** The number, date and signer of an order the registrar issues (a promotion or its cancellation). */
export type OrderHead = { number: string; orderDate: string; signerId: string };

/** An order head dated today and signed by the user until they choose otherwise. */
export function useOrderHead() {
  const me = useMe();
  return useState<OrderHead>({ number: '', orderDate: today(), signerId: me?.id ?? '' });
}

/** The order head's three fields, to be placed in the form's row of fields. */
export function OrderFields({
  value,
  onChange,
  errors,
  numberLabel,
  dateLabel,
}: {
  value: OrderHead;
  onChange: (v: OrderHead) => void;
  errors: { number?: string | undefined; signer?: string | undefined };
  numberLabel: string;
  dateLabel: string;
}) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <TextInput
        label={numberLabel}
        required
        value={value.number}
        onChange={(e) => onChange({ ...value, number: e.currentTarget.value })}
        error={errors.number}
        w={200}
      />
      <TextInput
        label={dateLabel}
        type="date"
        required
        value={value.orderDate}
        onChange={(e) => onChange({ ...value, orderDate: e.currentTarget.value })}
        w={200}
      />
      <PersonSelect
        label={t('progress.promotion.signer')}
        required
        value={value.signerId}
        onChange={(signerId) => onChange({ ...value, signerId })}
        error={errors.signer}
        known={me ? { value: me.id, label: displayName(me) } : undefined}
      />
    </>
  );
}
