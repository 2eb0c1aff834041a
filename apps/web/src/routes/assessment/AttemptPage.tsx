import { Alert, Badge, Button, Card, Group, List, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, get, post } from '../../api/client.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { errorText, FormAlert } from '../../components/FormAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { QuestionInput } from './QuestionInput.tsx';
import { clockText, pick, RichText } from './shared.tsx';
import type { AnswerResponse, Attempt, Review } from './types.ts';
import { asmKeys } from './types.ts';
import { type SaveState, useAnswerSaver } from './useAnswerSaver.ts';

/** Taking a test: answers saved as they change, a countdown from the server's deadline. */
export function AttemptPage({ attemptId }: { attemptId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data, error } = useQuery({
    queryKey: asmKeys.attempt(attemptId),
    queryFn: () => get<Attempt>(`/api/v1/attempts/${attemptId}`),
    staleTime: Number.POSITIVE_INFINITY,
  });
  useEffect(() => {
    if (data?.status === 'submitted')
      void navigate({ to: '/my-tests/attempts/$attemptId/review', params: { attemptId }, replace: true });
  }, [data?.status, attemptId, navigate]);
  if (error) return <QueryError error={error} />;
  if (data?.status !== 'in_progress') return <PageHeader title={t('assessment.take.title')} />;
  return <Taking attempt={data} />;
}

function useClock(attempt: Attempt) {
  // The server's clock minus ours, so the countdown ignores a wrong clock on this computer.
  const [offset] = useState(() => new Date(attempt.serverNow).getTime() - Date.now());
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now() + offset), 1000);
    return () => clearInterval(id);
  }, [offset]);
  return attempt.deadline ? new Date(attempt.deadline).getTime() - now : null;
}

