import { Alert, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { advanceAcademicGroupResult } from '#core/wire/academics.ts';
import { get, post } from '../../../api/client.ts';
import { AppModal } from '../../../components/AppModal.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { localizedName } from '../../../components/labels.ts';
import { enumLabel, keys } from '../shared.tsx';
import type { AcademicGroup } from '../types.ts';

type Result = z.infer<typeof advanceAcademicGroupResult>;
type YearSummary = { id: string; startYear: number; status: string; versionNo: number };

/**
 * Moves a group up a year at the end of the academic year: first a preview of the next
 * year's disciplines and the offerings that open for the group (in the calendar chosen, by
 * default the next approved one), then the move.
 */
export function AdvanceGroup({ group, onClose }: { group: AcademicGroup; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const to = group.yearOfStudy + 1;
  const [yearId, setYearId] = useState<string | null>(null);
  const [done, setDone] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const years = useQuery({
    queryKey: [...keys.years, 'list', group.studyForm],
    queryFn: ({ signal }) =>
      get<{ items: YearSummary[] }>('/api/v1/academic-years', { studyForm: group.studyForm }, signal),
  });
  const preview = useQuery({
    queryKey: [...keys.groups, 'advance', group.id, to, yearId],
    queryFn: () =>
      post<Result>(`/api/v1/academic-groups/${group.id}/advance`, {
        toYearOfStudy: to,
        preview: true,
        ...(yearId ? { academicYearId: yearId } : {}),
      }),
    retry: false,
    enabled: !done,
  });
  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await post<Result>(`/api/v1/academic-groups/${group.id}/advance`, {
        toYearOfStudy: to,
        preview: false,
        ...(yearId ? { academicYearId: yearId } : {}),
      });
      setDone(result);
      await qc.invalidateQueries({ queryKey: keys.groups });
      await qc.invalidateQueries({ queryKey: keys.offerings });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const shown = done ?? preview.data;
  const calendarOptions = (years.data?.items ?? [])
    .filter((y) => y.status === 'approved')
    .map((y) => ({ value: y.id, label: `${y.startYear}–${y.startYear + 1}` }));
  return (
    <AppModal
      opened
      onClose={onClose}
      title={t('academics.groups.advanceTitle', { code: group.code, year: to })}
      size="xl"
    >
      <Stack>
        <Text size="sm">{t('academics.groups.advanceIntro', { from: group.yearOfStudy, to })}</Text>
        {!done && (
          <Select
            label={t('academics.groups.advanceCalendar')}
            description={t('academics.groups.advanceCalendarHelp')}
            placeholder={t('academics.groups.advanceCalendarDefault')}
            clearable
            data={calendarOptions}
            value={yearId}
            onChange={setYearId}
            w={320}
          />
        )}
        <FormAlert error={error ?? preview.error} />
        {done && (
          <Alert color="teal.9" variant="outline" title={t('academics.groups.advanced', { year: to })}>
            {t('academics.groups.advancedSummary', {
              offerings: done.opened.filter((o) => o.offeringId).length,
              learners: done.learners,
              closed: done.closedOfferings,
            })}
          </Alert>
        )}
        {shown && (
          <>
            <Text size="sm" aria-live="polite">
              {shown.academicYearStart
                ? t('academics.groups.advanceIn', {
                    year: `${shown.academicYearStart}–${shown.academicYearStart + 1}`,
                    learners: shown.learners,
                  })
                : t('academics.groups.advanceNoCalendar')}{' '}
              {!done && t('academics.groups.advanceCloses', { count: shown.closedOfferings })}
            </Text>
            <Table withTableBorder>
              <Table.Caption>{t('academics.groups.advanceCaption', { year: to })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('academics.fields.discipline')}</Table.Th>
                  <Table.Th scope="col">{t('academics.fields.period')}</Table.Th>
                  <Table.Th scope="col">{t('academics.fields.component')}</Table.Th>
                  <Table.Th scope="col">{t('academics.groups.advanceOffering')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.opened.map((o) => (
                  <Table.Tr key={o.entryId}>
                    <Table.Td>
                      {o.disciplineCode} {localizedName(i18n.language, o.disciplineName)}
                    </Table.Td>
                    <Table.Td>{o.periodNumber}</Table.Td>
                    <Table.Td>{enumLabel(t, 'component', o.component)}</Table.Td>
                    <Table.Td>{t(`academics.groups.advanceAction.${o.action}`, { code: o.code })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {done ? t('common.close') : t('common.cancel')}
          </Button>
          {!done && (
            <Button onClick={() => void apply()} loading={busy} disabled={!preview.data}>
              {t('academics.groups.advanceConfirm', { year: to })}
            </Button>
          )}
        </Group>
      </Stack>
    </AppModal>
  );
}
