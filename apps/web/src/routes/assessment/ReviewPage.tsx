import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { gapAnswerText, gapName } from './ClozeInput.tsx';
import { pick, plainText, RichText } from './shared.tsx';
import { AttemptLog, EssayGradeForm } from './teach/GradeTools.tsx';
import { type Attempt, asmKeys, type Review, type ReviewSlot, type ServedQuestion } from './types.ts';

/** A finished attempt, showing exactly what the server's review options let through. */
export function ReviewPage({ attemptId, asGrader = false }: { attemptId: string; asGrader?: boolean }) {
  const { t, i18n } = useTranslation();
  const { data, error } = useQuery({
    queryKey: asmKeys.review(attemptId),
    queryFn: () => get<Review>(`/api/v1/attempts/${attemptId}/review`),
  });
  // The questions as served give the words behind the option ids the review speaks in.
  const { data: served } = useQuery({
    queryKey: asmKeys.attempt(attemptId),
    queryFn: () => get<Attempt>(`/api/v1/attempts/${attemptId}`),
    enabled: !!data,
  });
  const title = data
    ? t('assessment.review.title', { number: data.number })
    : t('assessment.review.titlePlain');
  if (error) return <QueryError error={error} />;
  return (
    <Stack>
      <PageHeader title={title}>
        {asGrader ? (
          data && (
            <AnchorLink to="/teach/tests/$testId" params={{ testId: data.testId }}>
              {t('assessment.teach.backToTest')}
            </AnchorLink>
          )
        ) : (
          <AnchorLink to="/my-tests">{t('assessment.review.back')}</AnchorLink>
        )}
      </PageHeader>
      {data && (
        <>
          <Text size="sm">
            {data.autoSubmitted
              ? t('assessment.review.autoSubmitted', { at: formatInstant(data.submittedAt, i18n.language) })
              : t('assessment.review.submitted', { at: formatInstant(data.submittedAt, i18n.language) })}
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 4 }} component="dl" spacing="xs">
            <div>
              <Text component="dt" size="sm" c="gray.8">
                {t('assessment.review.score')}
              </Text>
              <Text component="dd" m={0} fw={600}>
                {data.score != null
                  ? t('assessment.review.scoreOf', { score: data.score, max: data.maxScore })
                  : t('assessment.review.hidden')}
              </Text>
            </div>
            {data.percent != null && (
              <div>
                <Text component="dt" size="sm" c="gray.8">
                  {t('assessment.review.percent')}
                </Text>
                <Text component="dd" m={0} fw={600}>
                  {t('assessment.percent', { value: data.percent })}
                </Text>
              </div>
            )}
            {data.passed != null && (
              <div>
                <Text component="dt" size="sm" c="gray.8">
                  {t('assessment.review.result')}
                </Text>
                <Text component="dd" m={0} fw={600}>
                  {data.passed ? t('assessment.review.passed') : t('assessment.review.failed')}
                </Text>
              </div>
            )}
            {!!data.pendingManual && (
              <div>
                <Text component="dt" size="sm" c="gray.8">
                  {t('assessment.review.pendingManualLabel')}
                </Text>
                <Text component="dd" m={0} fw={600}>
                  {t('assessment.review.pendingManual', { count: data.pendingManual })}
                </Text>
              </div>
            )}
          </SimpleGrid>
          {data.bandFeedback && (
            <Alert variant="outline" color="dark" title={t('assessment.review.bandFeedback')}>
              <RichText html={pick(i18n.language, data.bandFeedback)} />
            </Alert>
          )}
          {data.slots.map((s, k) => (
            <SlotReview
              key={s.slot}
              s={s}
              n={k + 1}
              q={served?.questions.find((q) => q.slot === s.slot)}
              attemptId={attemptId}
              grader={asGrader}
            />
          ))}
          {asGrader && <AttemptLog attemptId={attemptId} />}
        </>
      )}
    </Stack>
  );
}

const outcomeColor = { right: 'teal.9', partial: 'dark', wrong: 'red.9', pending: 'dark' } as const;

