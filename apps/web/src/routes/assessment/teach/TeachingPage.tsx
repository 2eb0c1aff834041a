import {
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { testKinds } from '#core/wire/assessment.ts';
import { fieldErrors, get, post } from '../../../api/client.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { formatInstant } from '../../../components/format.ts';
import { localizedName } from '../../../components/labels.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { myCoursesQuery } from '../../academics/offerings/MyCoursesPage.tsx';
import type { MyCourse } from '../../academics/types.ts';
import { type TestRow, teachKeys } from './api.ts';

/** The courses a teacher or tutor works in: their tests, a new test, and the discipline's question bank. */
export function TeachingPage() {
  const { t } = useTranslation();
  const { data, error } = useQuery(myCoursesQuery('current'));
  const mine = data?.items.filter((c) => c.as !== 'learner');
  return (
    <Stack>
      <PageHeader title={t('assessment.teach.title')} />
      {error ? (
        <QueryError error={error} inline />
      ) : !mine ? null : mine.length === 0 ? (
        <Text>{t('assessment.teach.noCourses')}</Text>
      ) : (
        mine.map((c) => <CourseTests key={c.id} course={c} />)
      )}
    </Stack>
  );
}

function CourseTests({ course }: { course: MyCourse }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { data, error } = useQuery({
    queryKey: teachKeys.tests(course.id),
    queryFn: () => get<{ items: TestRow[] }>(`/api/v1/offerings/${course.id}/tests`),
  });
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<string>('current');
  const create = useMutation({
    mutationFn: () => post<TestRow>(`/api/v1/offerings/${course.id}/tests`, { title, kind }),
    onSuccess: (x) => void navigate({ to: '/teach/tests/$testId', params: { testId: x.id } }),
  });
  const errors = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const headingId = `asm-course-${course.id}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id={headingId}>
          {course.disciplineCode} — {localizedName(i18n.language, course.disciplineName)} ({course.code})
        </Title>
        {course.as === 'teacher' && (
          <AnchorLink to="/teach/banks/$disciplineId" params={{ disciplineId: course.disciplineId }}>
            {t('assessment.teach.openBank')}
          </AnchorLink>
        )}
      </Group>
      {error && <FormAlert error={error} />}
      {data && data.items.length === 0 && <Text size="sm">{t('assessment.teach.noTests')}</Text>}
      {data && data.items.length > 0 && (
        <Table.ScrollContainer minWidth={520}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('assessment.teach.testTitle')}</Table.Th>
                <Table.Th>{t('assessment.teach.kind')}</Table.Th>
                <Table.Th>{t('assessment.teach.status')}</Table.Th>
                <Table.Th>{t('assessment.teach.closes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td>
                    <AnchorLink to="/teach/tests/$testId" params={{ testId: x.id }}>
                      {x.title}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{t(`assessment.kind.${x.kind}`)}</Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color={x.status === 'published' ? 'teal.9' : 'dark'}>
                      {t(`assessment.teach.statusName.${x.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatInstant(x.closesAt, i18n.language) || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {course.as === 'teacher' && (
        <form onSubmit={submit}>
          <FormAlert error={create.error} />
          <Group align="flex-end" mt="md">
            <TextInput
              label={t('assessment.teach.newTestTitle')}
              required
              value={title}
              error={errors.title}
              onChange={(e) => setTitle(e.currentTarget.value)}
            />
            <NativeSelect
              label={t('assessment.teach.kind')}
              value={kind}
              data={testKinds.map((k) => ({ value: k, label: t(`assessment.kind.${k}`) }))}
              onChange={(e) => setKind(e.currentTarget.value)}
            />
            <Button type="submit" loading={create.isPending}>
              {t('assessment.teach.createTest')}
            </Button>
          </Group>
        </form>
      )}
    </Card>
  );
}
