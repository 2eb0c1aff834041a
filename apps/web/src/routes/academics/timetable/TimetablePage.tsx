import {
  Alert,
  Button,
  Card,
  Group,
  List,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors, get, post } from '../../../api/client.ts';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { localizedName } from '../../../components/labels.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RequirePermission } from '../../../components/RequirePermission.tsx';
import { listError } from '../offerings/StaffFields.tsx';
import { PeriodPicker } from '../PeriodPicker.tsx';
import { useUserNames } from '../people.ts';
import { formatTime, keys, PeoplePicker, useGroupNames } from '../shared.tsx';
import type { CourseOffering, ExamEntry, Page } from '../types.ts';

type Timetable = { periodId: string; entries: ExamEntry[] };
type Clash = {
  kind: 'group' | 'examiner';
  groupId?: string;
  examinerId?: string;
  entries: {
    id: string | null;
    pointer: string | null;
    disciplineId: string;
    startsAt: string;
    endsAt: string;
  }[];
};

/** A wall-clock time typed in Almaty (UTC+5, no daylight saving) as an instant. */
const almatyInstant = (local: string) => (local ? `${local}:00+05:00` : '');

/** The DL institute sets the exams of a session; a clash is refused and shown. */
export function TimetablePage() {
  return (
    <RequirePermission any={['timetable.manage']}>
      <Timetable />
    </RequirePermission>
  );
}

function Timetable() {
  const { t } = useTranslation();
  const [periodId, setPeriodId] = useState('');
  const session = useQuery<Timetable>({
    queryKey: [...keys.timetable, periodId],
    queryFn: ({ signal }) => get<Timetable>('/api/v1/exam-timetable', { periodId }, signal),
    enabled: !!periodId,
  });
  const offerings = useQuery({
    queryKey: [...keys.offerings, 'period', periodId],
    queryFn: () => get<Page<CourseOffering>>('/api/v1/offerings', { periodId, pageSize: 200 }),
    enabled: !!periodId,
  });
  return (
    <Stack>
      <PageHeader title={t('academics.timetable.title')} />
      <PeriodPicker required value={periodId} onChange={setPeriodId} />
      {periodId && (
        <>
          <ExamForm periodId={periodId} offerings={offerings.data?.items ?? []} />
          <ExamList entries={session.data?.entries ?? []} />
        </>
      )}
    </Stack>
  );
}

