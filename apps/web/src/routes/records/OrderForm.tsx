import { Button, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, post } from '../../api/client.ts';
import { displayName, useMe } from '../../api/session.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { allGroupsQuery } from '../academics/shared.tsx';
import {
  type LearnerCard,
  type LearnerOrder,
  orderKindLabel,
  PersonSelect,
  recKeys,
  today,
} from './shared.tsx';

export const movementKinds = [
  'academic_leave',
  'return_from_leave',
  'transfer',
  'expulsion',
  'reinstatement',
  'graduation',
] as const;
type Kind = (typeof movementKinds)[number] | 'cancellation';

/**
 * Records a signed order about the learner. `cancels` turns it into the order that
 * cancels an earlier one (orders are never edited).
 */
export function OrderForm({
  card,
  cancels,
  onClose,
}: {
  card: LearnerCard;
  cancels?: LearnerOrder;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const [kind, setKind] = useState<Kind>(cancels ? 'cancellation' : 'academic_leave');
  const [number, setNumber] = useState('');
  const [orderDate, setOrderDate] = useState(today());
  const [effectiveOn, setEffectiveOn] = useState('');
  const [signerId, setSignerId] = useState(me?.id ?? '');
  const [leaveTo, setLeaveTo] = useState('');
  const [reason, setReason] = useState('');
  const [toGroupId, setToGroupId] = useState<string | null>(null);
  const groups = useQuery({ ...allGroupsQuery(), enabled: kind === 'transfer' || kind === 'reinstatement' });

  const save = useMutation({
    mutationFn: () => {
      const body: Record<string, unknown> = {
        kind,
        number: number.trim(),
        orderDate,
        signerId,
        ...(effectiveOn ? { effectiveOn } : {}),
      };
      if (kind === 'academic_leave') body.leaveTo = leaveTo;
      if (kind === 'cancellation') body.cancelsOrderId = cancels?.id;
      if (['academic_leave', 'transfer', 'expulsion', 'cancellation'].includes(kind) && reason.trim())
        body.reason = reason.trim();
      if ((kind === 'transfer' || kind === 'reinstatement') && toGroupId) body.toGroupId = toGroupId;
      return post<LearnerOrder>(`/api/v1/learners/${card.learner.id}/orders`, body);
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: recKeys.all });
      onClose();
    },
  });
  const errs = fieldErrors(save.error);
  const reasonRequired = kind === 'expulsion' || kind === 'cancellation';
  return (
    <AppModal
      opened
      onClose={onClose}
      size="lg"
      title={cancels ? t('records.orders.cancelTitle', { number: cancels.number }) : t('records.orders.new')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
        noValidate
      >
        <Stack>
          <FormAlert error={save.error} />
          {cancels ? (
            <Text size="sm">
              {t('records.orders.cancelHelp', {
                kind: orderKindLabel(t, cancels.kind),
                number: cancels.number,
              })}
            </Text>
          ) : (
            <Select
              label={t('records.orders.kind')}
              required
              allowDeselect={false}
              data={movementKinds.map((k) => ({ value: k, label: orderKindLabel(t, k) }))}
              value={kind}
              onChange={(v) => v && setKind(v as Kind)}
              error={errs.kind}
            />
          )}
          <Group grow align="flex-start">
            <TextInput
              label={t('records.orders.number')}
              required
              value={number}
              onChange={(e) => setNumber(e.currentTarget.value)}
              error={errs.number}
            />
            <TextInput
              label={t('records.orders.orderDate')}
              type="date"
              required
              value={orderDate}
              onChange={(e) => setOrderDate(e.currentTarget.value)}
              error={errs.orderDate}
            />
            <TextInput
              label={t('records.orders.effectiveOn')}
              description={t('records.orders.effectiveHelp')}
              type="date"
              value={effectiveOn}
              onChange={(e) => setEffectiveOn(e.currentTarget.value)}
              error={errs.effectiveOn}
            />
          </Group>
          <PersonSelect
            label={t('records.orders.signer')}
            required
            value={signerId}
            onChange={setSignerId}
            error={errs.signerId}
            known={me ? { value: me.id, label: `${displayName(me)} (${me.login})` } : undefined}
          />
          {kind === 'academic_leave' && (
            <TextInput
              label={t('records.orders.leaveTo')}
              type="date"
              required
              value={leaveTo}
              onChange={(e) => setLeaveTo(e.currentTarget.value)}
              error={errs.leaveTo}
              w={220}
            />
          )}
          {(kind === 'transfer' || kind === 'reinstatement') && (
            <Select
              label={t('records.orders.toGroup')}
              description={
                kind === 'reinstatement'
                  ? t('records.orders.toGroupOptional')
                  : t('records.orders.toGroupHelp')
              }
              required={kind === 'transfer'}
              searchable
              clearable
              data={(groups.data?.items ?? [])
                .filter((g) => g.id !== card.group?.id)
                .map((g) => ({ value: g.id, label: `${g.code} — ${g.name}` }))}
              value={toGroupId}
              onChange={setToGroupId}
              error={errs.toGroupId}
              nothingFoundMessage={t('common.nothingFound')}
            />
          )}
          {['academic_leave', 'transfer', 'expulsion', 'cancellation'].includes(kind) && (
            <Textarea
              label={t('records.orders.reason')}
              required={reasonRequired}
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errs.reason}
            />
          )}
          <Text size="sm" c="dimmed">
            {t('records.orders.neverEdited')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} color={kind === 'expulsion' ? 'red.9' : undefined}>
              {t('records.orders.sign')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
