import {
  Badge,
  Button,
  Card,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { AppModal } from '../../components/AppModal.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { formatInstant } from '../../components/format.ts';
import { localizedName } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { myCoursesQuery } from '../academics/offerings/MyCoursesPage.tsx';
import type { MyCourse } from '../academics/types.ts';
import { AccessNotice } from '../records/AccessNotice.tsx';
import { type Attempt, asmKeys, type LearnerTest, type MyAttempts } from './types.ts';

/** The published tests of every offering the learner studies, with Start or Continue. */
export function MyTestsPage() {
  const { t } = useTranslation();
  const { data, error } = useQuery(myCoursesQuery('current'));
  const mine = data?.items.filter((c) => c.as === 'learner');
  return (
    <Stack>
      <PageHeader title={t('assessment.myTests.title')} />
      <AccessNotice />
      {error ? (
        <QueryError error={error} inline />
      ) : !mine ? null : mine.length === 0 ? (
        <Text>{t('assessment.myTests.noCourses')}</Text>
      ) : (
        mine.map((c) => <OfferingTests key={c.id} course={c} />)
      )}
    </Stack>
  );
}

function OfferingTests({ course }: { course: MyCourse }) {
  const { t, i18n } = useTranslation();
  const { data, error } = useQuery({
    queryKey: asmKeys.tests(course.id),
    queryFn: () => get<{ items: LearnerTest[] }>(`/api/v1/offerings/${course.id}/tests`),
  });
  const headingId = `asm-offering-${course.id}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="sm">
        {course.disciplineCode} — {localizedName(i18n.language, course.disciplineName)}
      </Title>
      {error ? (
        <FormAlert error={error} />
      ) : !data ? null : data.items.length === 0 ? (
        <Text size="sm">{t('assessment.myTests.noTests')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} component="ul" style={{ listStyle: 'none', padding: 0 }}>
          {data.items.map((test) => (
            <TestCard key={test.id} test={test} />
          ))}
        </SimpleGrid>
      )}
    </Card>
  );
}

function windowText(t: TFunction, lang: string, test: LearnerTest) {
  const from = formatInstant(test.opensAt, lang);
  const to = formatInstant(test.closesAt, lang);
  if (from && to) return t('assessment.window.between', { from, to });
  if (from) return t('assessment.window.from', { from });
  if (to) return t('assessment.window.until', { to });
  return t('assessment.window.always');
}

function TestCard({ test }: { test: LearnerTest }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { data: mine } = useQuery({
    queryKey: asmKeys.myAttempts(test.id),
    queryFn: () => get<MyAttempts>(`/api/v1/tests/${test.id}/my-attempts`),
  });
  const [pwOpen, setPwOpen] = useState(false);
  const [password, setPassword] = useState('');
  const start = useMutation({
    mutationFn: (pw?: string) =>
      post<Attempt>(`/api/v1/tests/${test.id}/attempts`, pw ? { password: pw } : {}),
    onSuccess: (a) => {
      qc.setQueryData(asmKeys.attempt(a.id), a);
      void qc.invalidateQueries({ queryKey: asmKeys.myAttempts(test.id) });
      void navigate({ to: '/my-tests/attempts/$attemptId', params: { attemptId: a.id } });
    },
  });
  const items = mine?.items ?? [];
  const open = items.find((a) => a.status === 'in_progress');
  const used = items.length;
  const allowed = test.kind === 'self' ? null : test.attemptsAllowed;
  const now = Date.now();
  const closed = test.closesAt !== null && new Date(test.closesAt).getTime() <= now;
  const notYet = test.opensAt !== null && new Date(test.opensAt).getTime() > now;
  const exhausted = allowed !== null && used >= allowed && !open;
  const headingId = `asm-test-${test.id}`;
  const begin = () => {
    if (!open && test.settings.needsPassword) {
      start.reset();
      setPwOpen(true);
    } else start.mutate(undefined);
  };
  const submitPassword = (e: FormEvent) => {
    e.preventDefault();
    start.mutate(password);
  };
  const method = test.settings.gradingMethod ?? mine?.gradingMethod;
  return (
    <Card withBorder component="li" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs" wrap="nowrap" align="flex-start">
        <Title order={3} size="h5" id={headingId}>
          {test.title}
        </Title>
        <Badge variant="outline" color="dark" style={{ flexShrink: 0 }}>
          {t(`assessment.kind.${test.kind}`)}
        </Badge>
      </Group>
      <Table variant="vertical" withRowBorders={false} fz="sm" mb="sm">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">{t('assessment.myTests.window')}</Table.Th>
            <Table.Td>{windowText(t, i18n.language, test)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('assessment.myTests.timeLimit')}</Table.Th>
            <Table.Td>
              {test.timeLimitSec === null
                ? t('assessment.myTests.noLimit')
                : t('assessment.myTests.minutes', { count: Math.ceil(test.timeLimitSec / 60) })}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('assessment.myTests.attempts')}</Table.Th>
            <Table.Td>
              {allowed === null
                ? t('assessment.myTests.attemptsUnlimited', { used })
                : t('assessment.myTests.attemptsOf', { used, allowed })}
            </Table.Td>
          </Table.Tr>
          {method && (
            <Table.Tr>
              <Table.Th scope="row">{t('assessment.myTests.gradedBy')}</Table.Th>
              <Table.Td>{t(`assessment.method.${method}`)}</Table.Td>
            </Table.Tr>
          )}
          {mine?.grade != null && (
            <Table.Tr>
              <Table.Th scope="row">{t('assessment.myTests.grade')}</Table.Th>
              <Table.Td fw={600}>{t('assessment.percent', { value: mine.grade })}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {items.some((a) => a.status === 'submitted') && (
        <Stack gap={4} mb="sm">
          <Text size="sm" fw={600}>
            {t('assessment.myTests.previous')}
          </Text>
          <ul style={{ margin: 0, paddingInlineStart: '1.2rem' }}>
            {items
              .filter((a) => a.status === 'submitted')
              .map((a) => (
                <li key={a.id}>
                  <AnchorLink
                    to="/my-tests/attempts/$attemptId/review"
                    params={{ attemptId: a.id }}
                    size="sm"
                  >
                    {t('assessment.myTests.reviewAttempt', {
                      number: a.number,
                      result:
                        a.percent !== null
                          ? t('assessment.percent', { value: a.percent })
                          : t('assessment.noScore'),
                    })}
                  </AnchorLink>
                </li>
              ))}
          </ul>
        </Stack>
      )}
      <FormAlert error={pwOpen ? null : start.error} />
      {open ? (
        <Button onClick={begin} loading={start.isPending} aria-describedby={headingId}>
          {t('assessment.myTests.continue')}
        </Button>
      ) : closed ? (
        <Text size="sm">{t('assessment.myTests.closed')}</Text>
      ) : notYet ? (
        <Text size="sm">{t('assessment.myTests.notYet')}</Text>
      ) : exhausted ? (
        <Text size="sm">{t('assessment.myTests.noAttemptsLeft')}</Text>
      ) : (
        <Button onClick={begin} loading={start.isPending} aria-describedby={headingId}>
          {used > 0 ? t('assessment.myTests.startAgain') : t('assessment.myTests.start')}
        </Button>
      )}
      <AppModal opened={pwOpen} onClose={() => setPwOpen(false)} title={t('assessment.password.title')}>
        <form onSubmit={submitPassword}>
          <FormAlert error={start.error} />
          <Text size="sm" mb="sm">
            {t('assessment.password.intro', { title: test.title })}
          </Text>
          <PasswordInput
            label={t('assessment.password.label')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
            data-autofocus
            autoComplete="off"
          />
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={() => setPwOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={start.isPending}>
              {t('assessment.myTests.start')}
            </Button>
          </Group>
        </form>
      </AppModal>
    </Card>
  );
}
