import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../../api/client.ts';
import { useMe, usePermissions } from '../../../api/session.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { localizedName } from '../../../components/labels.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { periodLabel } from '../calendar/CalendarTable.tsx';
import { enumLabel, formatDate, keys, useProgrammeName } from '../shared.tsx';
import type { CourseOffering, EnrolResult } from '../types.ts';
import { OfferingLearners } from './OfferingLearners.tsx';
import { StaffFields, type StaffValues } from './StaffFields.tsx';

/** An offering: its groups (with enrolment), teachers, tutors and advisors. */
export function OfferingPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const perms = usePermissions();
  const me = useMe();
  const key = [...keys.offerings, 'one', id];
  const { data: o, error } = useQuery({
    queryKey: key,
    queryFn: () => get<CourseOffering>(`/api/v1/offerings/${id}`),
  });
  const programmeName = useProgrammeName();
  const names = o?.staffNames ?? {};
  if (error) return <QueryError error={error} />;
  if (!o) return null;
  const day = (d: string) => formatDate(d, i18n.language);
  const manage = perms.has('offerings.manage') && !o.readOnly;
  const teaches = !!me && [...o.teacherIds, ...o.tutorIds].includes(me.id);
  const seesLearners = perms.has('offerings.read') || perms.has('offerings.manage') || teaches;
  const people = (ids: string[]) => (ids.length ? ids.map((x) => names[x]).join(', ') : '—');
  return (
    <Stack>
      <PageHeader title={`${o.code} — ${localizedName(i18n.language, o.disciplineName)}`}>
        <AnchorLink to="/courses/$offeringId" params={{ offeringId: o.id }}>
          {t('content.course.open')}
        </AnchorLink>
        {(perms.has('journal.read') || perms.has('journal.edit')) && (
          <AnchorLink to="/gradebook/offerings/$offeringId/journal" params={{ offeringId: o.id }}>
            {t('gradebook.journal.title')}
          </AnchorLink>
        )}
        {o.readOnly && (
          <Badge variant="outline" color="gray.8">
            {t('academics.offerings.readOnly')}
          </Badge>
        )}
      </PageHeader>
      {o.readOnly && (
        <Alert variant="outline" color="gray.8">
          {t('academics.offerings.readOnlyNote')}
        </Alert>
      )}
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="xs">
          <Fact label={t('academics.fields.programme')} value={programmeName(o.programmeId)} />
          <Fact
            label={t('academics.fields.period')}
            value={`${periodLabel(t, { kind: 'trimester', number: o.periodNumber })}: ${day(o.periodStart)} — ${day(o.periodEnd)}`}
          />
          <Fact label={t('academics.fields.credits')} value={String(o.credits)} />
          <Fact
            label={t('academics.fields.finalControl')}
            value={enumLabel(t, 'finalControl', o.finalControl)}
          />
          <Fact label={t('academics.fields.teachers')} value={people(o.teacherIds)} />
          <Fact label={t('academics.fields.tutors')} value={people(o.tutorIds)} />
        </SimpleGrid>
      </Card>
      <Card withBorder component="section" aria-labelledby="offering-groups">
        <Title order={2} size="h4" id="offering-groups" mb="sm">
          {t('academics.fields.groups')}
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('academics.fields.group')}</Table.Th>
              <Table.Th scope="col">{t('academics.fields.advisor')}</Table.Th>
              {manage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {o.groupIds.map((g) => (
              <Table.Tr key={g}>
                <Table.Td>{o.groupCodes[g] ?? g}</Table.Td>
                <Table.Td>{people(o.advisors.filter((a) => a.groupId === g).map((a) => a.userId))}</Table.Td>
                {manage && (
                  <Table.Td>
                    <EnrolButton offeringId={o.id} groupId={g} groupName={o.groupCodes[g] ?? g} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {seesLearners && <OfferingLearners offeringId={o.id} manage={manage} />}
      {manage && <StaffEditor offering={o} names={names} />}
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {value}
      </Text>
    </div>
  );
}

function EnrolButton({
  offeringId,
  groupId,
  groupName,
}: {
  offeringId: string;
  groupId: string;
  groupName: string;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<EnrolResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const enrol = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await post<EnrolResult>(`/api/v1/offerings/${offeringId}/enrolments`, { groupId }));
      await qc.invalidateQueries({ queryKey: [...keys.offerings, 'learners', offeringId] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4}>
      <Group>
        <Button size="xs" variant="default" loading={busy} onClick={() => void enrol()}>
          {t('academics.offerings.enrolGroup', { group: groupName })}
        </Button>
      </Group>
      <FormAlert error={error} />
      <Text size="sm" aria-live="polite">
        {result ? t('academics.offerings.enrolled', result) : ''}
      </Text>
    </Stack>
  );
}

function StaffEditor({ offering, names }: { offering: CourseOffering; names: Record<string, string> }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [values, setValues] = useState<StaffValues>({
    teacherIds: offering.teacherIds,
    tutorIds: offering.tutorIds,
    justification: '',
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      const next = await post<CourseOffering>(`/api/v1/offerings/${offering.id}/staff`, {
        teacherIds: values.teacherIds,
        tutorIds: values.tutorIds,
        advisors: offering.advisors,
        ...(values.justification.trim() ? { justification: values.justification.trim() } : {}),
      });
      qc.setQueryData([...keys.offerings, 'one', offering.id], next);
      await qc.invalidateQueries({ queryKey: keys.offerings });
      setValues({ ...values, justification: '' });
      setStatus(t('common.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="offering-staff">
      <Title order={2} size="h4" id="offering-staff" mb="sm">
        {t('academics.offerings.staffTitle')}
      </Title>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <FormAlert error={error} />
          <StaffFields values={values} onChange={setValues} error={error} known={names} />
          <Group>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
            <Text size="sm" aria-live="polite">
              {status}
            </Text>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
