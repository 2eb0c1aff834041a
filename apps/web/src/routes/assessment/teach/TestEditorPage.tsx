import { Alert, Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../../api/client.ts';
import { usePermissions } from '../../../api/session.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { myCoursesQuery } from '../../academics/offerings/MyCoursesPage.tsx';
import { type TestDetail, teachKeys } from './api.ts';
import { GradingPanel } from './GradingPanel.tsx';
import { OverridesPanel } from './OverridesPanel.tsx';
import { TestSettingsForm } from './TestSettingsForm.tsx';

/** One test for its teachers: settings and publishing, overrides, and grading. */
export function TestEditorPage({ testId }: { testId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data, error } = useQuery({
    queryKey: teachKeys.test(testId),
    queryFn: () => get<TestDetail>(`/api/v1/tests/${testId}`),
  });
  const { data: courses } = useQuery(myCoursesQuery('current'));
  const course = courses?.items.find((c) => c.id === data?.offeringId);
  const perms = usePermissions();
  const manage = course ? course.as === 'teacher' : perms.has('tests.manage');
  const publish = useMutation({
    mutationFn: () => post<TestDetail>(`/api/v1/tests/${testId}/publish`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: teachKeys.test(testId) });
      if (data) void qc.invalidateQueries({ queryKey: teachKeys.tests(data.offeringId) });
    },
  });
  if (error) return <QueryError error={error} />;
  if (!data || !courses) return null;
  const disciplineId = course?.disciplineId ?? '';
  return (
    <Stack>
      <PageHeader title={data.title}>
        <Group>
          <AnchorLink to="/teach/tests/$testId/statistics" params={{ testId: data.id }}>
            {t('interchange.stats.open')}
          </AnchorLink>
          <AnchorLink to="/teach/tests">{t('assessment.teach.backToTests')}</AnchorLink>
        </Group>
      </PageHeader>
      <Group gap="xs">
        <Badge variant="outline" color={data.status === 'published' ? 'teal.9' : 'dark'}>
          {t(`assessment.teach.statusName.${data.status}`)}
        </Badge>
        <Text size="sm">{t(`assessment.kind.${data.kind}`)}</Text>
      </Group>
      <Alert variant="outline" color={data.variantCount === null ? 'red.9' : 'dark'} role="status">
        {data.variantCount !== null
          ? t('assessment.teach.variants', { count: Number(data.variantCount), value: data.variantCount })
          : data.drawProblems.length > 0
            ? data.drawProblems
                .map((p) =>
                  t('assessment.teach.drawProblem', {
                    n: p.part + 1,
                    needed: p.needed,
                    available: p.available,
                  }),
                )
                .join(' ')
            : t('assessment.teach.noParts')}
      </Alert>
      {manage && data.status === 'draft' && (
        <Group>
          <FormAlert error={publish.error} />
          <Button onClick={() => publish.mutate()} loading={publish.isPending}>
            {t('assessment.teach.publish')}
          </Button>
        </Group>
      )}
      {data.status === 'published' && <Text size="sm">{t('assessment.teach.publishedNote')}</Text>}
      <Tabs defaultValue={manage ? 'settings' : 'grading'} keepMounted={false}>
        <Tabs.List>
          {manage && <Tabs.Tab value="settings">{t('assessment.teach.tabSettings')}</Tabs.Tab>}
          {manage && <Tabs.Tab value="overrides">{t('assessment.teach.tabOverrides')}</Tabs.Tab>}
          <Tabs.Tab value="grading">{t('assessment.teach.tabGrading')}</Tabs.Tab>
        </Tabs.List>
        {manage && (
          <Tabs.Panel value="settings" pt="md">
            <TestSettingsForm key={data.version} test={data} disciplineId={disciplineId} />
          </Tabs.Panel>
        )}
        {manage && (
          <Tabs.Panel value="overrides" pt="md">
            <OverridesPanel testId={testId} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="grading" pt="md">
          <GradingPanel testId={testId} disciplineId={disciplineId} manage={manage} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
