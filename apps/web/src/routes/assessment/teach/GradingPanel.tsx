import { Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../../api/client.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { formatInstant } from '../../../components/format.ts';
import { QueryError } from '../../../components/QueryError.tsx';
import { pick, plainText } from '../shared.tsx';
import {
  type GradingQueue,
  type QuestionPage,
  type RegradeResult,
  type TestAttempts,
  teachKeys,
} from './api.ts';

/** The test's attempts, the essays waiting for a score, and regrading after a question was corrected. */
export function GradingPanel({
  testId,
  disciplineId,
  manage,
}: {
  testId: string;
  disciplineId: string;
  manage: boolean;
}) {
  const { t, i18n } = useTranslation();
  const attempts = useQuery({
    queryKey: teachKeys.attempts(testId),
    queryFn: () => get<TestAttempts>(`/api/v1/tests/${testId}/attempts`),
  });
  const queue = useQuery({
    queryKey: teachKeys.queue(testId),
    queryFn: () => get<GradingQueue>(`/api/v1/tests/${testId}/grading-queue`),
  });
  return (
    <Stack>
      <Card withBorder component="section" aria-labelledby="asm-queue">
        <Title order={2} size="h4" id="asm-queue" mb="xs">
          {t('assessment.teach.queue')}
        </Title>
        {queue.error && <QueryError error={queue.error} inline />}
        {queue.data && queue.data.items.length === 0 && (
          <Text size="sm">{t('assessment.teach.queueEmpty')}</Text>
        )}
        {queue.data && queue.data.items.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {queue.data.items.map((x) => (
              <li key={`${x.attemptId}-${x.slot}`}>
                <AnchorLink to="/teach/attempts/$attemptId" params={{ attemptId: x.attemptId }}>
                  {t('assessment.teach.gradeEssayOf', {
                    name: x.learnerName,
                    text: plainText(pick(i18n.language, x.text)).slice(0, 60),
                  })}
                </AnchorLink>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card withBorder component="section" aria-labelledby="asm-attempts">
        <Title order={2} size="h4" id="asm-attempts" mb="xs">
          {t('assessment.teach.attemptsTitle')}
        </Title>
        {attempts.error && <QueryError error={attempts.error} inline />}
        {attempts.data && attempts.data.items.length === 0 && (
          <Text size="sm">{t('assessment.teach.noAttempts')}</Text>
        )}
        {attempts.data && attempts.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('assessment.teach.learner')}</Table.Th>
                  <Table.Th>{t('assessment.teach.attemptNo')}</Table.Th>
                  <Table.Th>{t('assessment.teach.status')}</Table.Th>
                  <Table.Th>{t('assessment.teach.submittedAt')}</Table.Th>
                  <Table.Th>{t('assessment.review.score')}</Table.Th>
                  <Table.Th>{t('assessment.teach.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {attempts.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{a.learnerName}</Table.Td>
                    <Table.Td>{a.number}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge variant="outline" color="dark">
                          {t(`assessment.teach.attemptStatus.${a.status}`)}
                        </Badge>
                        {a.autoSubmitted && (
                          <Badge variant="outline" color="dark">
                            {t('assessment.teach.auto')}
                          </Badge>
                        )}
                        {a.pendingManual > 0 && (
                          <Badge variant="outline" color="red.9">
                            {t('assessment.review.pendingManual', { count: a.pendingManual })}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatInstant(a.submittedAt, i18n.language) || '—'}</Table.Td>
                    <Table.Td>
                      {a.score === null
                        ? '—'
                        : `${t('assessment.review.scoreOf', { score: a.score, max: a.maxScore })} (${t('assessment.percent', { value: a.percent })})`}
                    </Table.Td>
                    <Table.Td>
                      {a.status === 'submitted' && (
                        <AnchorLink
                          to="/teach/attempts/$attemptId"
                          params={{ attemptId: a.id }}
                          aria-label={`${t('assessment.teach.openAttempt')}: ${a.learnerName}, ${t('assessment.teach.attemptNo')} ${a.number}`}
                        >
                          {t('assessment.teach.openAttempt')}
                        </AnchorLink>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {manage && <Regrade testId={testId} disciplineId={disciplineId} />}
    </Stack>
  );
}

function Regrade({ testId, disciplineId }: { testId: string; disciplineId: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const bank = useQuery({
    queryKey: [...teachKeys.questions(disciplineId), null, ''],
    queryFn: () => get<QuestionPage>(`/api/v1/disciplines/${disciplineId}/questions`, { pageSize: 500 }),
  });
  const objective = (bank.data?.items ?? []).filter((q) => q.type !== 'essay');
  const [questionId, setQuestionId] = useState('');
  const run = useMutation({
    mutationFn: (dryRun: boolean) =>
      post<RegradeResult>(`/api/v1/tests/${testId}/regrade`, { questionId, dryRun }),
    onSuccess: (r) => {
      if (!r.dryRun) void qc.invalidateQueries({ queryKey: teachKeys.attempts(testId) });
    },
  });
  const r = run.data;
  return (
    <Card withBorder component="section" aria-labelledby="asm-regrade">
      <Title order={2} size="h4" id="asm-regrade" mb="xs">
        {t('assessment.teach.regrade')}
      </Title>
      <Text size="sm" mb="xs">
        {t('assessment.teach.regradeIntro')}
      </Text>
      <FormAlert error={run.error} />
      <Group align="flex-end">
        <NativeSelect
          label={t('assessment.teach.regradeQuestion')}
          value={questionId}
          onChange={(e) => {
            setQuestionId(e.currentTarget.value);
            run.reset();
          }}
          data={[
            { value: '', label: t('assessment.teach.chooseQuestion') },
            ...objective.map((q) => ({
              value: q.id,
              label: `${plainText(pick(i18n.language, q.text)).slice(0, 70)} (v${q.version})`,
            })),
          ]}
        />
        <Button
          variant="default"
          disabled={!questionId}
          loading={run.isPending}
          onClick={() => run.mutate(true)}
        >
          {t('assessment.teach.regradePreview')}
        </Button>
      </Group>
      {r && (
        <Stack mt="sm" gap="xs" role="status">
          <Text size="sm">
            {r.dryRun
              ? t('assessment.teach.regradeWould', { count: r.attempts.length })
              : t('assessment.teach.regradeDone', { count: r.attempts.length })}
          </Text>
          {r.attempts.length > 0 && (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {r.attempts.map((a) => (
                <li key={a.attemptId}>
                  {t('assessment.teach.regradeChange', { before: a.before ?? '—', after: a.after ?? '—' })}
                </li>
              ))}
            </ul>
          )}
          {r.dryRun && r.attempts.length > 0 && (
            <Group>
              <Button loading={run.isPending} onClick={() => run.mutate(false)}>
                {t('assessment.teach.regradeApply')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Card>
  );
}
