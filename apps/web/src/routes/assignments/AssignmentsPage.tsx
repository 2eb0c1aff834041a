import { Badge, Card, Checkbox, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, put } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { formatInstant } from '../../components/format.ts';
import { localizedName } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { myCoursesQuery } from '../academics/offerings/MyCoursesPage.tsx';
import type { MyCourse } from '../academics/types.ts';
import { AccessNotice } from '../records/AccessNotice.tsx';
import { type AssignmentListDto, asgKeys, timeLeft } from './api.ts';

/** Every course the user studies or teaches, with its written assignments. */
export function AssignmentsPage() {
  const { t } = useTranslation();
  const { data, error } = useQuery(myCoursesQuery('current'));
  return (
    <Stack>
      <PageHeader title={t('assignments.title')} />
      <AccessNotice />
      {data?.items.some((c) => c.as !== 'learner') && <DigestChoice />}
      {error ? (
        <QueryError error={error} inline />
      ) : !data ? null : data.items.length === 0 ? (
        <Text>{t('assignments.noCourses')}</Text>
      ) : (
        data.items.map((c) => <CourseAssignments key={c.id} course={c} />)
      )}
    </Stack>
  );
}

/** A marker chooses one daily digest of new hand-ins instead of a notice for each. */
function DigestChoice() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = ['assignments', 'digest'];
  const { data } = useQuery({
    queryKey: key,
    queryFn: () => get<{ daily: boolean }>('/api/v1/me/assignment-digest'),
  });
  const set = useMutation({
    mutationFn: (daily: boolean) => put<{ daily: boolean }>('/api/v1/me/assignment-digest', { daily }),
    onSuccess: (x) => qc.setQueryData(key, x),
  });
  if (!data) return null;
  return (
    <Checkbox
      label={t('assignments.digest')}
      checked={data.daily}
      disabled={set.isPending}
      onChange={(e) => set.mutate(e.currentTarget.checked)}
    />
  );
}

export function StateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant={state === 'graded' || state === 'returned' ? 'filled' : 'outline'} color="dark">
      {t(`assignments.state.${state}`)}
    </Badge>
  );
}

export function LeftText({ iso }: { iso: string }) {
  const { t } = useTranslation();
  const left = timeLeft(iso);
  return <>{left ? t('assignments.left', left) : t('assignments.closed')}</>;
}

function CourseAssignments({ course }: { course: MyCourse }) {
  const { t, i18n } = useTranslation();
  const { data, error } = useQuery({
    queryKey: asgKeys.list(course.id),
    queryFn: () => get<AssignmentListDto>(`/api/v1/offerings/${course.id}/assignments`),
  });
  const headingId = `asg-course-${course.id}`;
  const learner = course.as === 'learner';
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id={headingId}>
          {course.disciplineCode} — {localizedName(i18n.language, course.disciplineName)}
        </Title>
        {data?.canManage && (
          <AnchorLink to="/assignments/new/$offeringId" params={{ offeringId: course.id }}>
            {t('assignments.new')}
          </AnchorLink>
        )}
      </Group>
      {error ? (
        <FormAlert error={error} />
      ) : !data ? null : data.items.length === 0 ? (
        <Text size="sm">{t('assignments.none')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assignments.field.title')}</Table.Th>
              <Table.Th>{t('assignments.field.dueAt')}</Table.Th>
              {learner ? (
                <>
                  <Table.Th>{t('assignments.stateLabel')}</Table.Th>
                  <Table.Th>{t('assignments.timeLeft')}</Table.Th>
                </>
              ) : (
                <Table.Th>{t('assignments.queueCounts')}</Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <AnchorLink to="/assignments/$assignmentId" params={{ assignmentId: a.id }}>
                    {a.title}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{formatInstant(a.mine?.dueAt ?? a.dueAt, i18n.language)}</Table.Td>
                {a.mine ? (
                  <>
                    <Table.Td>
                      <StateBadge state={a.mine.state} />
                    </Table.Td>
                    <Table.Td>
                      <LeftText iso={a.mine.dueAt} />
                    </Table.Td>
                  </>
                ) : (
                  <Table.Td>{a.counts ? t('assignments.counts', a.counts) : ''}</Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