function Taking({ attempt }: { attempt: Attempt }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [answers, setAnswers] = useState<Record<number, AnswerResponse>>(() =>
    Object.fromEntries(attempt.answers.map((a) => [a.slot, a.response])),
  );
  const [refusal, setRefusal] = useState<{ slot: number; err: unknown } | null>(null);
  const toReview = useCallback(() => {
    void qc.invalidateQueries({ queryKey: asmKeys.all });
    void navigate({ to: '/my-tests/attempts/$attemptId/review', params: { attemptId: attempt.id } });
  }, [qc, navigate, attempt.id]);
  const saver = useAnswerSaver(attempt, {
    onClosed: toReview,
    onRefused: (slot, err) => setRefusal({ slot, err }),
  });
  const submit = useMutation({
    mutationFn: async () => {
      await saver.flush();
      saver.stop();
      return post<Review>(`/api/v1/attempts/${attempt.id}/submit`);
    },
    onSuccess: (r) => {
      qc.setQueryData(asmKeys.review(attempt.id), r);
      toReview();
    },
    onError: (err: unknown) => {
      // Already submitted (by the deadline job or another tab): show what there is.
      if ((err as ApiError).status === 409 || (err as ApiError).status === 422) toReview();
    },
  });
  // Leaving the page and coming back go into the attempt's log (R-ASM); a lost report is no matter.
  useEffect(() => {
    const seen = () => {
      const kind = document.visibilityState === 'hidden' ? 'left_page' : 'returned';
      post(`/api/v1/attempts/${attempt.id}/events`, { kind }).catch(() => undefined);
    };
    document.addEventListener('visibilitychange', seen);
    return () => document.removeEventListener('visibilitychange', seen);
  }, [attempt.id]);
  const sequential = attempt.navigation === 'sequential';
  const qs = attempt.questions;
  const firstOpen = sequential ? Math.max(0, ...attempt.answers.map((a) => a.slot)) : 0;
  const [current, setCurrent] = useState(firstOpen);
  const [showAll, setShowAll] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Countdown, with polite announcements at 5 and 1 minutes and a submit at zero.
  const left = useClock(attempt);
  const [announce, setAnnounce] = useState('');
  const announced = useRef(new Set<number>());
  const autoSubmitted = useRef(false);
  useEffect(() => {
    if (left === null) return;
    for (const m of [5, 1]) {
      if (left <= m * 60_000 && left > 0 && !announced.current.has(m)) {
        announced.current.add(m);
        setAnnounce(t('assessment.take.minutesLeft', { count: m }));
      }
    }
    if (left <= 0 && !autoSubmitted.current) {
      autoSubmitted.current = true;
      setAnnounce(t('assessment.take.timeUp'));
    }
    // A second past the deadline (server clock): answers still in flight land within the server's grace.
    if (left <= -1000 && !submit.isPending && !submit.isSuccess && !submit.isError) submit.mutate();
  }, [left, t, submit]);

  const change = (slot: number, r: AnswerResponse, debounceMs?: number) => {
    setAnswers((prev) => ({ ...prev, [slot]: r }));
    if (refusal?.slot === slot) setRefusal(null);
    saver.save(slot, r, debounceMs);
  };
  const go = (k: number) => {
    setCurrent(k);
    requestAnimationFrame(() => headingRef.current?.focus());
  };
  const unanswered = qs.filter((q) => answers[q.slot] === undefined);
  const visible = sequential || !showAll ? [qs[current]!] : qs;
  const low = left !== null && left <= 5 * 60_000;
  return (
    <Stack>
      <PageHeader title={t('assessment.take.title')}>
        {left !== null && (
          <Badge size="xl" variant={low ? 'filled' : 'outline'} color={low ? 'red.9' : 'dark'}>
            <span role="timer" aria-label={t('assessment.take.timeLeftLabel', { time: clockText(left) })}>
              {t('assessment.take.timeLeft', { time: clockText(left) })}
            </span>
          </Badge>
        )}
      </PageHeader>
      <VisuallyHidden aria-live="polite" role="status">
        {announce}
      </VisuallyHidden>
      <Text size="sm">
        {sequential ? t('assessment.take.sequentialIntro') : t('assessment.take.freeIntro')}
      </Text>
      {!sequential && (
        <nav aria-label={t('assessment.take.questionsNav')}>
          <Group gap={6}>
            {qs.map((q, k) => (
              <Button
                key={q.slot}
                size="compact-sm"
                variant={
                  !showAll && k === current ? 'filled' : answers[q.slot] !== undefined ? 'light' : 'default'
                }
                aria-current={!showAll && k === current ? 'step' : undefined}
                aria-label={t(
                  answers[q.slot] !== undefined
                    ? 'assessment.take.gotoAnswered'
                    : 'assessment.take.gotoUnanswered',
                  { n: k + 1 },
                )}
                onClick={() => {
                  setShowAll(false);
                  go(k);
                }}
              >
                {k + 1}
              </Button>
            ))}
            <Button size="compact-sm" variant="subtle" color="dark" onClick={() => setShowAll((s) => !s)}>
              {showAll ? t('assessment.take.oneByOne') : t('assessment.take.showAll')}
            </Button>
          </Group>
        </nav>
      )}
      {visible.map((q) => {
        const k = qs.indexOf(q);
        const labelId = `asm-q-${q.slot}`;
        return (
          <Card withBorder component="section" key={q.slot} aria-labelledby={`${labelId}-h`}>
            <Group justify="space-between" mb="xs">
              <Title
                order={2}
                size="h4"
                id={`${labelId}-h`}
                ref={visible.length === 1 ? headingRef : undefined}
                tabIndex={-1}
              >
                {t('assessment.take.questionOf', { n: k + 1, count: qs.length })}
              </Title>
              <Group gap="xs">
                <Text size="sm">{t('assessment.take.points', { points: q.points })}</Text>
                <SaveBadge state={saver.states[q.slot]} answered={answers[q.slot] !== undefined} />
              </Group>
            </Group>
            {q.type === 'cloze' ? (
              <Text id={labelId} size="sm" mb="xs">
                {t('assessment.take.clozeHint')}
              </Text>
            ) : (
              <RichText id={labelId} html={pick(i18n.language, q.text)} />
            )}
            <QuestionInput
              q={q}
              labelId={labelId}
              value={answers[q.slot] ?? null}
              onChange={(r, d) => change(q.slot, r, d)}
              attemptId={attempt.id}
              disabled={submit.isPending || (left !== null && left <= 0)}
            />
            {refusal?.slot === q.slot && (
              <Alert color="red.9" variant="outline" role="alert" mt="sm">
                {errorText(refusal.err, t)}
              </Alert>
            )}
          </Card>
        );
      })}
      {!showAll && (
        <Group justify="space-between">
          {!sequential ? (
            <Button variant="default" disabled={current === 0} onClick={() => go(current - 1)}>
              {t('assessment.take.previous')}
            </Button>
          ) : (
            <span />
          )}
          {current < qs.length - 1 && (
            <Button variant="default" onClick={() => go(current + 1)}>
              {t('assessment.take.next')}
            </Button>
          )}
        </Group>
      )}
      {sequential && current < qs.length - 1 && (
        <Text size="sm">{t('assessment.take.sequentialWarning')}</Text>
      )}
      <FormAlert error={submit.error} />
      <Group>
        <Button color="teal.9" onClick={() => setConfirm(true)} loading={submit.isPending}>
          {t('assessment.take.submit')}
        </Button>
      </Group>
      <AppModal opened={confirm} onClose={() => setConfirm(false)} title={t('assessment.take.confirmTitle')}>
        {unanswered.length === 0 ? (
          <Text mb="md">{t('assessment.take.allAnswered')}</Text>
        ) : (
          <>
            <Text mb="xs">{t('assessment.take.unanswered', { count: unanswered.length })}</Text>
            <List mb="md">
              {unanswered.map((q) => (
                <List.Item key={q.slot}>{t('assessment.take.questionN', { n: qs.indexOf(q) + 1 })}</List.Item>
              ))}
            </List>
          </>
        )}
        <Text size="sm" mb="md">
          {t('assessment.take.confirmText')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirm(false)} data-autofocus>
            {t('assessment.take.keepWorking')}
          </Button>
          <Button
            color="teal.9"
            loading={submit.isPending}
            onClick={() => {
              setConfirm(false);
              submit.mutate();
            }}
          >
            {t('assessment.take.submitNow')}
          </Button>
        </Group>
      </AppModal>
    </Stack>
  );
}

function SaveBadge({ state, answered }: { state: SaveState | undefined; answered: boolean }) {
  const { t } = useTranslation();
  const s = state ?? (answered ? 'saved' : null);
  const text = s ? t(`assessment.save.${s}`) : t('assessment.save.unanswered');
  const color = s === 'retrying' || s === 'failed' ? 'red.9' : s === 'saved' ? 'teal.9' : 'dark';
  return (
    <Badge variant="outline" color={color} role="status" aria-live="polite">
      {text}
    </Badge>
  );
}
