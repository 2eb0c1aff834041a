import { Alert, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { pick, RichText } from './shared.tsx';
import { asmKeys, type Review, type ReviewSlot } from './types.ts';

/** A finished attempt, showing exactly what the server's review options let through. */
export function ReviewPage({ attemptId }: { attemptId: string }) {
  const { t, i18n } = useTranslation();
  const { data, error } = useQuery({
    queryKey: asmKeys.review(attemptId),
    queryFn: () => get<Review>(`/api/v1/attempts/${attemptId}/review`),
  });
  const title = data
    ? t('assessment.review.title', { number: data.number })
    : t('assessment.review.titlePlain');
  if (error) return <QueryError error={error} />;
  return (
    <Stack>
      <PageHeader title={title}>
        <AnchorLink to="/my-tests">{t('assessment.review.back')}</AnchorLink>
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
            <SlotReview key={s.slot} s={s} n={k + 1} />
          ))}
        </>
      )}
    </Stack>
  );
}

const outcomeColor = { right: 'teal.9', partial: 'yellow.9', wrong: 'red.9', pending: 'dark' } as const;

function SlotReview({ s, n }: { s: ReviewSlot; n: number }) {
  const { t, i18n } = useTranslation();
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
      <RichText html={pick(i18n.language, s.text)} />
      <Text size="sm" fw={600} mt="sm">
        {t('assessment.review.yourAnswer')}
      </Text>
      <Text size="sm">{s.response ? answerText(t, s.response) : t('assessment.review.noAnswer')}</Text>
      {s.rightAnswer !== undefined && s.rightAnswer !== null && (
        <>
          <Text size="sm" fw={600} mt="sm">
            {t('assessment.review.rightAnswer')}
          </Text>
          <Text size="sm">{answerText(t, s.rightAnswer)}</Text>
        </>
      )}
      {s.feedback && pick(i18n.language, s.feedback) && (
        <Alert variant="outline" color="dark" mt="sm" title={t('assessment.review.feedback')}>
          <RichText html={pick(i18n.language, s.feedback)} />
        </Alert>
      )}
      {s.comment && (
        <Alert variant="outline" color="dark" mt="sm" title={t('assessment.review.comment')}>
          {s.comment}
        </Alert>
      )}
    </Card>
  );
}

/**
 * An answer in words. The review carries answers as option ids (the ids the learner was
 * served), so choices are shown by id where the text is not part of the review.
 */
function answerText(t: (k: string) => string, r: unknown): string {
  const v = r as Record<string, unknown>;
  if (typeof v.choice === 'string') return v.choice;
  if (Array.isArray(v.choices)) return (v.choices as string[]).join(', ') || '—';
  if (typeof v.value === 'boolean') return v.value ? t('assessment.take.true') : t('assessment.take.false');
  if (typeof v.text === 'string') return v.text || '—';
  if (Array.isArray(v.accepted)) return (v.accepted as string[]).join(' / ');
  if (Array.isArray(v.answers))
    return (v.answers as { value: number; tolerance: number }[])
      .map((a) => (a.tolerance ? `${a.value} ± ${a.tolerance}` : String(a.value)))
      .join(' / ');
  if (Array.isArray(v.order)) return (v.order as string[]).join(' → ');
  if (v.pairs && typeof v.pairs === 'object')
    return Object.entries(v.pairs as Record<string, string>)
      .map(([a, b]) => `${a} → ${b}`)
      .join('; ');
  if (v.gaps && typeof v.gaps === 'object')
    return Object.entries(v.gaps as Record<string, string>)
      .map(([a, b]) => `${a}: ${b}`)
      .join('; ');
  return '—';
}
