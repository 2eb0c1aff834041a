import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../../api/client.ts';
import { AppModal } from '../../../components/AppModal.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { formatInstant } from '../../../components/format.ts';
import { QueryError } from '../../../components/QueryError.tsx';
import { QuestionInput } from '../QuestionInput.tsx';
import { answerText } from '../ReviewPage.tsx';
import { pick, plainText, RichText } from '../shared.tsx';
import type { AnswerResponse, ServedQuestion } from '../types.ts';
import { type Question, type QuestionVersion, teachKeys } from './api.ts';

type Preview = { question: ServedQuestion; score?: string; rightAnswer?: unknown };

/** The question exactly as a learner is served it; answering it shows what it would score. */
export function PreviewModal({ question, onClose }: { question: Question; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [value, setValue] = useState<AnswerResponse | null>(null);
  const served = useQuery({
    queryKey: ['assessment', 'teach', 'preview', question.id, question.version],
    queryFn: () => post<Preview>(`/api/v1/questions/${question.id}/preview`, {}),
  });
  const check = useMutation({
    mutationFn: (response: AnswerResponse) =>
      post<Preview>(`/api/v1/questions/${question.id}/preview`, { response }),
  });
  const q = served.data?.question;
  const labelId = `asm-preview-${question.id}`;
  return (
    <AppModal opened onClose={onClose} size="lg" title={t('assessment.teach.tryTitle')}>
      <Stack>
        <Text size="sm">{t('assessment.teach.tryIntro')}</Text>
        {served.error && <QueryError error={served.error} inline />}
        {q && (
          <Card withBorder>
            <RichText id={labelId} html={pick(i18n.language, q.text)} />
            <QuestionInput
              q={q}
              labelId={labelId}
              value={value}
              onChange={(r) => {
                setValue(r);
                check.reset();
              }}
            />
          </Card>
        )}
        <FormAlert error={check.error} />
        {check.data && (
          <Alert variant="outline" color="dark" role="status" title={t('assessment.teach.tryResult')}>
            {check.data.score !== undefined && (
              <Text size="sm">
                {t('assessment.review.slotScore', { score: check.data.score, points: question.points })}
              </Text>
            )}
            {check.data.score === undefined && <Text size="sm">{t('assessment.teach.tryManual')}</Text>}
            {check.data.rightAnswer != null && (
              <Text size="sm">
                {t('assessment.review.rightAnswer')}:{' '}
                {answerText(t, check.data.rightAnswer, q, i18n.language, true)}
              </Text>
            )}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button disabled={!value} loading={check.isPending} onClick={() => value && check.mutate(value)}>
            {t('assessment.teach.tryCheck')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

/** Every version of a question, newest first: attempts keep the version they were given. */
export function HistoryModal({ question, onClose }: { question: Question; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { data, error } = useQuery({
    queryKey: teachKeys.versions(question.id),
    queryFn: () => get<{ items: QuestionVersion[] }>(`/api/v1/questions/${question.id}/versions`),
  });
  return (
    <AppModal opened onClose={onClose} size="lg" title={t('assessment.teach.historyTitle')}>
      <Stack>
        {error && <QueryError error={error} inline />}
        {data?.items.map((v) => (
          <Card key={v.versionId} withBorder component="section" aria-labelledby={`asm-v-${v.versionId}`}>
            <Group justify="space-between">
              <Title order={2} size="h5" id={`asm-v-${v.versionId}`}>
                {t('assessment.teach.version', { n: v.version })}
              </Title>
              {v.version === question.version && (
                <Badge variant="outline">{t('assessment.teach.current')}</Badge>
              )}
            </Group>
            <Text size="xs" c="gray.8">
              {[formatInstant(v.createdAt, i18n.language), v.createdBy].filter(Boolean).join(' · ')} ·{' '}
              {t('assessment.teach.pointsN', { points: v.points })}
            </Text>
            <Text size="sm" mt="xs">
              {plainText(pick(i18n.language, v.text)) || '—'}
            </Text>
          </Card>
        ))}
      </Stack>
    </AppModal>
  );
}
