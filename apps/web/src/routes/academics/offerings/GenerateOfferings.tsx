import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, post } from '../../../api/client.ts';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { PeriodPicker } from '../PeriodPicker.tsx';
import { keys, ProgrammeSelect, useGroupNames } from '../shared.tsx';
import type { GenerateResult } from '../types.ts';

/** Offerings for every group of a programme in a period: a preview first, then apply. */
export function GenerateOfferings({
  programmeId: initial,
  onDone,
}: {
  programmeId?: string;
  onDone: (periodId?: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [programmeId, setProgrammeId] = useState(initial ?? '');
  const [periodId, setPeriodId] = useState('');
  const [preview, setPreview] = useState<GenerateResult | null>(null);
  const [applied, setApplied] = useState<GenerateResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const groups = useGroupNames(programmeId || undefined);

  const run = async (apply: boolean) => {
    const missing: Record<string, string> = {};
    if (!programmeId) missing.programmeId = t('validation.required');
    if (!periodId) missing.periodId = t('validation.required');
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    setError(null);
    try {
      const out = await post<GenerateResult>('/api/v1/offerings/generate', {
        programmeId,
        periodId,
        preview: !apply,
      });
      if (apply) {
        setApplied(out);
        setPreview(null);
        await qc.invalidateQueries({ queryKey: keys.offerings });
      } else {
        setApplied(null);
        setPreview(out);
      }
    } catch (err) {
      setErrors(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const shown = applied ?? preview;
  return (
    <Card withBorder component="section" aria-labelledby="generate-offerings">
      <Title order={2} size="h4" id="generate-offerings" mb="sm">
        {t('academics.offerings.generateTitle')}
      </Title>
      <Stack>
        <FormAlert error={error} />
        <ProgrammeSelect
          required
          value={programmeId}
          onChange={(v) => {
            setProgrammeId(v);
            setPreview(null);
          }}
          error={errors.programmeId}
        />
        <PeriodPicker
          required
          value={periodId}
          onChange={(v) => {
            setPeriodId(v);
            setPreview(null);
          }}
          error={errors.periodId}
        />
        <Group>
          <Button variant="default" loading={busy && !preview} onClick={() => void run(false)}>
            {t('academics.offerings.preview')}
          </Button>
          <Button variant="subtle" onClick={() => onDone()}>
            {t('common.close')}
          </Button>
        </Group>
        {shown && (
          <div aria-live="polite">
            <Text fw={700}>
              {applied
                ? t('academics.offerings.appliedSummary', {
                    count: applied.planned.length,
                    existing: applied.existing,
                  })
                : t('academics.offerings.previewSummary', {
                    count: shown.planned.length,
                    existing: shown.existing,
                  })}
            </Text>
            {shown.groupsWithoutCurriculum.length > 0 && (
              <Text c="red.9" size="sm">
                {t('academics.offerings.withoutCurriculum', {
                  groups: shown.groupsWithoutCurriculum.map(groups.name).join(', '),
                })}
              </Text>
            )}
          </div>
        )}
        {shown && shown.planned.length > 0 && (
          <Table withTableBorder>
            <Table.Caption>
              {applied ? t('academics.offerings.appliedCaption') : t('academics.offerings.previewCaption')}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('academics.fields.code')}</Table.Th>
                <Table.Th scope="col">{t('academics.fields.disciplineCode')}</Table.Th>
                <Table.Th scope="col">{t('academics.fields.groups')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.planned.map((p) => (
                <Table.Tr key={p.code}>
                  <Table.Td>{p.code}</Table.Td>
                  <Table.Td>{p.disciplineCode}</Table.Td>
                  <Table.Td>{p.groupIds.map(groups.name).join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {preview && preview.planned.length > 0 && (
          <Group>
            <Button loading={busy} onClick={() => void run(true)}>
              {t('academics.offerings.apply', { count: preview.planned.length })}
            </Button>
          </Group>
        )}
        {applied && (
          <Group>
            <Button variant="default" onClick={() => onDone(periodId)}>
              {t('academics.offerings.showGenerated')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