function ExamList({ entries }: { entries: ExamEntry[] }) {
  const { t, i18n } = useTranslation();
  const groups = useGroupNames();
  const names = useUserNames(entries.flatMap((e) => e.examinerIds));
  if (entries.length === 0) return <Text>{t('academics.timetable.emptyHelp')}</Text>;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table withTableBorder striped>
        <Table.Caption>{t('academics.timetable.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('academics.fields.discipline')}</Table.Th>
            <Table.Th scope="col">{t('academics.fields.groups')}</Table.Th>
            <Table.Th scope="col">{t('academics.fields.startsAt')}</Table.Th>
            <Table.Th scope="col">{t('academics.fields.endsAt')}</Table.Th>
            <Table.Th scope="col">{t('academics.fields.place')}</Table.Th>
            <Table.Th scope="col">{t('academics.fields.examiners')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                {e.disciplineCode} {localizedName(i18n.language, e.disciplineName)}
              </Table.Td>
              <Table.Td>{e.groupIds.map(groups.name).join(', ')}</Table.Td>
              <Table.Td>{formatTime(e.startsAt, i18n.language)}</Table.Td>
              <Table.Td>{formatTime(e.endsAt, i18n.language)}</Table.Td>
              <Table.Td>
                {e.place}
                {e.onlineUrl && (
                  <a href={e.onlineUrl} target="_blank" rel="noreferrer">
                    {t('academics.timetable.onlineLink')}
                  </a>
                )}
              </Table.Td>
              <Table.Td>{e.examinerIds.map((x) => names[x]).join(', ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ExamForm({ periodId, offerings }: { periodId: string; offerings: CourseOffering[] }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const groups = useGroupNames();
  const [offeringId, setOfferingId] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [place, setPlace] = useState('');
  const [onlineUrl, setOnlineUrl] = useState('');
  const [examinerIds, setExaminerIds] = useState<string[]>([]);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const offering = offerings.find((o) => o.id === offeringId);
  const disciplineName = (id: string) => {
    const o = offerings.find((x) => x.disciplineId === id);
    return o ? `${o.disciplineCode} ${localizedName(i18n.language, o.disciplineName)}` : id;
  };
  const names = useUserNames(examinerIds);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!offering) m.offeringId = t('validation.required');
    if (!startsAt) m.startsAt = t('validation.required');
    if (!endsAt) m.endsAt = t('validation.required');
    if (!place.trim() && !onlineUrl.trim()) m.place = t('academics.timetable.placeRequired');
    if (examinerIds.length === 0) m.examinerIds = t('validation.required');
    setMissing(m);
    if (Object.keys(m).length || !offering) return;
    setBusy(true);
    setError(null);
    try {
      const out = await post<Timetable>('/api/v1/exam-timetable', {
        periodId,
        entries: [
          {
            disciplineId: offering.disciplineId,
            offeringId: offering.id,
            groupIds: offering.groupIds,
            examinerIds,
            startsAt: almatyInstant(startsAt),
            endsAt: almatyInstant(endsAt),
            ...(place.trim() ? { place: place.trim() } : {}),
            ...(onlineUrl.trim() ? { onlineUrl: onlineUrl.trim() } : {}),
          },
        ],
      });
      qc.setQueryData([...keys.timetable, periodId], out);
      setOfferingId('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fe = fieldErrors(error);
  const at = (f: string) => fe[`entries.0.${f}`] ?? missing[f];
  const clashes: Clash[] =
    error instanceof ApiError && error.type === 'exam-clash' && Array.isArray(error.body.clashes)
      ? (error.body.clashes as Clash[])
      : [];
  return (
    <Card withBorder component="section" aria-labelledby="add-exam">
      <Title order={2} size="h4" id="add-exam" mb="sm">
        {t('academics.timetable.addTitle')}
      </Title>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <FormAlert error={error} />
          {clashes.length > 0 && (
            <Alert color="red.9" variant="outline" title={t('academics.timetable.clashesTitle')}>
              <List size="sm">
                {clashes.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: clashes are listed as the API reports them
                  <List.Item key={i}>
                    {c.kind === 'group'
                      ? t('academics.timetable.groupClash', { group: groups.name(c.groupId ?? '') })
                      : t('academics.timetable.examinerClash', {
                          examiner: names[c.examinerId ?? ''] ?? c.examinerId,
                        })}{' '}
                    {c.entries
                      .map(
                        (x) =>
                          `${disciplineName(x.disciplineId)} (${formatTime(x.startsAt, i18n.language)} — ${formatTime(x.endsAt, i18n.language)})`,
                      )
                      .join('; ')}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Select
            label={t('academics.timetable.offering')}
            description={t('academics.timetable.offeringHelp')}
            required
            searchable
            value={offeringId || null}
            onChange={(v) => setOfferingId(v ?? '')}
            data={offerings.map((o) => ({
              value: o.id,
              label: `${o.code} — ${localizedName(i18n.language, o.disciplineName)}`,
            }))}
            error={at('offeringId') ?? at('disciplineId') ?? listError(error, 'entries.0.groupIds')}
            nothingFoundMessage={t('common.nothingFound')}
          />
          {offering && (
            <Text size="sm">
              {t('academics.fields.groups')}: {offering.groupIds.map(groups.name).join(', ')}
            </Text>
          )}
          <Group align="flex-start" wrap="wrap">
            <TextInput
              type="datetime-local"
              label={t('academics.fields.startsAt')}
              description={t('academics.timetable.almatyTime')}
              required
              value={startsAt}
              onChange={(e) => setStartsAt(e.currentTarget.value)}
              error={at('startsAt')}
              w={240}
            />
            <TextInput
              type="datetime-local"
              label={t('academics.fields.endsAt')}
              description={t('academics.timetable.almatyTime')}
              required
              value={endsAt}
              onChange={(e) => setEndsAt(e.currentTarget.value)}
              error={at('endsAt')}
              w={240}
            />
          </Group>
          <Group align="flex-start" wrap="wrap">
            <TextInput
              label={t('academics.timetable.placeLabel')}
              value={place}
              onChange={(e) => setPlace(e.currentTarget.value)}
              error={at('place')}
              w={300}
            />
            <TextInput
              type="url"
              label={t('academics.timetable.onlineUrl')}
              value={onlineUrl}
              onChange={(e) => setOnlineUrl(e.currentTarget.value)}
              error={at('onlineUrl')}
              w={360}
            />
          </Group>
          <PeoplePicker
            label={t('academics.fields.examiners')}
            value={examinerIds}
            onChange={setExaminerIds}
            error={missing.examinerIds ?? listError(error, 'entries.0.examinerIds')}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('academics.timetable.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
