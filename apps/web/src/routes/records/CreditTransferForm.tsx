import { ActionIcon, Button, Group, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { creditTransferAnswer } from '#core/wire/records.ts';
import { fieldErrors, get, post } from '../../api/client.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import type { Curriculum } from '../academics/types.ts';
import { disciplineName, type LearnerCard, recKeys, type StudyPlan } from './shared.tsx';

type Row = {
  institution: string;
  disciplineName: string;
  credits: number | string;
  grade: string;
  entryId: string | null;
};
const emptyRow = (institution = ''): Row => ({
  institution,
  disciplineName: '',
  credits: 5,
  grade: '',
  entryId: null,
});
type Answer = z.infer<typeof creditTransferAnswer>;

/**
 * Credit transfer (перезачёт): disciplines studied elsewhere, each mapped onto a
 * discipline of the learner's curriculum; the answer names the academic difference left.
 */
export function CreditTransferForm({ card, onClose }: { card: LearnerCard; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [rows, setRows] = useState<Row[]>([emptyRow()]);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const plan = useQuery({
    queryKey: recKeys.plan(card.learner.id),
    queryFn: () => get<StudyPlan>(`/api/v1/learners/${card.learner.id}/study-plan`),
  });
  const curriculum = useQuery({
    queryKey: ['academics', 'curricula', plan.data?.curriculumId],
    queryFn: () => get<Curriculum>(`/api/v1/curricula/${plan.data?.curriculumId}`),
    enabled: !!plan.data,
  });
  const mapped = new Set(card.creditTransfers.flatMap((c) => (c.entryId ? [c.entryId] : [])));
  const entryOptions = (curriculum.data?.entries ?? [])
    .filter((e) => !mapped.has(e.id))
    .map((e) => ({
      value: e.id,
      label: `${e.code} ${disciplineName(i18n.language, e.name)} — ${t('records.transfer.yearCredits', {
        year: e.yearOfStudy,
        credits: e.credits,
      })}`,
    }));
  const save = useMutation({
    mutationFn: () =>
      post<Answer>(`/api/v1/learners/${card.learner.id}/credit-transfers`, {
        items: rows.map((r) => ({
          institution: r.institution.trim(),
          disciplineName: r.disciplineName.trim(),
          credits: Number(r.credits),
          grade: /^\d+([.,]\d+)?$/.test(r.grade.trim())
            ? Number(r.grade.trim().replace(',', '.'))
            : r.grade.trim(),
          entryId: r.entryId,
        })),
      }),
    onSuccess: async (a) => {
      setAnswer(a);
      await qc.invalidateQueries({ queryKey: recKeys.all });
    },
  });
  const errs = fieldErrors(save.error);
  const set = (i: number, patch: Partial<Row>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const err = (i: number, f: string) => errs[`items.${i}.${f}`];

  if (answer) {
    return (
      <AppModal opened onClose={onClose} size="lg" title={t('records.transfer.title')}>
        <Stack>
          <Text role="status">{t('records.transfer.saved', { count: answer.transfers.length })}</Text>
          <Text fw={700}>
            {t('records.transfer.difference', { count: answer.academicDifference.length })}
          </Text>
          <ul>
            {answer.academicDifference.map((d) => (
              <li key={d.entryId}>
                {d.code} {disciplineName(i18n.language, d.name)} (
                {t('records.transfer.yearCredits', {
                  year: d.yearOfStudy,
                  credits: d.credits,
                })}
                )
              </li>
            ))}
          </ul>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.close')}</Button>
          </Group>
        </Stack>
      </AppModal>
    );
  }
  return (
    <AppModal opened onClose={onClose} size="100%" title={t('records.transfer.add')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Text size="sm">{t('records.transfer.help')}</Text>
          <FormAlert error={save.error} />
          <Table>
            <Table.Caption>{t('records.transfer.rowsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('records.transfer.institution')}</Table.Th>
                <Table.Th>{t('records.transfer.discipline')}</Table.Th>
                <Table.Th>{t('records.transfer.credits')}</Table.Th>
                <Table.Th>{t('records.transfer.grade')}</Table.Th>
                <Table.Th>{t('records.transfer.mapTo')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
                <Table.Tr key={i}>
                  <Table.Td>
                    <TextInput
                      aria-label={t('records.transfer.rowField', {
                        n: i + 1,
                        field: t('records.transfer.institution'),
                      })}
                      value={r.institution}
                      onChange={(e) => set(i, { institution: e.currentTarget.value })}
                      error={err(i, 'institution')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('records.transfer.rowField', {
                        n: i + 1,
                        field: t('records.transfer.discipline'),
                      })}
                      value={r.disciplineName}
                      onChange={(e) => set(i, { disciplineName: e.currentTarget.value })}
                      error={err(i, 'disciplineName')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t('records.transfer.rowField', {
                        n: i + 1,
                        field: t('records.transfer.credits'),
                      })}
                      min={1}
                      max={60}
                      w={90}
                      value={r.credits}
                      onChange={(v) => set(i, { credits: v })}
                      error={err(i, 'credits')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('records.transfer.rowField', {
                        n: i + 1,
                        field: t('records.transfer.grade'),
                      })}
                      description={i === 0 ? t('records.transfer.gradeHelp') : undefined}
                      w={120}
                      value={r.grade}
                      onChange={(e) => set(i, { grade: e.currentTarget.value })}
                      error={err(i, 'grade')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('records.transfer.rowField', {
                        n: i + 1,
                        field: t('records.transfer.mapTo'),
                      })}
                      searchable
                      clearable
                      placeholder={t('records.transfer.notMapped')}
                      data={entryOptions.filter(
                        (o) => o.value === r.entryId || !rows.some((x) => x.entryId === o.value),
                      )}
                      value={r.entryId}
                      onChange={(v) => set(i, { entryId: v })}
                      error={err(i, 'entryId')}
                      nothingFoundMessage={t('common.nothingFound')}
                      miw={280}
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red.9"
                      disabled={rows.length === 1}
                      aria-label={t('records.transfer.removeRow', { n: i + 1 })}
                      onClick={() => setRows(rows.filter((_, j) => j !== i))}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between">
            <Button variant="default" onClick={() => setRows([...rows, emptyRow(rows.at(-1)?.institution)])}>
              {t('records.transfer.addRow')}
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('records.transfer.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