function SlotReview({
  s,
  n,
  q,
  attemptId,
  grader,
}: {
  s: ReviewSlot;
  n: number;
  q: ServedQuestion | undefined;
  attemptId: string;
  grader: boolean;
}) {
  const { t, i18n } = useTranslation();
  const say = (r: unknown) => answerText(t, r, q, i18n.language);
  const id = `asm-r-${s.slot}`;
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id={id}>
          {t('assessment.take.questionN', { n })}
        </Title>
        <Group gap="xs">
          {s.score != null && (
            <Text size="sm">{t('assessment.review.slotScore', { score: s.score, points: s.points })}</Text>
          )}
          {s.outcome && (
            <Badge variant="outline" color={outcomeColor[s.outcome]}>
              {t(`assessment.outcome.${s.outcome}`)}
            </Badge>
          )}
        </Group>
      </Group>
      <RichText
        html={
          s.type === 'cloze'
            ? pick(i18n.language, s.text).replace(
                /\{\{\s*([^}\s]+)\s*\}\}/g,
                (_, id: string) => ` [${gapName(t, q, id)}] `,
              )
            : pick(i18n.language, s.text)
        }
      />
      <Text size="sm" fw={600} mt="sm">
        {t('assessment.review.yourAnswer')}
      </Text>
      <Text size="sm">{s.response ? say(s.response) : t('assessment.review.noAnswer')}</Text>
      {s.rightAnswer !== undefined && s.rightAnswer !== null && (
        <>
          <Text size="sm" fw={600} mt="sm">
            {t('assessment.review.rightAnswer')}
          </Text>
          <Text size="sm">{answerText(t, s.rightAnswer, q, i18n.language, true)}</Text>
        </>
      )}
      {s.feedback && pick(i18n.language, s.feedback) && (
        <Alert variant="outline" color="dark" mt="sm" title={t('assessment.review.feedback')}>
          <RichText html={pick(i18n.language, s.feedback)} />
        </Alert>
      )}
      {(s.response as { fileId?: string } | null)?.fileId && (
        <Anchor href={`/api/v1/attempts/${attemptId}/answers/${s.slot}/file`} size="sm">
          {t('assessment.review.attachedFile')}
        </Anchor>
      )}
      {s.comment && !grader && (
        <Alert variant="outline" color="dark" mt="sm" title={t('assessment.review.comment')}>
          {s.comment}
        </Alert>
      )}
      {grader && s.type === 'essay' && s.response && (
        <EssayGradeForm
          attemptId={attemptId}
          slot={s.slot}
          points={s.points}
          score={s.score ?? null}
          comment={s.comment ?? null}
        />
      )}
    </Card>
  );
}

/** An answer in words: option ids become the texts the learner was shown. */
export function answerText(
  t: TFunction,
  r: unknown,
  q: ServedQuestion | undefined,
  lang: string,
  right = false,
): string {
  const v = r as Record<string, unknown>;
  const find = (list: { id: string; text: Parameters<typeof pick>[1] }[] | undefined, id: string) => {
    const hit = list?.find((x) => x.id === id);
    return hit ? plainText(pick(lang, hit.text)) : id;
  };
  if (typeof v.choice === 'string') return find(q?.options, v.choice);
  if (Array.isArray(v.choices))
    return (v.choices as string[]).map((c) => find(q?.options, c)).join('; ') || '—';
  if (typeof v.value === 'boolean') return v.value ? t('assessment.take.true') : t('assessment.take.false');
  if (typeof v.text === 'string') return v.text || '—';
  if (Array.isArray(v.accepted)) return (v.accepted as string[]).join(' / ');
  if (Array.isArray(v.answers))
    return (v.answers as { value: number; tolerance: number }[])
      .map((a) => (a.tolerance ? `${a.value} ± ${a.tolerance}` : String(a.value)))
      .join(' / ');
  if (Array.isArray(v.order)) return (v.order as string[]).map((id) => find(q?.items, id)).join(' → ');
  if (v.pairs && typeof v.pairs === 'object')
    return Object.entries(v.pairs as Record<string, string>)
      .map(([a, b]) => `${find(q?.prompts, a)} — ${find(q?.choices, b)}`)
      .join('; ');
  if (v.gaps && typeof v.gaps === 'object')
    // A right answer names each gap's answer in words; a response names a chosen option by its id.
    return Object.entries(v.gaps as Record<string, string>)
      .map(([id, text]) => `${gapName(t, q, id)}: ${right ? text : gapAnswerText(q, id, text)}`)
      .join('; ');
  return '—';
}
