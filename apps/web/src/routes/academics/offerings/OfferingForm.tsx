import { Button, Card, Group, MultiSelect, Select, Stack, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, post } from '../../../api/client.ts';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { PeriodPicker } from '../PeriodPicker.tsx';
import { allGroupsQuery, keys, ProgrammeSelect } from '../shared.tsx';
import type { CourseOffering, GenerateResult } from '../types.ts';
import { listError, StaffFields, type StaffValues } from './StaffFields.tsx';

/**
 * One offering by hand: a discipline of the programme's approved curriculum that has no
 * offering yet in the period (the generator's preview lists them), for chosen groups.
 */
export function OfferingForm({
  programmeId: initial,
  onClose,
}: {
  programmeId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [programmeId, setProgrammeId] = useState(initial ?? '');
  const [periodId, setPeriodId] = useState('');
  const [entryId, setEntryId] = useState('');
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [staff, setStaff] = useState<StaffValues>({ teacherIds: [], tutorIds: [], justification: '' });
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const groups = useQuery({ ...allGroupsQuery(programmeId || undefined), enabled: !!programmeId });
  const candidates = useQuery({
    queryKey: [...keys.offerings, 'candidates', programmeId, periodId],
    queryFn: () =>
      post<GenerateResult>('/api/v1/offerings/generate', { programmeId, periodId, preview: true }),
    enabled: !!programmeId && !!periodId,
  });
  const entries = new Map<string, string>();
  for (const p of candidates.data?.planned ?? []) entries.set(p.entryId, p.disciplineCode);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!programmeId) m.programmeId = t('validation.required');
    if (!periodId) m.periodId = t('validation.required');
    if (!entryId) m.entryId = t('validation.required');
    if (groupIds.length === 0) m.groupIds = t('validation.required');
    setMissing(m);
    if (Object.keys(m).length) return;
    setBusy(true);
    setError(null);
    try {
      const o = await post<CourseOffering>('/api/v1/offerings', {
        periodId,
        entryId,
        groupIds,
        teacherIds: staff.teacherIds,
        tutorIds: staff.tutorIds,
        ...(staff.justification.trim() ? { justification: staff.justification.trim() } : {}),
      });
      await qc.invalidateQueries({ queryKey: keys.offerings });
      void navigate({ to: '/academics/offerings/$offeringId', params: { offeringId: o.id } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fe = fieldErrors(error);
  return (
    <Card withBorder component="section" aria-labelledby="new-offering">
      <Title order={2} size="h4" id="new-offering" mb="sm">
        {t('academics.offerings.new')}
      </Title>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <FormAlert error={error} />
          <ProgrammeSelect
            required
            value={programmeId}
            onChange={setProgrammeId}
            error={missing.programmeId}
          />
          <PeriodPicker
            required
            value={periodId}
            onChange={setPeriodId}
            error={missing.periodId ?? fe.periodId}
          />
          <Select
            label={t('academics.fields.discipline')}
            description={t('academics.offerings.disciplineHelp')}
            required
            searchable
            value={entryId || null}
            onChange={(v) => setEntryId(v ?? '')}
            data={[...entries].map(([value, label]) => ({ value, label }))}
            error={missing.entryId ?? fe.entryId}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <MultiSelect
            label={t('academics.fields.groups')}
            required
            searchable
            value={groupIds}
            onChange={setGroupIds}
            data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.code} — ${g.name}` }))}
            error={missing.groupIds ?? listError(error, 'groupIds')}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <StaffFields values={staff} onChange={setStaff} error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('academics.offerings.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
