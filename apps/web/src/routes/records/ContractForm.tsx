import { Button, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contractStatuses } from '#core/wire/records.ts';
import { fieldErrors, put } from '../../api/client.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { type LearnerCard, recKeys } from './shared.tsx';

/** Changes a paid-study learner's contract after admission: status, dates, amount, number. */
export function ContractForm({ card, onClose }: { card: LearnerCard; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const c = card.profile?.contract;
  const [number, setNumber] = useState(c?.number ?? '');
  const [from, setFrom] = useState(c?.from ?? '');
  const [to, setTo] = useState(c?.to ?? '');
  const [amount, setAmount] = useState(c?.amount ? String(Number(c.amount)) : '');
  const [status, setStatus] = useState<string>(c?.status ?? 'active');
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () =>
      put(`/api/v1/learners/${card.learner.id}/contract`, {
        number: number.trim(),
        from,
        to,
        amount: Number(amount.replace(',', '.').replace(/\s/g, '')),
        status,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: recKeys.all });
      onClose();
    },
  });
  const errs = { ...fieldErrors(save.error), ...local };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const bad: Record<string, string> = {};
    const n = Number(amount.replace(',', '.').replace(/\s/g, ''));
    if (!amount.trim() || !Number.isFinite(n) || n < 0) bad.amount = t('records.contract.badAmount');
    if (from && to && from > to) bad.to = t('records.contract.badDates');
    setLocal(bad);
    if (Object.keys(bad).length === 0) save.mutate();
  };
  return (
    <AppModal opened onClose={onClose} title={t('records.contract.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert error={save.error} />
          <Select
            label={t('records.contract.status')}
            required
            allowDeselect={false}
            data={contractStatuses.map((s) => ({ value: s, label: t(`records.contract.statuses.${s}`) }))}
            value={status}
            onChange={(v) => v && setStatus(v)}
            error={errs.status}
          />
          <TextInput
            label={t('records.admission.contractNumber')}
            required
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            error={errs.number}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('records.admission.contractFrom')}
              type="date"
              required
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              error={errs.from}
            />
            <TextInput
              label={t('records.admission.contractTo')}
              type="date"
              required
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              error={errs.to}
            />
          </Group>
          <TextInput
            label={t('records.admission.contractAmount')}
            required
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={errs.amount}
          />
          <Textarea
            label={t('records.contract.note')}
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errs.note}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('records.contract.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
